import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { systemClock } from '../infra/clock.ts';
import type { GraphQLContext } from './context.ts';
import { isFannedOutEvent } from './pubsub.ts';
import { visibilityClassOf } from './visibility-class.ts';

/**
 * Results of one event's executions, per (visibility class, document, variables): subscribers who would compute the
 * same thing from the same event — one user's tabs, a desk of screens — share one execution instead of each running
 * it (200 subscribers of one user: one execution per event, not 200). Kept only until the event's fan-out has been
 * executed (the next macrotask), so a later execution (a throttled subscriber's trailing push) reads afresh.
 */
const sharedExecutions = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/**
 * Subscribes like graphql-js `subscribe`, except that each event is executed with its own context
 * (`context.forEvent()`: services on a freshly forked EntityManager and new loaders). graphql-js would execute every
 * event with the subscription's one context, whose EntityManager lives as long as the socket: its identity map would
 * answer a related row (a run's strategy, a version's approval) as it was when first loaded, not as it is now.
 * Subscriptions with the same document and variables whose callers are in the same visibility class (see
 * visibility-class.ts) share the execution of each event (see {@link sharedExecutions}).
 * The source stream (authorization of the root field, the topic filter) keeps the subscription's context.
 * @returns the mapped event stream, or the ExecutionResult of a subscription that could not start.
 */
export async function subscribeWithContextPerEvent(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const context = args.contextValue as GraphQLContext;
  const operationKey = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? null)}\u0000${print(args.document)}`;
  const executeEvent = (payload: unknown) => execute({ ...args, rootValue: payload, contextValue: context.forEvent() });
  return mapEvents(source, (payload) => {
    if (!isFannedOutEvent(payload)) return executeEvent(payload);
    let executions = sharedExecutions.get(payload);
    if (!executions) {
      const created = new Map<string, Promise<ExecutionResult>>();
      executions = created;
      sharedExecutions.set(payload, created);
      setImmediate(() => {
        if (sharedExecutions.get(payload) === created) sharedExecutions.delete(payload);
      });
    }
    const key = `${visibilityClassOf(context.actor, systemClock.now(), context.services.governance.security.stepUpWindowMs)}\u0000${operationKey}`;
    let result = executions.get(key);
    if (!result) {
      result = Promise.resolve(executeEvent(payload));
      executions.set(key, result);
    }
    return result;
  });
}
/** Maps each value of `source` with `map`, one at a time; closing the result closes the source. */
function mapEvents<T, R>(source: AsyncIterable<T>, map: (value: T) => R | Promise<R>): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const close = async () => {
    await iterator.return?.();
  };
  const generator: AsyncGenerator<R> = {
    async next() {
      const result = await iterator.next();
      if (result.done) return { done: true, value: undefined };
      try {
        return { done: false, value: await map(result.value) };
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return() {
      await close();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
    async [Symbol.asyncDispose]() {
      await close();
    },
  };
  return generator;
}
