import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll } from 'vitest';
import { roles, type Role } from '../../src/domain/auth/roles.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { parseConfig } from '../../src/infra/config.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useServiceHarness, type ServiceTestHarness } from './test-services.ts';

/** A GraphQL response as the wire carries it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Who a test request acts as: a role's API token (with TOTP step-up), any bearer token, or nobody. */
export type RequestIdentity = { role: Role } | { token: string } | { cookie: string } | 'anonymous';

/** A test file's own database plus a real API server on a free port, and one user per role. */
export interface ApiTestHarness extends ServiceTestHarness {
  server: RunningServer;
  /** API tokens (created with a TOTP step-up) of `<role>@test.crucible.local`, one user per role. */
  tokens: Record<Role, string>;
  /** POSTs one operation to /graphql like any client would; as the research user unless `as` says otherwise. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: RequestIdentity): Promise<GraphQLResponse<T>>;
  /** A connected graphql-ws client on the server's /graphql (research user by default); dispose it at the end. */
  wsClient(as?: RequestIdentity): Promise<Client>;
}

/** Password of the test user of `role` (`<role>@test.crucible.local`). */
export const testPassword = (role: Role) => `${role}-test-password`;
export const testEmail = (role: Role) => `${role}@test.crucible.local`;

export function useApiHarness(options: { importDir?: string } = {}): ApiTestHarness {
  const harness = useServiceHarness(options) as ApiTestHarness;
  beforeAll(async () => {
    const config = { ...parseConfig({ PORT: '0', DATABASE_URL: harness.database.appUrl }), importDir: harness.importDir };
    harness.server = await startServer({
      config,
      orm: harness.orm,
      databaseUrl: harness.database.appUrl,
      logger: createLogger('test-server', process.env.TEST_LOG_LEVEL ?? 'silent'),
    });
    harness.tokens = {} as Record<Role, string>;
    for (const role of roles) {
      await harness.services().users.create({ email: testEmail(role), password: testPassword(role), roles: [role] });
      harness.tokens[role] = (await harness.services().auth.createApiTokenForUser(testEmail(role), { name: 'tests', stepUp: true })).secret;
    }
    const headersFor = (as: RequestIdentity = { role: 'research' }): Record<string, string> => {
      if (as === 'anonymous') return {};
      if ('cookie' in as) return { cookie: as.cookie };
      return { authorization: `Bearer ${'token' in as ? as.token : harness.tokens[as.role]}` };
    };
    harness.request = async (query, variables, as) => {
      const response = await fetch(`${harness.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headersFor(as) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    };
    harness.wsClient = async (as) => {
      const headers = headersFor(as);
      const client = createClient({
        url: `${harness.server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: headers.cookie ? class extends WebSocket { constructor(url: string, protocols?: string | string[]) { super(url, protocols, { headers }); } } : WebSocket,
        connectionParams: headers.authorization ? { authorization: headers.authorization } : {},
        lazy: false,
        retryAttempts: 0,
        // Closures are reported through the 'closed' listener below (and asserted by tests), not logged.
        onNonLazyError: () => {},
      });
      await new Promise<void>((resolveConnected, reject) => {
        client.on('connected', () => resolveConnected());
        client.on('closed', (event) => reject(new Error(`socket closed: ${(event as { code?: number }).code}`)));
      });
      return client;
    };
  });
  afterAll(async () => {
    await harness.server?.close();
  });
  return harness;
}

/**
 * Resolves once `server` has at least `count` more live subscriptions than `before`: graphql-ws has no
 * acknowledgement for `subscribe`, so tests wait for the server to register the subscription's listener.
 */
export async function subscriptionsLive(server: RunningServer, before: number, count = 1): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (server.activeSubscriptions() < before + count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} subscription(s) to go live`);
    await new Promise((resolveSoon) => setImmediate(resolveSoon));
  }
}

/** Subscriptions started in the same synchronous step (no await between them) on one server. */
let batch: { server: RunningServer; before: number; size: number } | null = null;

/** How many live subscriptions `server` has once this one (and those started just before it, in the same step) are live. */
function liveTarget(server: RunningServer): number {
  if (batch?.server !== server) {
    const current = { server, before: server.activeSubscriptions(), size: 0 };
    batch = current;
    queueMicrotask(() => {
      if (batch === current) batch = null;
    });
  }
  batch.size += 1;
  return batch.before + batch.size;
}

/**
 * Subscribes on `client` (a socket of `server`) and collects the next `count` results. `ready` resolves once the
 * server listens for the subscription's events (and for those started in the same step before it).
 */
export function collectEvents<T>(server: RunningServer, client: Client, query: string, variables: Record<string, unknown>, count: number): { done: Promise<T[]>; ready: Promise<void> } {
  const target = liveTarget(server);
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
  return { done, ready: subscriptionsLive(server, target - 1) };
}
