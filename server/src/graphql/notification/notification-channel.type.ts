import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Role } from '../../domain/auth/roles.ts';
import type { NotificationChannel, NotificationChannelKind } from '../../domain/notification/notification-channel.entity.ts';
import type { DeliveryAttemptOutcome, NotificationDeliveryAttempt } from '../../domain/notification/notification-delivery-attempt.entity.ts';
import type { NotificationDelivery, NotificationDeliveryStatus } from '../../domain/notification/notification-delivery.entity.ts';
import type { NotificationKind } from '../../domain/notification/notification-kind.ts';
import type { NotificationSeverity } from '../../domain/notification/notification-severity.ts';
import { RoleEnum } from '../auth/auth.types.ts';
import type { EntityFields } from '../entity-fields.ts';
import { NodeInterface, makeConnectionType } from '../relay.ts';
import { DeliveryAttemptOutcomeEnum, NotificationChannelKindEnum, NotificationDeliveryStatusEnum, NotificationSeverityEnum } from './notification-enums.ts';

@ObjectType('NotificationChannel', {
  implements: NodeInterface,
  description:
    'Where notifications go besides the in-app inbox (admins configure it): a signed webhook or email recipients, subscribed to roles, notification kinds and a minimum severity. Its signing secret is never returned: hasSecret says whether one is set.',
})
export class NotificationChannelType extends NodeInterface implements EntityFields<NotificationChannel, 'sealedSecret' | 'createdBy'> {
  @Field(() => String, { description: 'Unique among channels not deleted, 1–100 characters.' })
  name!: string;

  @Field(() => NotificationChannelKindEnum)
  kind!: NotificationChannelKind;

  @Field(() => Boolean, { description: 'A disabled channel receives no new deliveries.' })
  enabled!: boolean;

  @Field(() => [RoleEnum], { description: 'Roles whose notifications it forwards.' })
  audiences!: Role[];

  @Field(() => [String], { description: 'Notification kinds it forwards (incident.opened, job.escalated, scorecard.incomplete, …); empty = every kind.' })
  notificationKinds!: NotificationKind[];

  @Field(() => NotificationSeverityEnum, { description: 'Lowest severity it forwards.' })
  minimumSeverity!: NotificationSeverity;

  @Field(() => String, { nullable: true, description: 'Webhook endpoint (http or https); null for email.' })
  url!: string | null;

  @Field(() => [String], { description: 'Email recipients; empty for a webhook.' })
  recipients!: string[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was deleted (kept for its delivery log); null while it exists.' })
  deletedAt!: Date | null;
}

@ObjectType('NotificationDeliveryAttempt', { description: 'One attempt of a delivery: when, how long, what the endpoint or SMTP server answered.' })
export class NotificationDeliveryAttemptType implements EntityFields<NotificationDeliveryAttempt, 'delivery' | 'id'> {
  @Field(() => Int, { description: '1 for the first attempt.' })
  attempt!: number;

  @Field(() => Date)
  startedAt!: Date;

  @Field(() => Int, { description: 'Wall time the attempt took, milliseconds.' })
  durationMs!: number;

  @Field(() => DeliveryAttemptOutcomeEnum)
  outcome!: DeliveryAttemptOutcome;

  @Field(() => Int, { nullable: true, description: 'Webhook: HTTP status of the answer; null for email or without an answer (timeout, refused).' })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The SMTP reply or the HTTP status text, at most 500 characters.' })
  response!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, at most 500 characters.' })
  error!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt was queued for; null when delivered or given up.' })
  nextAttemptAt!: Date | null;
}

@ObjectType('NotificationDelivery', {
  implements: NodeInterface,
  description:
    'One message to one channel (the delivery log): its status, attempts, the last answer and the next attempt. Its id is the webhook-id header (the same on every retry, so receivers process it once).',
})
export class NotificationDeliveryType extends NodeInterface implements EntityFields<NotificationDelivery, 'channel' | 'notification' | 'payload'> {
  @Field(() => String, { description: 'The notification kind delivered (incident.opened, …) or channel.test.' })
  event!: string;

  @Field(() => NotificationDeliveryStatusEnum)
  status!: NotificationDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Int, { description: 'Attempts allowed in all (the first and the retries).' })
  maxAttempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is queued for; null unless RETRYING.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Webhook: HTTP status of the last answer.' })
  lastHttpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The SMTP reply or HTTP status text of the last attempt.' })
  lastResponse!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const NotificationDeliveryConnection = makeConnectionType('NotificationDelivery', NotificationDeliveryType);
