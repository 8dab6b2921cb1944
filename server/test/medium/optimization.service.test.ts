import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { HyperparameterTrial } from '../../src/domain/optimization/hyperparameter-trial.entity.ts';
import { Optimization } from '../../src/domain/optimization/optimization.entity.ts';
import { WalkForwardSegment } from '../../src/domain/optimization/walk-forward-segment.entity.ts';
import { ParameterConfig } from '../../src/domain/strategy/parameter-config.entity.ts';
import { ENGINE_VERSION, makeWalkForwardWindows } from '../../src/engine/index.ts';
import type { QueueOptimizationInput } from '../../src/services/optimization/optimization.service.ts';
import { arrangeSmaOnBtcDaily, queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// A database per test: the tests count queued jobs, trials and parameter configs that other tests would add to.
const harness = useServiceHarness({ database: 'test' });

const budget = 12;

async function arrangeInput(): Promise<QueueOptimizationInput> {
  const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
  return {
    strategyVersionId: version.id,
    marketDataSetIds: [marketDataSet.id],
    parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 30 }, { name: 'slowPeriod', min: 40, max: 120 }],
    searchMethod: 'random',
    trialBudget: budget,
    seed: 42,
    windows: { scheme: 'rolling', unit: 'bars', trainSize: 365, testSize: 120 },
    objective: { metric: 'sharpe', direction: 'maximize', constraints: [{ metric: 'maxDrawdown', operator: '>=', value: -0.5 }] },
  };
}

async function counts(optimizationId: string) {
  const em = harness.orm.em.fork();
  const trials = await em.count(HyperparameterTrial, { optimization: optimizationId });
  const segments = await em.count(WalkForwardSegment, { optimization: optimizationId });
  const [{ distinct }] = await em.execute<{ distinct: string }[]>(
    'select count(distinct (segment_id, trial_index)) as distinct from hyperparameter_trial where optimization_id = ?',
    [optimizationId],
  );
  return { trials, segments, distinctTrials: Number(distinct) };
}

/** The number of walk-forward segments arrangeInput's windows give on the BTC daily dataset of this test's database. */
async function segmentsOfBtcDaily(): Promise<number> {
  const dataSet = (await harness.services().marketData.list({}, { symbol: 'BTC-USDT' })).nodes[0]!;
  return makeWalkForwardWindows(
    Float64Array.from({ length: dataSet.rowCount }, (_, index) => index),
    { scheme: 'rolling', unit: 'bars', trainSize: 365, testSize: 120 },
  ).length;
}

