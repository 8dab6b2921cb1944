import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '../auth/roles.ts';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import type { NotificationKind } from './notification-kind.ts';
import { notificationSeverities } from './notification-severity.ts';

/** How a channel delivers: a signed HTTP POST (Standard Webhooks) or an email over the configured SMTP server. */
export const notificationChannelKinds = ['webhook', 'email'] as const;
export type NotificationChannelKind = (typeof notificationChannelKinds)[number];

const NotificationChannelSchema = defineEntity({
  name: 'NotificationChannel',
  tableName: 'notification_channel',
  properties: {
    id: idColumn(),
    /** What admins call it (unique among channels not deleted), 1–100 characters. */
    name: p.string(),
    kind: p.enum(notificationChannelKinds),
    /** A disabled channel receives no new deliveries (those already queued are given up when they run). */
    enabled: p.boolean().default(true),
    /** Roles whose notifications it forwards (at least one). */
    audiences: p.json<Role[]>().columnType('jsonb'),
    /** Notification kinds it forwards; empty = every kind. */
    notificationKinds: p.json<NotificationKind[]>().columnType('jsonb'),
    /** Lowest severity it forwards. */
    minimumSeverity: p.enum(notificationSeverities).default('info'),
    /** Webhook: the endpoint (http or https, no credentials in it, at most 2,048 characters); null for email. */
    url: p.text().nullable(),
    /**
     * Webhook: the signing secret (`whsec_…`), sealed with the secret box bound to this row
     * (`notification_channel.secret:<id>`); never serialized, logged or returned. Null for email.
     */
    sealedSecret: p.text().nullable().hidden(),
    /** Email: the recipients' addresses (1–20); empty for a webhook. */
    recipients: p.json<string[]>().columnType('jsonb'),
    createdBy: p.manyToOne(User).nullable().deleteRule('no action'),
    createdAt: createdAtColumn(),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
    /** When an admin deleted it (its secret is wiped then; the row stays for its delivery log); null while it exists. */
    deletedAt: p.datetime().nullable(),
  },
  indexes: [
    {
      name: 'notification_channel_name_unique',
      expression: `create unique index "notification_channel_name_unique" on "notification_channel" ("name") where "deleted_at" is null`,
    },
  ],
  checks: [
    {
      name: 'notification_channel_target_check',
      expression: `(kind = 'webhook' and url is not null and (sealed_secret is not null or deleted_at is not null)) or (kind = 'email' and url is null and sealed_secret is null)`,
    },
  ],
});

/**
 * Where notifications go besides the in-app inbox, configured by admins: a webhook endpoint or a list of email
 * recipients, subscribed to roles, notification kinds and a minimum severity. Every notification written for a
 * subscribed role queues one delivery per matching channel, in the writer's transaction.
 */
export class NotificationChannel extends NotificationChannelSchema.class {}
NotificationChannelSchema.setClass(NotificationChannel);
