/**
 * The monitoring JOB against the database (issues 11 and 13): what `evaluate_deployment_monitoring` costs per
 * deployment and per bar, and how long it holds the deployment's row lock (during which that deployment's bar job
 * waits). Throwaway database (DATABASE_URL's server, else an embedded PostgreSQL). Reported, never asserted.
 *
 * Setup, per scenario: N (MONITORING_JOB_BENCH_DEPLOYMENTS, default 100) SHADOW deployments of the SMA crossover,
 * replayed as fast as possible through the runner to a common bar, each evaluated once (first evaluations write the
 * fail-closed warnings: untimed); then every deployment gets ONE more bar and is evaluated — the steady state of "one
 * bar, every deployment", timed one deployment after the other in this process (no worker, no other load of ours):
 * - `1m`: BTC-USD 1m (the fan-out bench's feed: no basket is defined at 1m, so the basket rules are not applicable), 240 bars each;
 * - `1h`: SOL-USDT 1h with BTC/ETH/SOL 1h imported (the basket is built), 2025-09-01 … 2025-10-10 (~950 bars).
 * Figures per scenario: wall ms per evaluation (p50/p95/p99/max) and for all N (the per-bar cost of monitoring N
 * deployments on one worker), and the evaluation's own breakdown (`MonitoringOutcome.timings`: evidence read, rules,
 * the locked apply), whose `lockedMs` is how long the deployment row was held. Then the BATCHED path (issue 13's
 * budget): MONITORING_JOB_BENCH_BATCH_BARS (default 3) further bars, each followed by ONE `evaluateMany` of all N (what
 * one batched job runs): `perBarBatchedMs` (wall per bar, p50…max over the bars) and its breakdown (`batched`).
 * MONITORING_JOB_BENCH_SCENARIOS=1m|1h|1m,1h picks scenarios; the load average is printed (the host is shared).
 * Standalone: `npx tsx --tsconfig server/tsconfig.json server/bench/monitoring-job.bench.ts`.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Deployment } from '../src/domain/deployment/deployment.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../src/domain/strategy/strategy-version.entity.ts';
import { User } from '../src/domain/user/user.entity.ts';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import type { MikroORM } from '../src/infra/db/orm.ts';
import { createLogger } from '../src/infra/logger.ts';
import type { MonitoringBatchOutcome, MonitoringOutcome } from '../src/services/monitoring/monitoring.service.ts';
import { findOrCreateParameterConfig } from '../src/services/strategy/parameter-config.repository.ts';
import { builtInStrategyCode } from '../src/services/strategy/strategy.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';

const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'silent');

interface Scenario {
  name: '1m' | '1h';
  files: string[];
  /** The file the deployments replay. */
  replayFile: string;
  symbol: string;
  quote: string;
  timeframe: '1m' | '1h';
  barMs: number;
  startAt: string;
  bars: number;
  /** Cut the imported files to these line prefixes (smaller, faster imports); null = the whole file. */
  linePrefixes: string[] | null;
}

const scenarios: Scenario[] = [
  { name: '1m', files: ['BTC-USD_1m.csv'], replayFile: 'BTC-USD_1m.csv', symbol: 'BTC/USD', quote: 'USD', timeframe: '1m', barMs: 60_000, startAt: '2023-03-01T01:00:00Z', bars: 240, linePrefixes: null },
  {
    name: '1h',
    files: ['BTC-USDT_1h.csv', 'ETH-USDT_1h.csv', 'SOL-USDT_1h.csv'],
    replayFile: 'SOL-USDT_1h.csv',
    symbol: 'SOL/USDT',
    quote: 'USDT',
    timeframe: '1h',
    barMs: 3_600_000,
    startAt: '2025-09-01T00:00:00Z',
    bars: 950,
    linePrefixes: ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10'],
  },
];

const round = (value: number) => Math.round(value * 10) / 10;

