import { describe, expect, it } from 'vitest';
import { BacktestRun } from '../../src/domain/backtest/backtest-run.entity.ts';
import { CycleConfiguration } from '../../src/domain/cycle/cycle-configuration.entity.ts';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { Notification } from '../../src/domain/notification/notification.entity.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { TriggerEvent } from '../../src/domain/trigger/trigger-event.entity.ts';
import { TriggerLink } from '../../src/domain/trigger/trigger-link.entity.ts';
import { scoringMetrics } from '../../src/engine/index.ts';
import { queuedJobs } from '../support/fixtures.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: cycles replace the scorecard of their date and queue jobs under one key per scope.
const harness = useServiceHarness({ database: 'test' });

const dailyFiles = ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv', 'SOL-USDT_1d.csv'];

/** Registers the built-in strategies and imports the three daily files: one queued cycle (the imports' triggers). */
async function arrangeQueuedDailyCycle(): Promise<EvaluationCycle> {
  await harness.services().strategies.registerBuiltInStrategies();
  for (const file of dailyFiles) await harness.services().marketData.importBytes(file, await readMarketFile(file));
  const queued = await harness.orm.em.fork().find(EvaluationCycle, { status: 'queued' });
  expect(queued).toHaveLength(1);
  return queued[0]!;
}

/** As {@link arrangeQueuedDailyCycle}, then executes the cycle. */
async function arrangeCompletedDailyCycle(): Promise<EvaluationCycle> {
  const completed = await harness.services().cycles.execute((await arrangeQueuedDailyCycle()).id);
  expect(completed.status).toBe('completed');
  return completed;
}

