import { createPubSub } from '@graphql-yoga/subscription';
import type { EventDelivery, EventEnvelope, EventTopics } from '../domain/events.ts';

/**
 * A pub/sub whose events come from Postgres NOTIFY: the process's event listener calls `deliver` for each
 * notification, and the pub/sub fans it out to this replica's subscriptions as `{ payload, snapshot }` — the
 * object's state as of the event. Nothing is published through it directly — services notify inside their
 * transactions.
 */
export function makeEventPubSub() {
  const eventTarget = new EventTarget();
  const pubSub = createPubSub<{ [K in keyof EventTopics]: [EventDelivery<K>] }>({ eventTarget: eventTarget as never });
  const deliver = (event: EventEnvelope) => {
    const detail: EventDelivery = { payload: event.payload, snapshot: event.snapshot ?? null };
    eventTarget.dispatchEvent(new CustomEvent(event.topic, { detail }));
  };
  return { pubSub, deliver };
}