function percentiles(values: number[]): { p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length === 0 ? null : round(sorted[sorted.length - 1]!) };
}

/** Runs the chosen scenarios and returns one figure each. */
export async function benchMonitoringJob(): Promise<Record<string, unknown>[]> {
  const chosen = (process.env.MONITORING_JOB_BENCH_SCENARIOS ?? '1m,1h').split(',');
  const figures: Record<string, unknown>[] = [];
  for (const scenario of scenarios.filter((candidate) => chosen.includes(candidate.name))) figures.push(await runScenario(scenario));
  return figures;
}

async function runScenario(scenario: Scenario): Promise<Record<string, unknown>> {
  const count = Number(process.env.MONITORING_JOB_BENCH_DEPLOYMENTS ?? 100);
  const database = await openBenchDatabase(8, logger);
  const { orm, databaseUrl } = database;
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }), databaseUrl };
    const services = createSystemServices(orm, config, logger);
    await services.strategies.registerBuiltInStrategies();
    const sets: Record<string, string> = {};
    for (const file of scenario.files) {
      let bytes = await readFile(join(repositoryRoot, 'data/market', file));
      if (scenario.linePrefixes) {
        const lines = bytes.toString('utf8').split('\n');
        bytes = Buffer.from([lines[0], ...lines.filter((line) => scenario.linePrefixes!.some((prefix) => line.startsWith(prefix)))].join('\n') + '\n');
      }
      sets[file] = (await services.marketData.importBytes(file, bytes)).marketDataSet.id;
    }
    const ids = await createDeployments(orm, scenario, sets[scenario.replayFile]!, count);
    const endAt = Date.parse(scenario.startAt) + (scenario.bars - 1) * scenario.barMs;
    await runTo(orm, config, ids, endAt);
    for (const id of ids) await createSystemServices(orm, config, logger).monitoring.evaluate(id);
    await runTo(orm, config, ids, endAt + scenario.barMs);
    // Queued evaluations and triggered work belong to no worker here: the figures are the evaluations' own.
    await orm.em.fork().execute(`delete from graphile_worker._private_jobs`);

    const wall: number[] = [];
    const outcomes: MonitoringOutcome[] = [];
    const started = performance.now();
    for (const id of ids) {
      const start = performance.now();
      outcomes.push(await createSystemServices(orm, config, logger).monitoring.evaluate(id));
      wall.push(performance.now() - start);
    }
    const totalMs = performance.now() - started;
    // The same steady state through the batched path: one more bar each, then ALL deployments of the bar in one call
    // (`evaluateMany`, what one batched `evaluate_deployment_monitoring` job runs), repeated on BATCH_BARS bars.
    const batches: MonitoringBatchOutcome[] = [];
    const batchWall: number[] = [];
    const batchBars = Number(process.env.MONITORING_JOB_BENCH_BATCH_BARS ?? 3);
    for (let bar = 1; bar <= batchBars; bar++) {
      await runTo(orm, config, ids, endAt + (1 + bar) * scenario.barMs);
      await orm.em.fork().execute(`delete from graphile_worker._private_jobs`);
      const start = performance.now();
      batches.push(await createSystemServices(orm, config, logger).monitoring.evaluateMany(ids));
      batchWall.push(performance.now() - start);
    }
    const batchPhase = (pick: (timings: MonitoringBatchOutcome['timings']) => number) => percentiles(batches.map((batch) => pick(batch.timings)));
    const phase = (pick: (timings: NonNullable<MonitoringOutcome['timings']>) => number) => percentiles(outcomes.flatMap((outcome) => (outcome.timings ? [pick(outcome.timings)] : [])));
    return {
      figure: `monitoring_job_${scenario.name}_ms`,
      scope: `${count} SHADOW deployments on ${scenario.replayFile} (${scenario.bars} bars each), one more bar each, evaluated one after the other`,
      deployments: count,
      evaluationMs: percentiles(wall),
      allDeploymentsMs: round(totalMs),
      evidenceMs: phase((timings) => timings.evidenceMs),
      rulesMs: phase((timings) => timings.rulesMs),
      lockedMs: phase((timings) => timings.lockedMs),
      skipped: outcomes.filter((outcome) => outcome.skipped !== null).length,
      marksEvaluated: outcomes.reduce((sum, outcome) => sum + outcome.marksEvaluated, 0),
      incidents: outcomes.reduce((sum, outcome) => sum + outcome.incidents.length, 0),
      perBarBatchedMs: percentiles(batchWall),
      batched: {
        bars: batchBars,
        evidenceMs: batchPhase((timings) => timings.evidenceMs),
        rulesMs: batchPhase((timings) => timings.rulesMs),
        writeMs: batchPhase((timings) => timings.writeMs),
        actMs: batchPhase((timings) => timings.actMs),
        evaluatedAloneMs: batchPhase((timings) => timings.singleMs),
        evaluatedAlone: batches.reduce((sum, batch) => sum + batch.evaluatedAlone, 0),
        failures: batches.reduce((sum, batch) => sum + batch.failures.length, 0),
        incidents: batches.reduce((sum, batch) => sum + batch.outcomes.reduce((count, outcome) => count + outcome.incidents.length, 0), 0),
        skipped: batches.reduce((sum, batch) => sum + batch.outcomes.filter((outcome) => outcome.skipped !== null).length, 0),
        marksEvaluated: batches.reduce((sum, batch) => sum + batch.outcomes.reduce((marks, outcome) => marks + outcome.marksEvaluated, 0), 0),
      },
      loadAverage: loadavg().map((value) => Math.round(100 * value) / 100),
    };
  } finally {
    await database.drop();
  }
}

