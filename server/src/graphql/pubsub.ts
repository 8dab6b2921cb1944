import { createPubSub } from '@graphql-yoga/subscription';
import type { EventEnvelope, EventTopics } from '../domain/events.ts';

/**
 * A pub/sub whose events come from Postgres NOTIFY: the process's event listener calls `deliver` for each
 * notification, and the pub/sub fans it out to this replica's subscriptions. Nothing is published through it
 * directly — services notify inside their transactions.
 */
export function makeEventPubSub() {
  const eventTarget = new EventTarget();
  const pubSub = createPubSub<{ [K in keyof EventTopics]: [EventTopics[K]] }>({ eventTarget: eventTarget as never });
  const deliver = (event: EventEnvelope) => {
    eventTarget.dispatchEvent(new CustomEvent(event.topic, { detail: event.payload }));
  };
  return { pubSub, deliver };
}
