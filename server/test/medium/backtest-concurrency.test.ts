import { describe, expect, it } from 'vitest';
import { BacktestEquityCurve } from '../../src/domain/backtest/backtest-equity-curve.entity.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('BacktestService.execute under concurrency', () => {
  it('serializes two workers on the same run (row lock waits, never skips): one completion, one equity curve', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const queued = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const results = await Promise.allSettled([harness.services().backtests.execute(queued.id), harness.services().backtests.execute(queued.id)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect((await harness.services().backtests.get(queued.id)).status).toBe('completed');
    expect(await harness.orm.em.fork().count(BacktestEquityCurve, { run: queued.id })).toBe(1);
  });
});