async function createDeployments(orm: MikroORM, scenario: Scenario, dataSetId: string, count: number): Promise<string[]> {
  const em = orm.em.fork();
  const strategy = await em.findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });
  const version = await em.findOneOrFail(StrategyVersion, { strategy }, { orderBy: { submittedAt: 'desc' } });
  const creator = em.create(User, { email: 'bench@production.test', displayName: 'Bench', roles: ['production'], kind: 'human' });
  const parameterConfig = await findOrCreateParameterConfig(em, version, { fastPeriod: 2, slowPeriod: 5 }, 'research');
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const deployment = em.create(Deployment, {
      strategy, strategyVersion: version, parameterConfig, createdBy: creator, stage: 'shadow', effectiveStage: 'shadow', feedKind: 'replay', replayDataset: dataSetId,
      replayStartAt: new Date(scenario.startAt), symbol: scenario.symbol, timeframe: scenario.timeframe, quoteCurrency: scenario.quote, venue: 'shadow',
      slippageBps: 5, takerFeeBps: 10, makerFeeBps: 10, seed: index + 1, maxNotionalPerOrder: 1e12, capitalAllocation: 1, maxPositionFraction: 1, maxBarAgeMs: 3 * scenario.barMs,
      initialEquity: 10_000, cash: 10_000, equity: 10_000, peakEquity: 10_000,
    });
    ids.push(deployment.id);
  }
  await em.flush();
  return ids;
}

/** Runs every deployment's replay (as fast as possible) up to and including the bar opened at `endMs`. */
async function runTo(orm: MikroORM, config: ReturnType<typeof parseConfig>, ids: string[], endMs: number): Promise<void> {
  await orm.em.fork().execute(`update deployment set replay_end_at = ? where id in (${ids.map(() => '?').join(', ')})`, [new Date(endMs), ...ids]);
  for (const id of ids) {
    for (let job = 0; job < 20; job++) if ((await createSystemServices(orm, config, logger).deploymentRunner.processBars(id)).nextBarMs === null) break;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchMonitoringJob()) console.log(JSON.stringify(figure));
}