describe('OptimizationService', () => {

  it('queues with its job, runs the walk-forward and persists segments, trials and the summary', async () => {
    const input = await arrangeInput();
    const services = harness.services();
    const queued = await services.optimizations.queue(input);
    expect(queued.status).toBe('queued');
    expect(await queuedJobs(harness, 'run_optimization')).toEqual([
      { key: `optimization:${queued.id}`, payload: { optimizationId: queued.id, correlationId: queued.correlationId }, max_attempts: 5 },
    ]);
    const dataSet = (await services.marketData.list({}, { symbol: 'BTC-USDT' })).nodes[0]!;
    const expectedSegments = await segmentsOfBtcDaily();
    expect(expectedSegments).toBeGreaterThan(3);

    const completed = await harness.services().optimizations.execute(queued.id);
    expect(completed.status).toBe('completed');
    expect(completed.engineVersion).toBe(ENGINE_VERSION);
    expect(completed.segmentsCompleted).toBe(expectedSegments);
    expect(completed.trialsCompleted).toBe(expectedSegments * budget);
    expect(completed.trialsTotal).toBe(completed.trialsCompleted);
    expect(await counts(queued.id)).toEqual({ trials: expectedSegments * budget, segments: expectedSegments, distinctTrials: expectedSegments * budget });
    expect(completed.probabilityOfBacktestOverfitting).toBeGreaterThanOrEqual(0);
    expect(completed.probabilityOfBacktestOverfitting).toBeLessThanOrEqual(1);
    expect(completed.probabilisticSharpeRatio).toBeGreaterThanOrEqual(0);
    // Robustness is a fraction 0–1 on the optimization and on every trial alike.
    const trialRobustness = (await harness.orm.em.fork().find(HyperparameterTrial, { optimization: queued.id })).map((trial) => trial.robustnessScore).filter((value) => value !== null);
    expect(trialRobustness.length).toBeGreaterThan(0);
    for (const value of [...trialRobustness, completed.robustnessScore!]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(completed.bestParameters!.fastPeriod as number).toBeGreaterThanOrEqual(5);
    expect(completed.bestParameters!.slowPeriod as number).toBeLessThanOrEqual(120);
    expect(completed.sensitivity!.cells.length).toBeGreaterThan(0);
    expect(Object.keys(completed.regimeMetrics!)).toEqual(['calm', 'neutral', 'turbulent']);

    const em = harness.orm.em.fork();
    const best = await em.findOneOrFail(ParameterConfig, { id: completed.bestParameterConfig!.id });
    expect(best.source).toBe('optimization');
    expect(best.parameters).toMatchObject(completed.bestParameters!);
    const segments = await harness.services().optimizations.segments(completed);
    expect(segments.map((segment) => segment.segmentIndex)).toEqual(Array.from({ length: expectedSegments }, (_, index) => index));
    for (const segment of segments) {
      expect(segment.datasetChecksum).toBe(dataSet.checksum);
      expect(segment.engineVersion).toBe(ENGINE_VERSION);
      expect(segment.trainWindow).toMatch(/^\["?\d{4}-/);
      expect(segment.matrixRows % 16).toBe(0);
      expect(segment.trialReturnMatrix.byteLength).toBe(budget * segment.matrixRows * 8);
      expect(segment.outOfSampleReturns.byteLength).toBe(120 * 8);
    }
    const trial = await em.findOneOrFail(HyperparameterTrial, { optimization: queued.id, segment: segments[0]!.id, trialIndex: 0 });
    expect(trial).toMatchObject({ searchMethod: 'random', engineVersion: ENGINE_VERSION, datasetChecksum: dataSet.checksum });
    expect(trial.parameterChecksum).toHaveLength(64);
    expect(trial.resultMetrics).toMatchObject({ sharpe: expect.anything() });
    expect(trial.inSampleMetrics).toMatchObject({ sharpe: expect.anything() });

    const equity = await harness.services().optimizations.outOfSampleEquity(completed, 50);
    expect(equity.length).toBeLessThanOrEqual(50);
    expect(equity.at(-1)!.equity).toBeCloseTo(1 + (completed.outOfSampleMetrics!.totalReturn as number), 9);
  });

  it('resumes after a worker died mid-run without duplicating a trial, and reproduces the same summary', async () => {
    const input = await arrangeInput();
    const expectedSegments = await segmentsOfBtcDaily();
    const reference = await harness.services().optimizations.execute((await harness.services().optimizations.queue(input)).id);
    const queued = await harness.services().optimizations.queue(input);
    await harness.services().optimizations.execute(queued.id);
    // Simulate kill -9 after segment 1 was committed: the later segments (and their trials) never reached the
    // database, the row is still `running` with the counters of the committed work.
    const em = harness.orm.em.fork();
    await em.nativeDelete(WalkForwardSegment, { optimization: queued.id, segmentIndex: { $gte: 2 } });
    await em.nativeUpdate(Optimization, { id: queued.id }, { status: 'running', trialsCompleted: 2 * budget, segmentsCompleted: 2, completedAt: null });
    expect((await counts(queued.id)).segments).toBe(2);

    const resumed = await harness.services().optimizations.execute(queued.id);
    expect(resumed.status).toBe('completed');
    expect(await counts(queued.id)).toEqual({ trials: expectedSegments * budget, segments: expectedSegments, distinctTrials: expectedSegments * budget });
    expect(resumed.trialsCompleted).toBe(expectedSegments * budget);
    expect(resumed.bestParameters).toEqual(reference.bestParameters);
    expect(resumed.probabilityOfBacktestOverfitting).toBe(reference.probabilityOfBacktestOverfitting);
    expect(resumed.outOfSampleMetrics).toEqual(reference.outOfSampleMetrics);

    // A retried job on a completed optimization changes nothing.
    const again = await harness.services().optimizations.execute(queued.id);
    expect(again.completedAt).toEqual(resumed.completedAt);
    expect(await counts(queued.id)).toEqual({ trials: expectedSegments * budget, segments: expectedSegments, distinctTrials: expectedSegments * budget });
  });

  it('never duplicates when two workers run the same optimization at once', async () => {
    const input = await arrangeInput();
    const expectedSegments = await segmentsOfBtcDaily();
    const queued = await harness.services().optimizations.queue(input);
    const results = await Promise.all([harness.services().optimizations.execute(queued.id), harness.services().optimizations.execute(queued.id)]);
    expect(results.map((result) => result.status)).toContain('completed');
    const final = await harness.orm.em.fork().findOneOrFail(Optimization, { id: queued.id });
    expect(final.status).toBe('completed');
    expect(final.trialsCompleted).toBe(expectedSegments * budget);
    expect(await counts(queued.id)).toEqual({ trials: expectedSegments * budget, segments: expectedSegments, distinctTrials: expectedSegments * budget });
  });

  it('refuses bad input with the field named, writing nothing', async () => {
    const input = await arrangeInput();
    const services = harness.services();
    const before = (await services.optimizations.list({})).totalCount;
    await expect(services.optimizations.queue({ ...input, objective: { ...input.objective, metric: 'luck' } })).rejects.toMatchObject({
      constructor: ValidationError,
      field: 'objective.metric',
    });
    await expect(services.optimizations.queue({ ...input, parameterOverrides: [{ name: 'fastPeriod', min: 0, max: 3 }] })).rejects.toMatchObject({
      field: 'parameterOverrides.fastPeriod',
    });
    await expect(services.optimizations.queue({ ...input, windows: { ...input.windows, stepSize: 10 } })).rejects.toMatchObject({ field: 'windows.stepSize' });
    await expect(services.optimizations.queue({ ...input, trialBudget: 0 })).rejects.toMatchObject({ field: 'trialBudget' });
    expect((await harness.services().optimizations.list({})).totalCount).toBe(before);
  });

  it('refuses, when queued, an optimization whose windows do not fit the data, with the reason', async () => {
    const input = await arrangeInput();
    await expect(harness.services().optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'bars', trainSize: 100_000, testSize: 10 } })).rejects.toMatchObject({
      constructor: ValidationError,
      field: 'windows.trainSize',
      message: expect.stringMatching(/too short/),
    });
  });
});
