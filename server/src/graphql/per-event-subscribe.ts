import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { GraphQLContext } from './context.ts';

/**
 * Subscribes like graphql-js `subscribe`, except that each event is executed with its own context
 * (`context.forEvent()`: services on a freshly forked EntityManager and new loaders). graphql-js would execute every
 * event with the subscription's one context, whose EntityManager lives as long as the socket: its identity map would
 * answer a related row (a run's strategy, a version's approval) as it was when first loaded, not as it is now.
 * The source stream (authorization of the root field, the topic filter) keeps the subscription's context.
 * @returns the mapped event stream, or the ExecutionResult of a subscription that could not start.
 */
export async function subscribeWithContextPerEvent(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const context = args.contextValue as GraphQLContext;
  return mapEvents(source, (payload) => execute({ ...args, rootValue: payload, contextValue: context.forEvent() }));
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
