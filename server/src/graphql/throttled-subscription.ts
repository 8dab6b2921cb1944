import type { GraphQLFieldConfig, GraphQLSchema } from 'graphql';
import { Repeater } from '@graphql-yoga/subscription';

/** What a throttled subscription receives first, at once, before any event: "compute the current state". */
export const initialPush = Object.freeze({ initial: true as const });

/**
 * At most one value per `intervalMs` from `source`, per subscriber: `first` at once, then each burst of values
 * collapses to its LAST value, delivered `intervalMs` after the previous push (trailing edge) — the subscriber always
 * ends on the latest change and never waits more than `intervalMs` for it. Closing the result closes `source`.
 */
export function throttleEvents<T>(source: AsyncIterable<T>, intervalMs: number, first: T): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    let lastPushMs = Date.now();
    let pending: { value: T } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (!pending) return;
      const { value } = pending;
      pending = null;
      lastPushMs = Date.now();
      void push(value);
    };
    void push(first);
    const pump = (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        pending = { value: next.value };
        if (timer === undefined) timer = setTimeout(flush, Math.max(0, lastPushMs + intervalMs - Date.now()));
      }
    })();
    pump.then(
      () => {
        clearTimeout(timer);
        flush();
        stop();
      },
      (error: unknown) => stop(error),
    );
    await stop;
    clearTimeout(timer);
    await iterator.return?.();
  });
}

/**
 * Wraps the `subscribe` of `Subscription.<fieldName>` with {@link throttleEvents} (first push: {@link initialPush}).
 * Mutates and returns `schema`. @throws Error when the field does not exist.
 */
export function throttleSubscriptionField(schema: GraphQLSchema, fieldName: string, intervalMs: number): GraphQLSchema {
  const field = schema.getSubscriptionType()?.getFields()[fieldName] as (GraphQLFieldConfig<unknown, unknown> & { subscribe?: GraphQLFieldConfig<unknown, unknown>['subscribe'] }) | undefined;
  if (!field?.subscribe) throw new Error(`Subscription.${fieldName} does not exist`);
  const subscribe = field.subscribe;
  field.subscribe = async (source, args, context, info) => {
    const events = await subscribe(source, args, context, info);
    if (!events || typeof events !== 'object' || !(Symbol.asyncIterator in events)) return events;
    return throttleEvents(events as AsyncIterable<unknown>, intervalMs, initialPush);
  };
  return schema;
}
