import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { NotificationDelivery } from './notification-delivery.entity.ts';

export const deliveryAttemptOutcomes = ['delivered', 'failed'] as const;
export type DeliveryAttemptOutcome = (typeof deliveryAttemptOutcomes)[number];

const NotificationDeliveryAttemptSchema = defineEntity({
  name: 'NotificationDeliveryAttempt',
  tableName: 'notification_delivery_attempt',
  properties: {
    id: idColumn(),
    delivery: p.manyToOne(NotificationDelivery).deleteRule('no action'),
    /** 1 for the first attempt. */
    attempt: p.integer(),
    startedAt: p.datetime(),
    /** Wall time the attempt took, milliseconds. */
    durationMs: p.integer(),
    outcome: p.enum(deliveryAttemptOutcomes),
    /** Webhook: HTTP status of the answer; null for email or without an answer. */
    httpStatus: p.integer().nullable(),
    /** SMTP reply or HTTP status text, at most 500 characters. */
    response: p.text().nullable(),
    /** Why it failed, at most 500 characters. */
    error: p.text().nullable(),
    /** When the next attempt was queued for (a failed attempt with retries left); null otherwise. */
    nextAttemptAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['delivery', 'attempt'] }],
});

/** One attempt of a delivery (append-only): when, how long, and what the endpoint or SMTP server answered. */
export class NotificationDeliveryAttempt extends NotificationDeliveryAttemptSchema.class {}
NotificationDeliveryAttemptSchema.setClass(NotificationDeliveryAttempt);
