import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import type { Notification } from '../../domain/notification/notification.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { NotificationConnection, NotificationType } from './notification.type.ts';

@ArgsType()
class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only notifications nobody of the audience has marked read.' })
  unreadOnly?: boolean | null;
}

@InputType('MarkNotificationsReadInput')
class MarkNotificationsReadInput {
  @Field(() => [ID], { description: 'Notification ids, at most 200.' })
  ids!: string[];
}

@ObjectType('MarkNotificationsReadPayload')
class MarkNotificationsReadPayload {
  @Field(() => [NotificationType], { description: 'The caller’s notifications among the ids, after the change (others are ignored).' })
  notifications!: Notification[];

  @Field(() => Int, { description: 'The caller’s unread notifications left.' })
  unreadCount!: number;
}

/** The caller's notifications: those addressed to one of the caller's roles. */
@Resolver(() => NotificationType)
export class NotificationResolver {
  @Subscription(() => NotificationType, {
    topics: ['NOTIFICATION_CREATED', 'NOTIFICATION_READ'],
    description:
      'Each notification addressed to one of the caller’s roles when it is written (readAt null) and again when someone of its audience marks it read (readAt set), as of that change: pushes the unread count and the notification list (no polling).',
    filter: ({ payload, context }: { payload: EventDelivery<'NOTIFICATION_CREATED' | 'NOTIFICATION_READ'>; context: GraphQLContext }) =>
      (context.actor.roles as readonly string[]).includes(payload.payload.audience),
  })
  async notificationReceived(@Root() delivery: EventDelivery<'NOTIFICATION_CREATED' | 'NOTIFICATION_READ'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<Notification>('Notification', delivery);
  }

  @Query(() => NotificationConnection, { description: 'Notifications addressed to one of the caller’s roles, newest first.' })
  async notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.notifications.listForViewer(args, { unreadOnly: args.unreadOnly }));
  }

  @Query(() => Int, { description: 'Number of unread notifications addressed to one of the caller’s roles.' })
  async unreadNotificationCount(@Ctx() ctx: GraphQLContext) {
    return ctx.services.notifications.unreadCount();
  }

  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks notifications read for their audience role (at most 200 ids; ids the caller cannot see are ignored).' })
  async markNotificationsRead(@Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput, @Ctx() ctx: GraphQLContext) {
    const notifications = await ctx.services.notifications.markRead(input.ids.map((id) => parseId(id, 'Notification', 'ids')));
    return { notifications, unreadCount: await ctx.services.notifications.unreadCount() };
  }

  @FieldResolver(() => ID)
  id(@Root() root: Notification) {
    return toGlobalId('Notification', root.id);
  }

  @FieldResolver(() => [DetailEntryType])
  details(@Root() root: Notification): DetailEntryType[] {
    return toDetailEntries(root.details).map(toDetailEntryValue);
  }
}
