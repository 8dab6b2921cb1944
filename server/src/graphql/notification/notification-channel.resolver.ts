import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Role } from '../../domain/auth/roles.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { NotificationChannel, NotificationChannelKind } from '../../domain/notification/notification-channel.entity.ts';
import type { NotificationDelivery, NotificationDeliveryStatus } from '../../domain/notification/notification-delivery.entity.ts';
import type { NotificationSeverity } from '../../domain/notification/notification-severity.ts';
import { RoleEnum } from '../auth/auth.types.ts';
import type { GraphQLContext } from '../context.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { NotificationChannelType, NotificationDeliveryAttemptType, NotificationDeliveryConnection, NotificationDeliveryType } from './notification-channel.type.ts';
import { NotificationChannelKindEnum, NotificationDeliveryStatusEnum, NotificationSeverityEnum } from './notification-enums.ts';

@InputType('CreateNotificationChannelInput', { description: 'A new channel: a webhook (url, optional secret) or email (recipients).' })
class CreateNotificationChannelInput {
  @Field(() => String, { description: 'Unique among channels, 1–100 characters.' })
  name!: string;

  @Field(() => NotificationChannelKindEnum)
  kind!: NotificationChannelKind;

  @Field(() => [RoleEnum], { description: 'Roles whose notifications it forwards (at least one).' })
  audiences!: Role[];

  @Field(() => [String], { nullable: true, description: 'Notification kinds it forwards; empty or absent = every kind.' })
  notificationKinds?: string[] | null;

  @Field(() => NotificationSeverityEnum, { nullable: true, description: 'Lowest severity it forwards (default INFO).' })
  minimumSeverity?: NotificationSeverity | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Webhook: the endpoint, an http(s) URL without credentials or fragment, at most 2,048 characters.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Webhook: the signing secret, "whsec_" + base64 of 24–64 random bytes; absent = generated and returned once in the payload.' })
  secret?: string | null;

  @Field(() => [String], { nullable: true, description: 'Email: 1–20 recipient addresses.' })
  recipients?: string[] | null;
}

@InputType('UpdateNotificationChannelInput', { description: 'Changes to a channel; absent fields stay as they are (its kind never changes).' })
class UpdateNotificationChannelInput {
  @Field(() => ID)
  channelId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => [RoleEnum], { nullable: true })
  audiences?: Role[] | null;

  @Field(() => [String], { nullable: true, description: 'Empty = every kind.' })
  notificationKinds?: string[] | null;

  @Field(() => NotificationSeverityEnum, { nullable: true })
  minimumSeverity?: NotificationSeverity | null;

  @Field(() => String, { nullable: true, description: 'Webhook: a new endpoint.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Webhook: a new signing secret ("whsec_…").' })
  secret?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Webhook: replace the signing secret with a generated one (returned once in the payload).' })
  rotateSecret?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Email: the new recipients (1–20).' })
  recipients?: string[] | null;
}

@InputType('NotificationChannelRefInput')
class NotificationChannelRefInput {
  @Field(() => ID)
  channelId!: string;
}

@ObjectType('NotificationChannelPayload')
class NotificationChannelPayload {
  @Field(() => NotificationChannelType, { description: 'The channel after the change.' })
  channel!: NotificationChannel;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret the platform generated in THIS call (create without a secret, or rotateSecret): shown this once, never again — configure the receiver with it. Null otherwise.',
  })
  generatedSecret!: string | null;
}

@ObjectType('SendTestNotificationPayload')
class SendTestNotificationPayload {
  @Field(() => NotificationDeliveryType, { description: 'The queued test delivery; follow it in the delivery log (notificationDeliveryUpdated).' })
  delivery!: NotificationDelivery;
}

@ArgsType()
class NotificationDeliveriesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deliveries to this channel.' })
  channelId?: string | null;

  @Field(() => NotificationDeliveryStatusEnum, { nullable: true })
  status?: NotificationDeliveryStatus | null;
}

function channelInput(input: CreateNotificationChannelInput | UpdateNotificationChannelInput) {
  return { ...input, notificationKinds: input.notificationKinds ?? undefined };
}

/** Notification channels (admins; compliance reads). */
@Resolver(() => NotificationChannelType)
export class NotificationChannelResolver {
  @Query(() => [NotificationChannelType], { description: 'Notification channels not deleted, by name (admin, compliance).' })
  async notificationChannels(@Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationChannels.list();
  }

