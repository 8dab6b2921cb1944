import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useApiHarness } from '../support/test-server.ts';

// Its own database (one per file): BTC-USD 1m is the only minute dataset, so the platform defines no basket at 1m.
const api = useApiHarness();

type PostureRow = { deployment: { id: string; timeframe: string }; lastMarkAt: string | null; lagVsBasketBps: number | null; lagStatus: string; lagReason: string | null; lagMessage: string; breachedRules: string[] };
type Posture = { riskPosture: { deployments: PostureRow[]; benchmarks: { timeframe: string; problem: string | null; notApplicable: boolean }[] } };
const postureQuery = `{ riskPosture {
  deployments { deployment { id timeframe } lastMarkAt lagVsBasketBps lagStatus lagReason lagMessage breachedRules }
  benchmarks { timeframe problem notApplicable } } }`;

async function startShadowReplay(marketDataSetId: string) {
  const { version } = await arrangeSmaOnBtcDaily(api);
  const input = { strategyVersionId: version.id, stage: 'SHADOW', parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }], replay: { marketDataSetId: toGlobalId('MarketDataSet', marketDataSetId), asFastAsPossible: true } };
  const started = await api.request<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
    `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`, { input }, { role: 'production' });
  expect(started.errors).toBeUndefined();
  return started.data!.startDeployment.deployment;
}

describe('riskPosture where the platform defines no benchmark basket', () => {
  it('a 1m replay with only BTC bars at 1m: the lag is NOT_APPLICABLE with the reason (not UNKNOWN), no breach; a 1d replay beside it with a basket is measured', async () => {
    const minute = await api.services().marketData.importBytes('BTC-USD_1m.csv', await readMarketFile('BTC-USD_1m.csv'));
    for (const name of ['ETH-USDT_1d.csv', 'SOL-USDT_1d.csv']) await api.services().marketData.importBytes(name, await readMarketFile(name));
    const { marketDataSet: daily } = await arrangeSmaOnBtcDaily(api);
    const onMinutes = await startShadowReplay(minute.marketDataSet.id);
    const onDays = await startShadowReplay(daily.id);

    // Before the first mark: unknown (no mark), the basket problem not a not-applicable one.
    const before = (await api.request<Posture>(postureQuery, {}, { role: 'risk' })).data!.riskPosture;
    expect(before.deployments.find((row) => row.deployment.id === onMinutes.id)).toMatchObject({ lastMarkAt: null, lagStatus: 'UNKNOWN', lagVsBasketBps: null });
    expect(before.benchmarks.find((entry) => entry.timeframe === 'ONE_MINUTE')).toMatchObject({ problem: 'no P&L mark yet', notApplicable: false });

    await api.services().deploymentRunner.processBars(onMinutes.databaseId);
    await api.services().deploymentRunner.processBars(onDays.databaseId);
    const response = await api.request<Posture>(postureQuery, {}, { role: 'risk' });
    expect(response.errors).toBeUndefined();
    const posture = response.data!.riskPosture;
    const minuteRow = posture.deployments.find((row) => row.deployment.id === onMinutes.id)!;
    const reason = 'no benchmark basket is defined at 1m (no certified BTC and ETH bars of one quote currency at 1m: the basket needs BTC, ETH and an alt)';
    expect(minuteRow).toMatchObject({ deployment: { timeframe: 'ONE_MINUTE' }, lastMarkAt: expect.any(String), lagStatus: 'NOT_APPLICABLE', lagVsBasketBps: null, lagReason: reason });
    expect(minuteRow.lagMessage).toBe(`30-day active return vs the basket: not applicable (${reason}) (rules.benchmarkLag)`);
    expect(minuteRow.breachedRules).not.toContain('benchmarkLag');
    expect(posture.benchmarks.find((entry) => entry.timeframe === 'ONE_MINUTE')).toEqual({ timeframe: 'ONE_MINUTE', problem: reason, notApplicable: true });

    // The daily replay has BTC, ETH and SOL at 1d: its lag is measured, no reason.
    const dayRow = posture.deployments.find((row) => row.deployment.id === onDays.id)!;
    expect(dayRow.lagStatus).toMatch(/^(PASS|BREACH)$/);
    expect(dayRow).toMatchObject({ lagVsBasketBps: expect.any(Number), lagReason: null });
    expect(posture.benchmarks.find((entry) => entry.timeframe === 'ONE_DAY')).toMatchObject({ problem: null, notApplicable: false });
  }, 120_000);
});
