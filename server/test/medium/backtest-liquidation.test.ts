import { describe, expect, it } from 'vitest';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('liquidation on real data', () => {
  it('a long/short time-series momentum run on BTC-USDT 1d never goes below zero equity', async () => {
    const { marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const strategy = await harness.orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('time_series_momentum') });
    const version = (await harness.services().strategies.latestApprovedVersion(strategy.id))!;
    const queued = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { allowShort: true } });
    const run = await harness.services().backtests.execute(queued.id);
    expect(run.status).toBe('completed');
    // Before the fix: max drawdown −144 %, total return −233 %. A liquidated account ends at exactly −100 %.
    expect(run.metrics!.maxDrawdown as number).toBeGreaterThanOrEqual(-1);
    expect(run.metrics!.totalReturn as number).toBeGreaterThanOrEqual(-1);
    const curve = await harness.services().backtests.equityCurve(run.id, 100_000);
    expect(Math.min(...curve.map((point) => point.equity))).toBeGreaterThanOrEqual(0);
  });
});
