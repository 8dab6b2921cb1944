import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { EventDelivery, EventEnvelope, EventTopics } from '../domain/events.ts';

/** Event deliveries this process fanned out (one object per event, shared by every subscription of its topic). */
const fannedOutEvents = new WeakSet<object>();

/** True for the delivery object of an event fanned out by {@link makeEventPubSub}: the same object for all its subscribers. */
export function isFannedOutEvent(value: unknown): value is EventDelivery {
  return typeof value === 'object' && value !== null && fannedOutEvents.has(value);
}

/**
 * A pub/sub whose events come from Postgres NOTIFY: the process's event listener calls `deliver` for each
 * notification, and the pub/sub fans it out to this replica's subscriptions as `{ payload, snapshot }` — the
 * object's state as of the event. Nothing is published through it directly — services notify inside their
 * transactions.
 */
export function makeEventPubSub() {
  const eventTarget = new CountingEventTarget();
  // One listener per open subscription of a topic: hundreds are expected, not a leak.
  setMaxListeners(0, eventTarget);
  const pubSub = createPubSub<{ [K in keyof EventTopics]: [EventDelivery<K>] }>({ eventTarget: eventTarget as never });
  const deliver = (event: EventEnvelope) => {
    const detail: EventDelivery = { payload: event.payload, snapshot: event.snapshot ?? null };
    fannedOutEvents.add(detail);
    eventTarget.dispatchEvent(new CustomEvent(event.topic, { detail }));
  };
  /** Subscriptions of this replica listening for events now, of `topic` or of all topics (each counts once it starts). */
  const activeSubscriptions = (topic?: string) => eventTarget.listenerCount(topic);
  /** Live subscriptions per topic (topics nobody listens to are 0 or absent). */
  const subscriptionCounts = (): ReadonlyMap<string, number> => eventTarget.countsByType;
  return { pubSub, deliver, activeSubscriptions, subscriptionCounts };
}

/** An EventTarget that counts its listeners per event type: a subscription is live once its listener is registered. */
class CountingEventTarget extends EventTarget {
  private readonly counts = new Map<string, number>();

  /** Listeners per event type. */
  get countsByType(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Listeners of `type`, or of every type. */
  listenerCount(type?: string): number {
    if (type !== undefined) return this.counts.get(type) ?? 0;
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.counts.set(args[0], this.listenerCount(args[0]) + 1);
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.counts.set(args[0], Math.max(0, this.listenerCount(args[0]) - 1));
    super.removeEventListener(...args);
  }
}