describe('EvaluationCycleService', () => {
  it('records a dataset_certified trigger per import, queuing one cycle for the impacted strategies', async () => {
    await arrangeQueuedDailyCycle();
    const em = harness.orm.em.fork();
    const triggers = await em.find(TriggerEvent, { type: 'dataset_certified' }, { orderBy: { receivedAt: 'asc' } });
    expect(triggers.map((trigger) => trigger.outcome)).toEqual(['enqueued', 'enqueued', 'enqueued']);
    expect(triggers.every((trigger) => trigger.enqueuedAt!.getTime() >= trigger.receivedAt.getTime())).toBe(true);
    // Three triggers, one waiting cycle: all linked to it, one job (job key).
    const cycles = await em.find(EvaluationCycle, {});
    expect(cycles).toHaveLength(1);
    const links = await em.find(TriggerLink, { targetType: 'evaluation_cycle' });
    expect(new Set(links.map((link) => link.triggerEvent.id))).toEqual(new Set(triggers.map((trigger) => trigger.id)));
    expect(links.every((link) => link.targetId === cycles[0]!.id)).toBe(true);
    const jobs = await queuedJobs(harness, 'run_evaluation_cycle');
    expect(jobs).toEqual([{ key: `evaluation-cycle:${cycles[0]!.scopeKey}`, payload: { cycleId: cycles[0]!.id, correlationId: cycles[0]!.correlationId }, max_attempts: 4 }]);
  });

  it('runs the cycle: ≥ 60 unique configurations within the share cap, PBO over all trials, ranked scorecard', async () => {
    const cycle = await arrangeQueuedDailyCycle();
    const em = harness.orm.em.fork();
    const completed = await harness.services().cycles.execute(cycle.id);
    expect(completed.status).toBe('completed');
    expect(completed.trialCount).toBe(60);
    expect(completed.datasets!.map((dataset) => `${dataset.symbol} ${dataset.timeframe}`).sort()).toEqual(['BTC-USDT 1d', 'ETH-USDT 1d', 'SOL-USDT 1d']);
    expect(completed.probabilityOfBacktestOverfitting).toBeGreaterThanOrEqual(0);
    expect(completed.probabilityOfBacktestOverfitting).toBeLessThanOrEqual(1);
    expect(completed.matrixRows).toBe(3 * 64);

    const configurations = await em.fork().find(CycleConfiguration, { evaluationCycle: cycle.id });
    expect(new Set(configurations.map((row) => `${row.strategy.id}|${row.configurationKey}`)).size).toBe(60);
    const perStrategy = new Map<string, number>();
    for (const row of configurations) perStrategy.set(row.strategy.id, (perStrategy.get(row.strategy.id) ?? 0) + 1);
    expect(Math.max(...perStrategy.values())).toBeLessThanOrEqual(18);

    const entries = await harness.services().scorecards.ranking();
    expect(entries).toHaveLength(8);
    expect(entries.map((entry) => entry.rank)).toEqual([...entries.map((entry) => entry.rank)].sort((a, b) => a! - b!));
    expect(entries[0]!.rank).toBe(1);
    for (const entry of entries) {
      expect(entry.scoringPolicyVersion).toBe('2026.11.1');
      expect(entry.factorContributions).toHaveLength(6);
      expect(entry.rationale.length).toBeGreaterThan(0);
      expect(['promote', 'monitor', 'demote', 'retire']).toContain(entry.recommendation);
      expect(Object.keys(entry.inputs).sort()).toEqual(scoringMetrics.filter((metric) => metric !== 'liveDrift').sort());
      expect(Number(entry.normalizedScore)).toBeGreaterThanOrEqual(0);
      expect(Number(entry.normalizedScore)).toBeLessThanOrEqual(100);
      // One unit per statistic: robustness is a fraction 0–1 in the inputs and in the factor breakdown alike.
      const robustness = entry.inputs.robustnessScore as number;
      expect(robustness).toBeGreaterThanOrEqual(0);
      expect(robustness).toBeLessThanOrEqual(1);
      expect(entry.factorContributions.find((factor) => factor.factor === 'robustness')?.metrics).toEqual([{ metric: 'robustnessScore', value: robustness, points: expect.any(Number) }]);
    }
  });

  it('reproduces golden values: walk-forward Sharpe, Deflated Sharpe, walk-forward efficiency, PBO and scores of a seeded cycle', async () => {
    // Golden values of the cycle over the bundled BTC, ETH and SOL daily files with seed 11, computed once with the
    // engine (walk-forward selection, stitched out-of-sample series, DSR deflated by all 60 trials, CSCV PBO) and
    // pinned: a change in the walk-forward or DSR maths, the configuration generator or the scoring moves them.
    for (const file of dailyFiles) await harness.services().marketData.importBytes(file, await readMarketFile(file));
    await harness.services().strategies.registerBuiltInStrategies();
    const cycle = await harness.services().cycles.run({ reason: 'golden values', seed: 11 });
    const completed = await harness.services().cycles.execute(cycle.id);
    expect(completed.trialCount).toBe(60);
    expect(completed.probabilityOfBacktestOverfitting).toBeCloseTo(0.1658896658896659, 9);

    // [code, rank, normalized score, OOS Sharpe, Deflated Sharpe, walk-forward efficiency, PBO of its configurations]
    const golden: [string, number, number, number, number, number, number][] = [
      ['builtin-volatility-targeted-trend', 1, 52.78, 0.9655841741670764, 0.2904791622689441, 0.5079835625580594, 0.035897435897435895],
      ['builtin-ema-crossover', 2, 44.29, 0.7899966888193489, 0.26794496852939254, 0.16354925126476147, 0.3975912975912976],
      ['builtin-macd', 3, 43.98, 0.8885409651398106, 0.16202179232912672, 0.19452796459726215, 0.6738150738150738],
      ['builtin-donchian-breakout', 4, 39.03, 0.6906191593146379, 0.0450540162489218, 0.12348919577727248, 0.1536907536907537],
      ['builtin-sma-crossover', 5, 35.42, 0.5104116712932852, 0.00837842082249618, -0.08116283942801412, 0.2832944832944833],
      ['builtin-bollinger-mean-reversion', 6, 30.99, 0.03229818762324931, 0.000109246838584931, -0.7599484022407549, 0.17296037296037295],
      ['builtin-time-series-momentum', 7, 30.54, 0.5091166684265226, 0.045376003194321224, 0.10681101529397369, 0.8216783216783217],
      ['builtin-rsi-mean-reversion', 8, 24.53, 0.04207466150644764, 0.0004637889385974425, -0.326883306354513, 0.3695415695415695],
    ];
    const codes = new Map((await harness.services().strategies.list({})).nodes.map((strategy) => [strategy.id, strategy.code]));
    const entries = await harness.services().scorecards.ranking();
    expect(entries.map((entry) => codes.get(entry.strategy.id))).toEqual(golden.map(([code]) => code));
    entries.forEach((entry, i) => {
      const [code, rank, score, sharpe, deflatedSharpe, walkForwardEfficiency, pbo] = golden[i]!;
      expect(entry.rank, code).toBe(rank);
      expect(Number(entry.normalizedScore), code).toBeCloseTo(score, 2);
      expect(entry.inputs.sharpe, code).toBeCloseTo(sharpe, 9);
      expect(entry.inputs.deflatedSharpeRatio, code).toBeCloseTo(deflatedSharpe, 9);
      expect(entry.inputs.walkForwardEfficiency, code).toBeCloseTo(walkForwardEfficiency, 9);
      expect(entry.inputs.probabilityOfBacktestOverfitting, code).toBeCloseTo(pbo, 9);
    });
  });

  it('is idempotent: executing a completed cycle again changes nothing and duplicates nothing', async () => {
    const cycle = await arrangeCompletedDailyCycle();
    const em = harness.orm.em.fork();
    const before = { configurations: await em.count(CycleConfiguration, {}), entries: await em.count(ScorecardEntry, {}) };
    const again = await harness.services().cycles.execute(cycle.id);
    expect(again.status).toBe('completed');
    expect({ configurations: await em.count(CycleConfiguration, {}), entries: await em.count(ScorecardEntry, {}) }).toEqual(before);
  });

  it('a second cycle on the same date replaces the entries (one per strategy per date) and keeps ranks whole', async () => {
    await arrangeCompletedDailyCycle();
    const cycle = await harness.services().cycles.run({ reason: 'test', configurationCount: 80, seed: 7 });
    expect(cycle.configurationCount).toBe(80);
    await harness.services().cycles.execute(cycle.id);
    const em = harness.orm.em.fork();
    expect(await em.count(ScorecardEntry, {})).toBe(8);
    expect(await em.count(CycleConfiguration, { evaluationCycle: cycle.id })).toBe(80);
    const entries = await em.find(ScorecardEntry, {});
    expect(entries.every((entry) => entry.evaluationCycle!.id === cycle.id && entry.updatedAt !== null)).toBe(true);
  });

  it('records a regime_change trigger when newer data ends in another volatility band: regime-specific backtests of each best configuration, and the same cycle', async () => {
    await arrangeCompletedDailyCycle();
    /** Daily bars whose per-bar moves are `amplitude(t)` (a fraction), deterministic. */
    const makeCsv = (count: number, amplitude: (t: number) => number) => {
      const rows = ['timestamp,open,high,low,close,volume'];
      let close = 100;
      for (let t = 0; t < count; t++) {
        const open = close;
        close = open * (1 + amplitude(t) * Math.sin(t * 1.7));
        rows.push(`${new Date(Date.UTC(2021, 0, 1 + t)).toISOString()},${open},${Math.max(open, close) * 1.001},${Math.min(open, close) * 0.999},${close},1000`);
      }
      return `${rows.join('\n')}\n`;
    };
    const calmEnding = (t: number) => (t < 200 ? 0.08 : 0.002);
    await harness.services().marketData.importContent('RGM-USDT_1d.csv', makeCsv(400, calmEnding));
    const { marketDataSet } = await harness.services().marketData.importContent('RGM-USDT_1d.csv', makeCsv(460, (t) => (t < 400 ? calmEnding(t) : 0.12)));
    const em = harness.orm.em.fork();
    const regime = await em.findOneOrFail(TriggerEvent, { type: 'regime_change' });
    expect(regime).toMatchObject({ subjectId: marketDataSet.id, outcome: 'enqueued', details: { from: 'calm', to: 'turbulent', timeframe: '1d' } });
    const certified = await em.findOneOrFail(TriggerEvent, { type: 'dataset_certified', subjectId: marketDataSet.id });
    const cycleOf = async (triggerId: string) => (await em.findOneOrFail(TriggerLink, { triggerEvent: triggerId, targetType: 'evaluation_cycle' })).targetId;
    expect(await cycleOf(regime.id)).toBe(await cycleOf(certified.id));

    // One regime-specific run per eligible strategy (all 8 built-ins list `*` markets), on the new dataset, with the
    // best configuration of the latest completed cycle, each linked back to the trigger and queued as a job.
    const runLinks = await em.find(TriggerLink, { triggerEvent: regime.id, targetType: 'backtest_run' });
    expect(runLinks).toHaveLength(8);
    expect(regime.outcomeReason).toContain('8 regime-specific backtests queued');
    const runs = await em.find(BacktestRun, { id: { $in: runLinks.map((link) => link.targetId) } }, { populate: ['parameterConfig', 'strategyVersion'] });
    expect(runs.every((run) => run.triggerType === 'regime_change' && run.marketDataSet.id === marketDataSet.id && run.regimeBand === 'turbulent')).toBe(true);
    const macd = runs.find((run) => run.strategyVersion.template === 'macd')!;
    const [best] = await em.find(CycleConfiguration, { strategyVersion: macd.strategyVersion.id, evaluationCycle: { status: 'completed' } }, { orderBy: { evaluationCycle: { completedAt: 'desc' }, outOfSampleSharpe: 'desc' }, limit: 1 });
    expect(macd.parameterConfig.parameters).toEqual(best!.parameters);
    const jobs = await queuedJobs(harness, 'run_backtest');
    expect(jobs.map((job) => job.key)).toEqual(expect.arrayContaining(runLinks.map((link) => link.jobKey)));

    // The run records metrics per regime and a robustness score.
    const executed = await harness.services().backtests.execute(macd.id);
    expect(executed.status).toBe('completed');
    expect(Object.keys(executed.regimeMetrics!).sort()).toEqual(['calm', 'neutral', 'turbulent']);
    const bars = Object.values(executed.regimeMetrics!).reduce((sum, regime) => sum + regime.barCount, 0);
    expect(bars).toBeGreaterThan(300); // bars before the first regime label (30-day window and its warm-up) are not attributed
    expect(bars).toBeLessThanOrEqual(459);
    expect(executed.robustnessScore).toBeGreaterThanOrEqual(0);
    expect(executed.robustnessScore).toBeLessThanOrEqual(1);
  });

  it('marks an entry with missing inputs incomplete, notifies research, and blocks the way to staging', async () => {
    const cycle = await arrangeCompletedDailyCycle();
    const services = harness.services();
    const em = harness.orm.em.fork();
    const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-macd')!;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const policy = await services.scorecards.activePolicy(em);
    const system = await services.strategies.systemUser();
    const [entry] = await em.transactional((tx) =>
      services.scorecards.writeEntries(tx, cycle, '2099-01-02', policy, [{ strategyId: strategy.id, strategyVersionId: version.id, inputs: { sharpe: 1.2, sortino: 1.5 } }], system),
    );
    expect(entry).toMatchObject({ complete: false, researchOnly: true, recommendation: 'monitor', rank: 1 });
    expect(entry!.missingInputs).toContain('deflatedSharpeRatio');
    const notifications = await harness.orm.em.fork().find(Notification, { kind: 'scorecard.incomplete', subjectId: strategy.id });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.audience).toBe('research');
    await harness.services().strategies.transitionLifecycle(strategy.id, 'validation', 'try');
    await expect(harness.services().strategies.transitionLifecycle(strategy.id, 'staging', 'try')).rejects.toThrow(/complete scorecard/);
  });
});
