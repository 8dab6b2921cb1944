import type { EntityManager } from '@mikro-orm/postgresql';
import { eventChannel, type EventEnvelope, type EventTopic, type EventTopics } from '../../domain/events.ts';

/**
 * Publishes an event with `pg_notify` on the transaction `em` runs in: delivered on COMMIT, never for
 * rolled-back work, to listeners in every process (server replicas, workers).
 */
export async function publishEvent<T extends EventTopic>(em: EntityManager, topic: T, payload: EventTopics[T]): Promise<void> {
  const envelope: EventEnvelope<T> = { topic, payload };
  await em.execute('select pg_notify(?, ?)', [eventChannel, JSON.stringify(envelope)]);
}
