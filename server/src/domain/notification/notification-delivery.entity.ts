import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { NotificationChannel } from './notification-channel.entity.ts';
import { Notification } from './notification.entity.ts';

/**
 * - `pending`: queued, not tried yet;
 * - `retrying`: an attempt failed, the next one is queued for `nextAttemptAt`;
 * - `delivered`: the endpoint answered 2xx, or the SMTP server accepted the message;
 * - `failed`: given up (last attempt failed, or the channel was disabled or deleted meanwhile).
 */
export const notificationDeliveryStatuses = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type NotificationDeliveryStatus = (typeof notificationDeliveryStatuses)[number];

/** What the delivery carries: a notification's kind, or `channel.test` (an admin's test message). */
export type NotificationDeliveryEvent = string;

const NotificationDeliverySchema = defineEntity({
  name: 'NotificationDelivery',
  tableName: 'notification_delivery',
  properties: {
    /** Also the `webhook-id` header: the same on every retry, so a receiver processes the message once. */
    id: idColumn(),
    channel: p.manyToOne(NotificationChannel).deleteRule('no action'),
    /** The notification delivered (the first of its audience roles the channel subscribes to); null for a test message. */
    notification: p.manyToOne(Notification).nullable().deleteRule('no action'),
    /** `incident.opened`, `job.escalated`, … or `channel.test`. */
    event: p.string(),
    /** The message as of the event, exactly the JSON body sent on every attempt (no secret in it). */
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    status: p.enum(notificationDeliveryStatuses).default('pending'),
    /** Attempts made so far. */
    attempts: p.integer().default(0),
    /** Attempts allowed in all (the first and the retries). */
    maxAttempts: p.integer(),
    /** When the next attempt is queued for; null unless `retrying` (or `pending`: at once). */
    nextAttemptAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    /** Webhook: HTTP status of the last answer; null for email or when no answer came (timeout, refused connection). */
    lastHttpStatus: p.integer().nullable(),
    /** The SMTP server's reply to the last attempt (e.g. `250 OK`), or the HTTP status text; at most 500 characters. */
    lastResponse: p.text().nullable(),
    /** Why the last attempt failed (timeout, connection refused, non-2xx, SMTP error); at most 500 characters. */
    lastError: p.text().nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['channel', 'createdAt'] }, { properties: ['status', 'createdAt'] }],
  checks: [{ name: 'notification_delivery_attempts_check', expression: 'attempts >= 0 and max_attempts >= 1 and attempts <= max_attempts' }],
});

/**
 * One message to one channel and its fate (the delivery log): attempts, status, the last answer, the next attempt.
 * Each attempt is kept in `notification_delivery_attempt`.
 */
export class NotificationDelivery extends NotificationDeliverySchema.class {}
NotificationDeliverySchema.setClass(NotificationDelivery);
