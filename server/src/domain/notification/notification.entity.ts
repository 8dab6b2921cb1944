import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { notificationKinds } from './notification-kind.ts';

const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: idColumn(),
    /** Role that should act, e.g. `research`, `risk`. */
    audience: p.string(),
    /** What it is about (closed set: {@link notificationKinds}). */
    kind: p.enum(notificationKinds),
    message: p.text(),
    subjectType: p.string().nullable(),
    subjectId: p.string().nullable(),
    details: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: createdAtColumn(),
    readAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['audience', 'createdAt'] }],
});

/** A message to a role (in-app; other channels later). */
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
