import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';

const EventOverflowSchema = defineEntity({
  name: 'EventOverflow',
  tableName: 'event_overflow',
  properties: {
    id: idColumn(),
    /** The whole event (topic, payload, snapshot) whose JSON exceeded NOTIFY's 8000-byte payload limit. */
    envelope: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['createdAt'] }],
});

/**
 * An event too large for a NOTIFY payload, stored in the publishing transaction; the notification carries only its
 * id and each listening process reads it once. Rows older than an hour are pruned by later overflows.
 */
export class EventOverflow extends EventOverflowSchema.class {}
EventOverflowSchema.setClass(EventOverflow);
