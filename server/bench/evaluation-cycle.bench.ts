/**
 * Issue #5 figures on a throwaway database (DATABASE_URL's server, else an embedded PostgreSQL), reported, never
 * asserted:
 * - `evaluation_cycle_seconds`: a full cycle of 60 configurations over BTC, ETH and SOL daily and hourly data, queued
 *   with `runEvaluationCycle`'s service and run by an in-process graphile-worker runner (concurrency 1), wall time
 *   from queue to `completed` (budget 120 s);
 * - `trigger_to_enqueue_ms`: 200 manual triggers, each recorded with its cycle job in one transaction; p50/p99 of
 *   the time from the call (trigger received) to commit (jobs enqueued) (budget p99 < 1000 ms);
 * - `scorecard_80_strategies_ms`: scoring, storing and ranking 80 strategies' entries in one transaction (budget
 *   < 1000 ms);
 * - `validation_scheduling_lag_seconds`: 50 strategies' manual validation requests at once (50 overlapping
 *   single-strategy cycles, 12 configurations each on the same six datasets), two workers of concurrency 1 each:
 *   enqueue → start lag p50/p99/max (budget 30 s) and the wall time until all completed.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import { createLogger } from '../src/infra/logger.ts';
import { EvaluationCycle } from '../src/domain/cycle/evaluation-cycle.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import type { ScoringSubject } from '../src/services/scoring/scorecard.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { registerBenchStrategies } from './bench-strategies.ts';
import { startWorker } from '../../worker/src/worker.ts';
import { percentile } from './percentile.ts';

/** Runs the three figures and returns them as JSON objects. */
export async function benchEvaluationCycle(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const database = await openBenchDatabase(6, logger);
  const { orm, databaseUrl } = database;
  const figures: Record<string, unknown>[] = [];
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }), databaseUrl };
    const services = () => createSystemServices(orm, config, logger);
    for (const file of ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv', 'SOL-USDT_1d.csv', 'BTC-USDT_1h.csv', 'ETH-USDT_1h.csv', 'SOL-USDT_1h.csv']) {
      await services().marketData.importBytes(file, await readFile(join(repositoryRoot, 'data/market', file)));
    }
    await services().strategies.registerBuiltInStrategies();

    // 1. A full cycle of 60 configurations through the worker.
    const worker = await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 1, pollInterval: 50, crontab: '' });
    let cycle: EvaluationCycle;
    try {
      const start = performance.now();
      const queued = await services().cycles.run({ configurationCount: 60, seed: 1, reason: 'bench' });
      for (;;) {
        cycle = await orm.em.fork().findOneOrFail(EvaluationCycle, { id: queued.id });
        if (cycle.status === 'completed' || cycle.status === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      figures.push({
        figure: 'evaluation_cycle_seconds',
        value: (performance.now() - start) / 1000,
        status: cycle.status,
        failureReason: cycle.failureReason,
        configurations: cycle.trialCount,
        datasets: cycle.datasets?.map((dataset) => `${dataset.symbol} ${dataset.timeframe}`),
        evaluationAndScoringMs: cycle.durationMs,
        enqueueToStartMs: cycle.startedAt!.getTime() - cycle.queuedAt.getTime(),
        probabilityOfBacktestOverfitting: cycle.probabilityOfBacktestOverfitting,
        budgetSeconds: 120,
      });
    } finally {
      await worker.stop();
    }

    // 2. Trigger → enqueue latency (the worker is stopped, so the cycles stay queued and triggers join them).
    const strategies = await orm.em.fork().find(Strategy, {});
    const latencies: number[] = [];
    for (let index = 0; index < 200; index++) {
      const start = performance.now();
      await services().triggers.requestManualRun({ strategyId: strategies[index % strategies.length]!.id, reason: `bench trigger ${index}` });
      latencies.push(performance.now() - start);
    }
    figures.push({ figure: 'trigger_to_enqueue_ms', p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), triggers: latencies.length, budgetP99Ms: 1000 });

    // 3. Scorecard for 80 strategies: 72 more registered and approved, then one scoring transaction.
    await registerBenchStrategies(services, strategies, 72, 'bench');
    const all = await orm.em.fork().find(Strategy, {});
    const subjects: ScoringSubject[] = [];
    for (const [index, strategy] of all.entries()) {
      const version = (await services().strategies.latestApprovedVersion(strategy.id))!;
      const wobble = Math.sin(index + 1);
      subjects.push({
        strategyId: strategy.id,
        strategyVersionId: version.id,
        inputs: {
          sharpe: 1 + wobble,
          sortino: 1.4 + wobble,
          calmar: 0.8 + wobble / 2,
          maxDrawdown: -0.3 + wobble / 10,
          valueAtRisk: -0.03,
          conditionalValueAtRisk: -0.045,
          winRateDispersion: 0.05,
          robustnessScore: 0.66,
          probabilityOfBacktestOverfitting: 0.3,
          deflatedSharpeRatio: 0.9,
          walkForwardEfficiency: 0.6,
        },
      });
    }
    const scorer = services();
    const em = orm.em.fork();
    const policy = await scorer.scorecards.activePolicy(em);
    const system = await scorer.strategies.systemUser();
    const start = performance.now();
    const entries = await em.transactional(async (tx) => {
      const scoringCycle = await tx.findOneOrFail(EvaluationCycle, { id: cycle.id });
      return scorer.scorecards.writeEntries(tx, scoringCycle, '2099-01-01', policy, subjects, system);
    });
    figures.push({ figure: 'scorecard_80_strategies_ms', value: performance.now() - start, entries: entries.length, budgetMs: 1000 });

    // 4. Overlapping validation pipelines: drain what the approvals above queued, then 50 requests at once.
    const workers = [
      await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 1, pollInterval: 50, crontab: '' }),
      await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 1, pollInterval: 50, crontab: '' }),
    ];
    try {
      const pending = async () => Number((await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from evaluation_cycle where status in ('queued', 'running')`))[0]!.n);
      while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const bench = (await orm.em.fork().find(Strategy, { code: { $like: 'bench-%' } }, { orderBy: { code: 'asc' }, limit: 50 }));
      const wallStart = performance.now();
      const since = new Date();
      await Promise.all(bench.map((strategy, index) => services().triggers.requestManualRun({ strategyId: strategy.id, reason: `validation ${index}` })));
      while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const lags = (await orm.em.fork().execute<{ lag: number }[]>(
        `select extract(epoch from started_at - queued_at)::float8 as lag from evaluation_cycle where queued_at >= ? and status = 'completed'`,
        [since],
      )).map((row) => row.lag);
      figures.push({
        figure: 'validation_scheduling_lag_seconds',
        p50: percentile(lags, 0.5),
        p99: percentile(lags, 0.99),
        max: Math.max(...lags),
        cycles: lags.length,
        wallSeconds: (performance.now() - wallStart) / 1000,
        workers: 2,
        budgetSeconds: 30,
      });
    } finally {
      for (const worker of workers) await worker.stop();
    }
  } finally {
    await database.drop();
  }
  return figures;
}
