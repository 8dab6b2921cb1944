import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { notificationKinds } from './notification-kind.ts';
import { notificationSeverities } from './notification-severity.ts';

const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: idColumn(),
    /** Role that should act, e.g. `research`, `risk`. */
    audience: p.string(),
    /** What it is about (closed set: {@link notificationKinds}). */
    kind: p.enum(notificationKinds),
    /** How urgent (`notification-severity.ts`); channels forward those at or above their minimum. */
    severity: p.enum(notificationSeverities).default('info'),
    message: p.text(),
    subjectType: p.string().nullable(),
    subjectId: p.string().nullable(),
    details: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: createdAtColumn(),
    readAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['audience', 'createdAt'] }],
});

/** A message to a role: in-app, and through every notification channel subscribed to the role, kind and severity. */
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
