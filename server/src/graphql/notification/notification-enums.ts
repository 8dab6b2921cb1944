import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from '../screaming-enum.ts';
import { notificationSeverities } from '../../domain/notification/notification-severity.ts';
import { notificationChannelKinds } from '../../domain/notification/notification-channel.entity.ts';
import { notificationDeliveryStatuses } from '../../domain/notification/notification-delivery.entity.ts';
import { deliveryAttemptOutcomes } from '../../domain/notification/notification-delivery-attempt.entity.ts';

export const NotificationSeverityEnum = screamingEnum(notificationSeverities);
export const NotificationChannelKindEnum = screamingEnum(notificationChannelKinds);
export const NotificationDeliveryStatusEnum = screamingEnum(notificationDeliveryStatuses);
export const DeliveryAttemptOutcomeEnum = screamingEnum(deliveryAttemptOutcomes);

registerEnumType(NotificationSeverityEnum, { name: 'NotificationSeverity', description: 'INFO < WARNING < CRITICAL; a channel forwards notifications at or above its minimum.' });
registerEnumType(NotificationChannelKindEnum, {
  name: 'NotificationChannelKind',
  description: 'WEBHOOK: a JSON POST signed per the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256). EMAIL: a message through the configured SMTP server.',
});
registerEnumType(NotificationDeliveryStatusEnum, {
  name: 'NotificationDeliveryStatus',
  description: 'PENDING (queued, not tried) → DELIVERED (2xx / accepted by the SMTP server), or RETRYING (failed; next attempt at nextAttemptAt, exponential backoff) → … → FAILED (given up after the last attempt, or the channel was disabled or deleted).',
});
registerEnumType(DeliveryAttemptOutcomeEnum, { name: 'DeliveryAttemptOutcome', description: 'DELIVERED or FAILED.' });
