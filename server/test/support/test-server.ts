import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { parseConfig } from '../../src/infra/config.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useServiceHarness, type ServiceTestHarness } from './test-services.ts';

/** A GraphQL response as the wire carries it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A test file's own database plus a real API server on a free port. */
export interface ApiTestHarness extends ServiceTestHarness {
  server: RunningServer;
  /** POSTs one operation to /graphql like any client would. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A connected graphql-ws client on the server's /graphql; dispose it at the end of the test. */
  wsClient(): Promise<Client>;
}

export function useApiHarness(options: { importDir?: string } = {}): ApiTestHarness {
  const harness = useServiceHarness(options) as ApiTestHarness;
  beforeAll(async () => {
    const config = { ...parseConfig({ PORT: '0', DATABASE_URL: harness.database.url }), importDir: harness.importDir };
    harness.server = await startServer({
      config,
      orm: harness.orm,
      databaseUrl: harness.database.url,
      logger: createLogger('test-server', process.env.TEST_LOG_LEVEL ?? 'silent'),
    });
    harness.request = async (query, variables) => {
      const response = await fetch(`${harness.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    };
    harness.wsClient = async () => {
      const client = createClient({ url: `${harness.server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false });
      await new Promise<void>((resolveConnected) => client.on('connected', () => resolveConnected()));
      return client;
    };
  });
  afterAll(async () => {
    await harness.server?.close();
  });
  return harness;
}

/**
 * Subscribes and collects the next `count` results. Resolves `ready` shortly after subscribing: graphql-ws has
 * no acknowledgement for `subscribe`, so the server needs a moment to register the subscription.
 */
export function collectEvents<T>(client: Client, query: string, variables: Record<string, unknown>, count: number): { done: Promise<T[]>; ready: Promise<void> } {
  const events: T[] = [];
  const done = new Promise<T[]>((resolveDone, reject) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          events.push(result.data as T);
          if (events.length === count) {
            unsubscribe();
            resolveDone(events);
          }
        },
        error: reject,
        complete: () => resolveDone(events),
      },
    );
  });
  return { done, ready: new Promise((resolveReady) => setTimeout(resolveReady, 200)) };
}
