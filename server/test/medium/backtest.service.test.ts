import { describe, expect, it } from 'vitest';
import { BacktestEquityCurve } from '../../src/domain/backtest/backtest-equity-curve.entity.ts';
import { ConflictError, ValidationError } from '../../src/domain/errors.ts';
import { ParameterConfig } from '../../src/domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { ENGINE_VERSION } from '../../src/engine/index.ts';
import { arrangeSmaOnBtcDaily, queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database and data (run counts and version states are asserted).
const harness = useServiceHarness({ database: 'test' });

describe('BacktestService', () => {
  it('queues a run with its job in one transaction, executes it and stores metrics and the equity curve', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const queued = await harness.services().backtests.queue({
      strategyVersionId: version.id,
      marketDataSetId: marketDataSet.id,
      parameters: { fastPeriod: 10, slowPeriod: 40 },
      feeBps: 10,
      slippageBps: 5,
    });
    expect(queued.status).toBe('queued');
    expect(queued.datasetChecksum).toBe(marketDataSet.checksum);
    expect(queued.warningFlags).toEqual({ gapCount: 0, missingBarCount: 0, zeroVolumeBarCount: 0 });
    const jobs = await queuedJobs(harness, 'run_backtest');
    expect(jobs).toEqual([{ key: `backtest:${queued.id}`, payload: { runId: queued.id, correlationId: queued.correlationId }, max_attempts: 5 }]);

    const completed = await harness.services().backtests.execute(queued.id);
    expect(completed.status).toBe('completed');
    expect(completed.engineVersion).toBe(ENGINE_VERSION);
    expect(completed.startedAt!.getTime()).toBeLessThanOrEqual(completed.completedAt!.getTime());
    expect(completed.metrics).toMatchObject({ sharpe: expect.any(Number), maxDrawdown: expect.any(Number), totalReturn: expect.any(Number) });
    expect(completed.metrics!.maxDrawdown as number).toBeLessThan(0);
    expect(completed.metrics!.tradeCount as number).toBeGreaterThan(10);

    const curve = await harness.orm.em.fork().findOneOrFail(BacktestEquityCurve, { run: completed.id });
    expect(curve.pointCount).toBe(marketDataSet.rowCount);
    const points = await harness.services().backtests.equityCurve(completed.id, 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[0]!.timestamp).toBe(marketDataSet.startAt.getTime());
    expect(points.at(-1)!.equity).toBeCloseTo(1 + (completed.metrics!.totalReturn as number), 9);
    // Downsampling keeps the deepest point, so the curve's minimum drawdown equals the run's max drawdown.
    expect(Math.min(...points.map((point) => point.drawdown))).toBeCloseTo(completed.metrics!.maxDrawdown as number, 12);

    // A retried job finds the run terminal and changes nothing.
    const again = await harness.services().backtests.execute(queued.id);
    expect(again.metrics).toEqual(completed.metrics);
    expect(again.completedAt).toEqual(completed.completedAt);
  });

  it('reproduces the same numbers for the same inputs', async () => {
    const { version, marketDataSet: dataSet } = await arrangeSmaOnBtcDaily(harness);
    const services = harness.services();
    const input = { strategyVersionId: version.id, marketDataSetId: dataSet.id, parameters: { fastPeriod: 10, slowPeriod: 40 } };
    const first = await services.backtests.execute((await services.backtests.queue(input)).id);
    const second = await harness.services().backtests.execute((await harness.services().backtests.queue(input)).id);
    expect(second.id).not.toBe(first.id);
    expect(second.parameterChecksum).toBe(first.parameterChecksum);
    expect(second.metrics).toEqual(first.metrics);
    // One parameter config for the same parameters (deduplicated by checksum), with defaults filled in.
    const configs = await harness.orm.em.fork().find(ParameterConfig, { checksum: first.parameterChecksum });
    expect(configs).toHaveLength(1);
  });

  it('refuses bad parameters and costs with the field named, writing nothing', async () => {
    const { version, marketDataSet: dataSet } = await arrangeSmaOnBtcDaily(harness);
    const services = harness.services();
    const runsBefore = (await services.backtests.list({})).totalCount;
    const base = { strategyVersionId: version.id, marketDataSetId: dataSet.id };
    await expect(services.backtests.queue({ ...base, parameters: { fastPeriod: 50, slowPeriod: 20 } })).rejects.toMatchObject({
      constructor: ValidationError,
      field: 'parameters.fastPeriod',
    });
    await expect(services.backtests.queue({ ...base, parameters: { fastPeriod: 'ten' } })).rejects.toBeInstanceOf(ValidationError);
    await expect(services.backtests.queue({ ...base, feeBps: -1 })).rejects.toMatchObject({ field: 'feeBps' });
    expect((await harness.services().backtests.list({})).totalCount).toBe(runsBefore);
  });

  it('will not run a rejected version', async () => {
    const { marketDataSet: dataSet } = await arrangeSmaOnBtcDaily(harness);
    const em = harness.orm.em.fork();
    const version = await em.findOneOrFail(StrategyVersion, { template: 'ema_crossover' });
    await em.nativeUpdate(StrategyVersion, { id: version.id }, { approvalStatus: 'rejected' });
    await expect(harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: dataSet.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses to delete an approved version (data-model delete rule)', async () => {
    await harness.services().strategies.registerBuiltInStrategies();
    const em = harness.orm.em.fork();
    const version = await em.findOneOrFail(StrategyVersion, { template: 'macd' });
    await expect(em.execute('delete from strategy_version where id = ?', [version.id])).rejects.toThrow(/only pending versions can be deleted/);
  });

  it('lists runs filtered by status and strategy', async () => {
    // Three completed SMA runs, one queued SMA run, one completed MACD run.
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const macd = await harness.orm.em.fork().findOneOrFail(StrategyVersion, { template: 'macd' });
    const queue = (strategyVersionId: string, fastPeriod: number) =>
      harness.services().backtests.queue({ strategyVersionId, marketDataSetId: marketDataSet.id, ...(strategyVersionId === version.id ? { parameters: { fastPeriod, slowPeriod: 40 } } : {}) });
    const smaRuns = [await queue(version.id, 10), await queue(version.id, 12), await queue(version.id, 14)];
    for (const run of [...smaRuns, await queue(macd.id, 0)]) await harness.services().backtests.execute(run.id);
    const waiting = await queue(version.id, 16);

    const services = harness.services();
    const completed = await services.backtests.list({}, { status: 'completed' });
    expect(completed.totalCount).toBe(4);
    expect(completed.nodes.every((run) => run.status === 'completed')).toBe(true);
    const byStrategy = await services.backtests.list({}, { strategyId: version.strategy.id });
    expect(byStrategy.nodes.map((run) => run.id).sort()).toEqual([...smaRuns, waiting].map((run) => run.id).sort());
    const completedOfStrategy = await services.backtests.list({}, { status: 'completed', strategyId: version.strategy.id });
    expect(completedOfStrategy.nodes.map((run) => run.id).sort()).toEqual(smaRuns.map((run) => run.id).sort());
  });
});
