import { describe, expect, it } from 'vitest';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { subscriptionsLive, useApiHarness } from '../support/test-server.ts';
import { waitUntil } from '../support/wait-until.ts';

const api = useApiHarness();

describe('subscription events read related rows fresh', () => {
  it('a run event shows its strategy as it is at that event, not as an earlier event of the same socket loaded it', async () => {
    const { strategy, version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const client = await api.wsClient();
    const events: { backtestRunUpdated: { status: string; strategy: { lifecycleState: string } } }[] = [];
    const before = api.server.activeSubscriptions();
    const unsubscribe = client.subscribe<(typeof events)[number]>(
      { query: `subscription { backtestRunUpdated { status strategy { lifecycleState } } }` },
      { next: (result) => void events.push(result.data!), error: () => {}, complete: () => {} },
    );
    await subscriptionsLive(api.server, before);

    // First event: the socket's resolvers load the strategy (RESEARCH).
    await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 6, slowPeriod: 26 } });
    await waitUntil('the first run event', () => events.length === 1);
    expect(events[0]!.backtestRunUpdated.strategy.lifecycleState).toBe('RESEARCH');

    // The strategy moves on; the next event of the same subscription must see it as it is now.
    await api.services().strategies.transitionLifecycle(strategy.id, 'validation', 'fresh rows per event');
    await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 7, slowPeriod: 27 } });
    await waitUntil('the second run event', () => events.length === 2);
    unsubscribe();
    await client.dispose();
    expect(events[1]!.backtestRunUpdated).toEqual({ status: 'QUEUED', strategy: { lifecycleState: 'VALIDATION' } });
  });
});