  @Query(() => NotificationChannelType)
  async notificationChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationChannels.get(parseId(id, 'NotificationChannel'));
  }

  @Mutation(() => NotificationChannelPayload, { description: 'Creates a notification channel (admin, production action: TOTP step-up; audited without its secret).' })
  async createNotificationChannel(@Arg('input', () => CreateNotificationChannelInput) input: CreateNotificationChannelInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationChannels.create(channelInput(input));
  }

  @Mutation(() => NotificationChannelPayload, { description: 'Changes a notification channel (admin, TOTP step-up; audited without its secret).' })
  async updateNotificationChannel(@Arg('input', () => UpdateNotificationChannelInput) input: UpdateNotificationChannelInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationChannels.update(parseId(input.channelId, 'NotificationChannel', 'channelId'), channelInput(input));
  }

  @Mutation(() => NotificationChannelPayload, { description: 'Deletes a notification channel: no new deliveries, queued ones are given up, its secret is wiped; its delivery log stays (admin, TOTP step-up).' })
  async deleteNotificationChannel(@Arg('input', () => NotificationChannelRefInput) input: NotificationChannelRefInput, @Ctx() ctx: GraphQLContext) {
    return { channel: await ctx.services.notificationChannels.delete(parseId(input.channelId, 'NotificationChannel', 'channelId')), generatedSecret: null };
  }

  @Mutation(() => SendTestNotificationPayload, { description: 'Queues a test message (event channel.test) to one channel (admin; no step-up).' })
  async sendTestNotification(@Arg('input', () => NotificationChannelRefInput) input: NotificationChannelRefInput, @Ctx() ctx: GraphQLContext) {
    return { delivery: await ctx.services.notificationChannels.sendTest(parseId(input.channelId, 'NotificationChannel', 'channelId')) };
  }

  @FieldResolver(() => ID)
  id(@Root() root: NotificationChannel) {
    return toGlobalId('NotificationChannel', root.id);
  }

  @FieldResolver(() => Boolean, { description: 'Webhook: whether a signing secret is set (the secret itself is never returned).' })
  hasSecret(@Root() root: NotificationChannel): boolean {
    return root.sealedSecret !== null && root.sealedSecret !== undefined;
  }
}

/** The delivery log (admin, risk, compliance). */
@Resolver(() => NotificationDeliveryType)
export class NotificationDeliveryResolver {
  @Query(() => NotificationDeliveryConnection, { description: 'The delivery log, newest first (admin, risk, compliance).' })
  async notificationDeliveries(@Args(() => NotificationDeliveriesArgs) args: NotificationDeliveriesArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(
      await ctx.services.notificationDeliveries.list(args, { channelId: args.channelId ? parseId(args.channelId, 'NotificationChannel', 'channelId') : null, status: args.status }),
    );
  }

  @Subscription(() => NotificationDeliveryType, {
    topics: ['NOTIFICATION_DELIVERY_UPDATED'],
    description: 'Each delivery when it is queued and after each attempt, as of that change (admin, risk, compliance).',
  })
  async notificationDeliveryUpdated(@Root() delivery: EventDelivery<'NOTIFICATION_DELIVERY_UPDATED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<NotificationDelivery>('NotificationDelivery', delivery);
  }

  @FieldResolver(() => ID)
  id(@Root() root: NotificationDelivery) {
    return toGlobalId('NotificationDelivery', root.id);
  }

  @FieldResolver(() => String, { description: 'Name of the channel it went to.' })
  async channelName(@Root() root: NotificationDelivery, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.notificationDeliveries.channelOf(root)).name;
  }

  @FieldResolver(() => ID, { description: 'Id of the channel it went to.' })
  channelId(@Root() root: NotificationDelivery) {
    return toGlobalId('NotificationChannel', root.channel.id);
  }

  @FieldResolver(() => NotificationChannelKindEnum)
  async channelKind(@Root() root: NotificationDelivery, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.notificationDeliveries.channelOf(root)).kind;
  }

  @FieldResolver(() => NotificationSeverityEnum, { description: 'Severity of the message delivered.' })
  severity(@Root() root: NotificationDelivery): NotificationSeverity {
    return String(payloadData(root).severity ?? 'info') as NotificationSeverity;
  }

  @FieldResolver(() => String, { description: 'The message delivered, as of the event.' })
  message(@Root() root: NotificationDelivery): string {
    return String(payloadData(root).message ?? '');
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The notification delivered; null for a test message.' })
  notificationId(@Root() root: NotificationDelivery) {
    return root.notification ? toGlobalId('Notification', root.notification.id) : null;
  }

  @FieldResolver(() => [DetailEntryType], { description: 'The details delivered with the message, one entry per value.' })
  details(@Root() root: NotificationDelivery): DetailEntryType[] {
    return toDetailEntries((payloadData(root).details ?? {}) as Record<string, unknown>).map(toDetailEntryValue);
  }

  @FieldResolver(() => [NotificationDeliveryAttemptType], { description: 'Every attempt, first first.' })
  async attemptLog(@Root() root: NotificationDelivery, @Ctx() ctx: GraphQLContext) {
    return ctx.services.notificationDeliveries.attempts(root.id);
  }
}

function payloadData(delivery: NotificationDelivery): Record<string, unknown> {
  return (delivery.payload?.data ?? {}) as Record<string, unknown>;
}
