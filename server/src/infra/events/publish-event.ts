import type { EntityManager } from '@mikro-orm/postgresql';
import { EventOverflow } from '../../domain/event-log/event-overflow.entity.ts';
import { eventChannel, type EventEnvelope, type EventNotification, type EventSnapshot, type EventTopic, type EventTopics } from '../../domain/events.ts';
import { eventObjects, type EventObject } from './event-objects.ts';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger events go through `event_overflow`. */
export const maxNotifyPayloadBytes = 7900;

/** How long an overflowed event is kept for listeners to read (they read it as soon as it is notified). */
const overflowRetentionMinutes = 60;

/**
 * Publishes an event with `pg_notify` on the transaction `em` runs in: delivered on COMMIT, never for
 * rolled-back work, to listeners in every process (server replicas, workers). Pending changes are flushed first and
 * the event carries the object's row as read now, inside the transaction — the state as of this event. An event
 * whose JSON exceeds {@link maxNotifyPayloadBytes} is stored in `event_overflow` and notified by id.
 */
export async function publishEvent<T extends EventTopic>(em: EntityManager, topic: T, payload: EventTopics[T]): Promise<void> {
  await em.flush();
  const object = eventObjects[topic] as EventObject<T> | undefined;
  const snapshot = object ? await readSnapshot(em, object, payload) : null;
  const envelope: EventEnvelope<T> = { topic, payload, snapshot };
  let body = JSON.stringify(envelope);
  if (Buffer.byteLength(body) > maxNotifyPayloadBytes) {
    const overflow = em.create(EventOverflow, { envelope: envelope as unknown as Record<string, unknown> });
    await em.flush();
    await em.execute(`delete from event_overflow where created_at < now() - interval '${overflowRetentionMinutes} minutes'`);
    body = JSON.stringify({ overflowId: overflow.id } satisfies EventNotification);
  }
  await em.execute('select pg_notify(?, ?)', [eventChannel, body]);
}

async function readSnapshot<T extends EventTopic>(em: EntityManager, object: EventObject<T>, payload: EventTopics[T]): Promise<EventSnapshot | null> {
  const meta = em.getMetadata().get(object.entity);
  const table = meta.schema ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
  const rows = await em.execute<{ row: EventSnapshot }[]>(`select row_to_json(t) as row from ${table} t where t.id = ?`, [object.idOf(payload)]);
  return rows[0]?.row ?? null;
}
