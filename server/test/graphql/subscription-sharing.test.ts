import type { Client } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/auth/roles.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { subscriptionsLive, useApiHarness, type GraphQLResponse } from '../support/test-server.ts';

const api = useApiHarness();

type RunUpdate = { backtestRunUpdated: { databaseId: string; status: string; strategyVersion: { approvalMetadata: { notes: string } | null } } };
const query = `subscription { backtestRunUpdated { databaseId status strategyVersion { approvalMetadata { notes } } } }`;

/** Subscribes on `client` and collects every result (errors included) until `count` have arrived. */
function collect(client: Client, count: number) {
  const results: GraphQLResponse<RunUpdate>[] = [];
  const done = new Promise<GraphQLResponse<RunUpdate>[]>((resolveDone, reject) => {
    const unsubscribe = client.subscribe<RunUpdate>(
      { query },
      {
        next: (result) => {
          results.push(result as GraphQLResponse<RunUpdate>);
          if (results.length === count) {
            unsubscribe();
            resolveDone(results);
          }
        },
        error: reject,
        complete: () => resolveDone(results),
      },
    );
  });
  return done;
}

describe('subscription events executed once per visibility class', () => {
  it("gives every subscriber each event as of that event, in order, with its own role's view — several sockets of one user and of other roles at once", async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const subscribers: { role: Role; client: Client }[] = [];
    for (const role of ['research', 'research', 'research', 'production', 'production', 'risk'] as const) subscribers.push({ role, client: await api.wsClient({ role }) });
    const before = api.server.activeSubscriptions();
    const received = subscribers.map(({ client }) => collect(client, 2));
    await subscriptionsLive(api.server, before, subscribers.length);

    const run = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    await api.services().backtests.cancel(run.id, 'subscription sharing test');
    const results = await Promise.all(received);
    await Promise.all(subscribers.map(({ client }) => client.dispose()));

    for (const [index, { role }] of subscribers.entries()) {
      const events = results[index]!;
      expect(events.map((event) => [event.data!.backtestRunUpdated.databaseId, event.data!.backtestRunUpdated.status]), role).toEqual([
        [run.id, 'QUEUED'],
        [run.id, 'CANCELLED'],
      ]);
      for (const event of events) {
        if (role === 'research') {
          expect(event.data!.backtestRunUpdated.strategyVersion.approvalMetadata).toBeNull();
          expect(event.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        } else {
          expect(event.errors, role).toBeUndefined();
          expect(event.data!.backtestRunUpdated.strategyVersion.approvalMetadata).toMatchObject({ notes: 'built-in engine template' });
        }
      }
    }
  });
});
