/**
 * Deployment runtime benchmarks (issue 11), on a throwaway database (DATABASE_URL's server, else an embedded
 * PostgreSQL). Reported, never asserted.
 *
 * 1. Whole history: one SHADOW deployment replaying all of BTC-USDT 1h (65,653 bars) as fast as possible, processed by
 *    an in-process graphile-worker runner (jobs of up to `runnerSettings.maxBarsPerJob` bars), every bar persisted
 *    (signal, position, P&L; orders and fills): wall time from queue to the `replay_completed` event. Budget < 20 s.
 * 2. Fan-out: `DEPLOYMENT_BENCH_COUNT` (100) SHADOW deployments replaying BTC-USD 1m at one bar per second each, run by
 *    2 worker processes (`node worker/src/main.ts`, each WORKER_BAR_CONCURRENCY bar job slots and WORKER_CONCURRENCY slots
 *    for every other task) for `DEPLOYMENT_BENCH_SECONDS` (300):
 *    latency from a bar's close on its replay clock to the order it caused being recorded (p50 / p99 / max; budget p99
 *    < 250 ms), and the backlog (bar jobs due but not yet run) sampled every 5 s; per bar job, the pickup delay and run
 *    time, and the CPU time of the workers and of the database's PostgreSQL backends (from /proc) per job; every job's
 *    count and run time by task (jobs the bar jobs queue, e.g. monitoring, share the workers); the load average at the
 *    end (the host is shared).
 *    DEPLOYMENT_BENCH_WORKER_NODE_ARGS passes node flags to the workers (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 *
 * The fan-out alone, as the budget is judged (prints one JSON line: p50 / p95 / p99 / max, `backlog` with its first and
 * last minute and whether it grew, jobs by task, the load average):
 *   DATABASE_URL=postgres://… DEPLOYMENT_BENCH_ONLY=fan_out npx tsx --tsconfig server/tsconfig.json server/bench/deployment-runtime.bench.ts
 * (DEPLOYMENT_BENCH_COUNT, DEPLOYMENT_BENCH_SECONDS, DEPLOYMENT_BENCH_BAR_CONCURRENCY, DEPLOYMENT_BENCH_CONCURRENCY change the
 * defaults 100, 300, 8, 4.) Besides the budget's figure (orders), it reports every bar's close → recorded latency
 * (`barToRecordedMs`, a trigger on the signal row), the slowest bars with the other jobs that overlapped them and the
 * lock waits sampled meanwhile (`worstTicks`), the most frequent lock waits of the run (`lockWaits`, sampled every
 * 250 ms from pg_stat_activity), and the monitoring incidents, deployment events and stages the run left.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { RequiredEntityData } from '@mikro-orm/core';
import { Deployment } from '../src/domain/deployment/deployment.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../src/domain/strategy/strategy-version.entity.ts';
import { User } from '../src/domain/user/user.entity.ts';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import type { MikroORM } from '../src/infra/db/orm.ts';
import { createLogger } from '../src/infra/logger.ts';
import { DeploymentRunnerService } from '../src/services/deployment/deployment-runner.service.ts';
import { findOrCreateParameterConfig } from '../src/services/strategy/parameter-config.repository.ts';
import { builtInStrategyCode } from '../src/services/strategy/strategy.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { startWorker } from '../../worker/src/worker.ts';
import { sampleLockWaits, topLockWaits, type LockWaitSample } from './lock-wait-sampler.ts';

/** Budgets of the figures. */
export const deploymentRuntimeBudget = { wholeHistorySeconds: 20, barToOrderP99Ms: 250 };

const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');

/** Runs both figures and returns them. */
export async function benchDeploymentRuntime(): Promise<Record<string, unknown>[]> {
  const database = await openBenchDatabase(8, logger);
  const { orm, databaseUrl } = database;
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }), databaseUrl };
    const services = createSystemServices(orm, config, logger);
    await services.strategies.registerBuiltInStrategies();
    const importFile = async (file: string) => (await services.marketData.importBytes(file, await readFile(join(repositoryRoot, 'data/market', file)))).marketDataSet;
    const hourly = await importFile('BTC-USDT_1h.csv');
    const minutely = await importFile('BTC-USD_1m.csv');
    // The imports trigger an evaluation cycle; its job would run in the measured workers. These figures are the runner's.
    await orm.em.fork().execute(`delete from graphile_worker._private_jobs where task_id <> all (select id from graphile_worker._private_tasks where identifier = 'process_deployment_bars')`);
    const figures: Record<string, unknown>[] = [];
    const only = process.env.DEPLOYMENT_BENCH_ONLY ?? null;
    if (only !== 'fan_out') {
      figures.push(await benchWholeHistory(orm, databaseUrl, config, hourly.id, hourly.rowCount));
      console.error(JSON.stringify(figures[0]));
    }
    if (only !== 'whole_history') figures.push(await benchFanOut(orm, databaseUrl, minutely.id));
    return figures;
  } finally {
    await database.drop();
  }
}

/** A pending SHADOW deployment of the SMA crossover (Binance US fees, no cap) on `dataSetId`. */
async function createDeployment(orm: MikroORM, dataSetId: string, overrides: Partial<RequiredEntityData<Deployment>>): Promise<string> {
  const em = orm.em.fork();
  const strategy = await em.findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });
  const version = await em.findOneOrFail(StrategyVersion, { strategy }, { orderBy: { submittedAt: 'desc' } });
  const creator = (await em.findOne(User, { email: 'bench@production.test' })) ?? em.create(User, { email: 'bench@production.test', displayName: 'Bench', roles: ['production'], kind: 'human' });
  const config = await findOrCreateParameterConfig(em, version, { fastPeriod: 2, slowPeriod: 5 }, 'research');
  const deployment = em.create(Deployment, {
    strategy,
    strategyVersion: version,
    parameterConfig: config,
    createdBy: creator,
    stage: 'shadow',
    effectiveStage: 'shadow',
    feedKind: 'replay',
    replayDataset: dataSetId,
    symbol: 'BTC/USDT',
    timeframe: '1h',
    quoteCurrency: 'USDT',
    venue: 'shadow',
    slippageBps: 5,
    takerFeeBps: 10,
    makerFeeBps: 10,
    seed: 1,
    maxNotionalPerOrder: 1e12,
    capitalAllocation: 1,
    maxPositionFraction: 1,
    maxBarAgeMs: 7_200_000,
    initialEquity: 10_000,
    cash: 10_000,
    equity: 10_000,
    peakEquity: 10_000,
    ...overrides,
  });
  await em.flush();
  await em.transactional((tx) => DeploymentRunnerService.scheduleBars(tx, deployment.id, null));
  return deployment.id;
}

async function benchWholeHistory(orm: MikroORM, databaseUrl: string, config: ReturnType<typeof parseConfig>, dataSetId: string, bars: number): Promise<Record<string, unknown>> {
  const worker = await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 1, pollInterval: 50, crontab: '' });
  try {
    const start = performance.now();
    const id = await createDeployment(orm, dataSetId, {});
    for (;;) {
      const [row] = await orm.em.fork().execute<{ done: boolean }[]>(`select exists (select 1 from deployment_event where deployment_id = ? and kind = 'replay_completed') as done`, [id]);
      if (row?.done) break;
      await new Promise((resolveLater) => setTimeout(resolveLater, 25));
    }
    const seconds = (performance.now() - start) / 1000;
    const [counts] = await orm.em.fork().execute<{ signals: number; orders: number; fills: number }[]>(
      `select (select count(*)::int from deployment_signal where deployment_id = ?) as signals,
              (select count(*)::int from deployment_order where deployment_id = ?) as orders,
              (select count(*)::int from deployment_fill where deployment_id = ?) as fills`,
      [id, id, id],
    );
    return { figure: 'deployment_whole_history_replay_seconds', value: seconds, bars, ...counts, barsPerSecond: bars / seconds, budgetSeconds: deploymentRuntimeBudget.wholeHistorySeconds };
  } finally {
    await worker.stop();
  }
}

async function benchFanOut(orm: MikroORM, databaseUrl: string, dataSetId: string): Promise<Record<string, unknown>> {
  const count = Number(process.env.DEPLOYMENT_BENCH_COUNT ?? 100);
  const seconds = Number(process.env.DEPLOYMENT_BENCH_SECONDS ?? 300);
  const concurrency = process.env.DEPLOYMENT_BENCH_CONCURRENCY ?? '4';
  const barConcurrency = process.env.DEPLOYMENT_BENCH_BAR_CONCURRENCY ?? '8';
  await recordBarJobTimes(orm);
  const workers: ChildProcess[] = [];
  for (let index = 0; index < 2; index++) {
    workers.push(
      spawn(process.execPath, [...(process.env.DEPLOYMENT_BENCH_WORKER_NODE_ARGS ? process.env.DEPLOYMENT_BENCH_WORKER_NODE_ARGS.split(' ') : []), fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url))], {
        env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: concurrency, WORKER_BAR_CONCURRENCY: barConcurrency, LOG_LEVEL: 'warn' },
        stdio: 'inherit',
      }),
    );
  }
  try {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(await createDeployment(orm, dataSetId, { timeframe: '1m', symbol: 'BTC/USD', quoteCurrency: 'USD', replayBarIntervalMs: 1000, maxBarAgeMs: 180_000 }));
    const backlog: number[] = [];
    const started = performance.now();
    const cpuBefore = await cpuSnapshot(orm, workers);
    const lockWaits = sampleLockWaits(orm);
    while ((performance.now() - started) / 1000 < seconds) {
      await new Promise((resolveLater) => setTimeout(resolveLater, 5000));
      const [row] = await orm.em.fork().execute<{ due: number }[]>(
        `select count(*)::int as due from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'process_deployment_bars' and j.run_at <= now() and j.locked_at is null`,
      );
      backlog.push(row!.due);
    }
    const cpuAfter = await cpuSnapshot(orm, workers);
    const waits = await lockWaits.stop();
    // Latency: from the wall time at which the acting bar closed on its deployment's replay clock to the order's insert.
    const latencies = await orm.em.fork().execute<{ ms: number }[]>(
      `select extract(epoch from (o.created_at - (d.replay_clock_started_at
                + ((extract(epoch from (o.decision_bar_at - d.replay_start_at)) / 60 + 2) * d.replay_bar_interval_ms) * interval '1 millisecond'))) * 1000 as ms
         from deployment_order o join deployment d on d.id = o.deployment_id
        where d.id = any(?::uuid[])`,
      [`{${ids.join(',')}}`],
    );
    const [progress] = await orm.em.fork().execute<{ bars: number; lag_max: number }[]>(
      `select (select count(*)::int from deployment_signal where deployment_id = any(?::uuid[])) as bars,
              (select max(1000 * extract(epoch from now() - (replay_clock_started_at
                        + ((extract(epoch from (last_processed_bar_at - replay_start_at)) / 60 + 1) * replay_bar_interval_ms) * interval '1 millisecond')))
                 from deployment where id = any(?::uuid[])) as lag_max`,
      [`{${ids.join(',')}}`, `{${ids.join(',')}}`],
    );
    const sorted = latencies.map((row) => Number(row.ms)).sort((a, b) => a - b);
    const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? null;
    const jobTimes = await orm.em.fork().execute<{ pickup_ms: number; run_ms: number }[]>(`select pickup_ms, run_ms from bench_bar_job_time`);
    const jobsByTask = await orm.em.fork().execute<{ task: string; jobs: number; run_ms_total: number; run_ms_p50: number; run_ms_p99: number; pickup_ms_p50: number }[]>(
      `select task, count(*)::int as jobs, round(sum(run_ms))::int as run_ms_total,
              round(percentile_cont(0.5) within group (order by run_ms))::int as run_ms_p50, round(percentile_cont(0.99) within group (order by run_ms))::int as run_ms_p99,
              round(percentile_cont(0.5) within group (order by pickup_ms))::int as pickup_ms_p50
         from bench_job_time group by task order by task`,
    );
    const ticks = await barTicks(orm, ids);
    const outcomes = await runOutcomes(orm, ids);
    return {
      figure: 'deployment_bar_to_order_ms',
      deployments: count,
      seconds,
      workerProcesses: 2,
      concurrencyPerWorker: Number(concurrency),
      barConcurrencyPerWorker: Number(barConcurrency),
      barsProcessed: progress!.bars,
      orders: sorted.length,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: sorted[sorted.length - 1] ?? null,
      barJobs: jobTimes.length,
      pickupDelayMs: percentiles(jobTimes.map((row) => Number(row.pickup_ms))),
      jobRunMs: percentiles(jobTimes.map((row) => Number(row.run_ms))),
      cpuMsPerBarJob: cpuPerJob(cpuBefore, cpuAfter),
      jobsByTask,
      loadAverage: loadavg().map((value) => Math.round(100 * value) / 100),
      backlog: backlogSummary(backlog),
      backlogSamples: backlog,
      lagOfSlowestDeploymentMs: progress!.lag_max,
      barToRecordedMs: percentiles(ticks.map((tick) => tick.latencyMs)),
      worstTicks: await worstTicks(orm, ticks, waits),
      lockWaits: topLockWaits(waits),
      ...outcomes,
      budgetP99Ms: deploymentRuntimeBudget.barToOrderP99Ms,
    };
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((worker) => new Promise((resolveExit) => (worker.exitCode !== null ? resolveExit(null) : worker.on('exit', resolveExit)))));
  }
}

/**
 * Records, for every finished bar job, how long it waited after its run time before a worker took it (pickup delay:
 * polling, busy workers, locked queues) and how long it then ran until graphile-worker deleted it (job run: the
 * task, its transaction and the completion); for every finished job, its task, pickup, run, start and end; and for
 * every bar, when its signal row was inserted (its bar was recorded). Triggers on the throwaway bench database.
 */
async function recordBarJobTimes(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  await em.execute(`create table if not exists bench_bar_job_time (pickup_ms float8, run_ms float8)`);
  await em.execute(`create table if not exists bench_job_time (task text, pickup_ms float8, run_ms float8, locked_at timestamptz, done_at timestamptz)`);
  await em.execute(`create table if not exists bench_bar_recorded (deployment_id uuid, bar_at timestamptz, recorded_at timestamptz)`);
  await em.execute(
    `create or replace function bench_record_bar_recorded() returns trigger language plpgsql as $$
     begin
       insert into bench_bar_recorded values (new.deployment_id, new.bar_at, clock_timestamp());
       return new;
     end $$`,
  );
  await em.execute(`create or replace trigger bench_bar_recorded after insert on deployment_signal for each row execute function bench_record_bar_recorded()`);
  await em.execute(
    `create or replace function bench_record_bar_job_time() returns trigger language plpgsql as $$
     begin
       if old.locked_at is not null and old.key like 'deployment-bar:%' then
         insert into bench_bar_job_time values (1000 * extract(epoch from old.locked_at - old.run_at), 1000 * extract(epoch from clock_timestamp() - old.locked_at));
       end if;
       if old.locked_at is not null then
         insert into bench_job_time select t.identifier, 1000 * extract(epoch from old.locked_at - old.run_at), 1000 * extract(epoch from clock_timestamp() - old.locked_at), old.locked_at, clock_timestamp()
           from graphile_worker._private_tasks t where t.id = old.task_id;
       end if;
       return old;
     end $$`,
  );
  await em.execute(`create or replace trigger bench_bar_job_time after delete on graphile_worker._private_jobs for each row execute function bench_record_bar_job_time()`);
}

/** One processed bar: when it closed on its deployment's replay clock and when its signal row was inserted, ms since the epoch. */
interface BarTick {
  deploymentId: string;
  closeMs: number;
  recordedMs: number;
  latencyMs: number;
}

/** Every bar of `ids` recorded during the run (bench_bar_recorded), with its bar close → recorded latency. */
async function barTicks(orm: MikroORM, ids: string[]): Promise<BarTick[]> {
  const rows = await orm.em.fork().execute<{ deployment_id: string; close_ms: number; recorded_ms: number }[]>(
    `select r.deployment_id,
            1000 * extract(epoch from d.replay_clock_started_at + ((extract(epoch from (r.bar_at - d.replay_start_at)) / 60 + 1) * d.replay_bar_interval_ms) * interval '1 millisecond')::float8 as close_ms,
            1000 * extract(epoch from r.recorded_at)::float8 as recorded_ms
       from bench_bar_recorded r join deployment d on d.id = r.deployment_id
      where d.id = any(?::uuid[]) and r.bar_at >= d.replay_start_at`,
    [`{${ids.join(',')}}`],
  );
  return rows.map((row) => ({ deploymentId: row.deployment_id, closeMs: Number(row.close_ms), recordedMs: Number(row.recorded_ms), latencyMs: Number(row.recorded_ms) - Number(row.close_ms) }));
}

/**
 * The `count` slowest bars (close → recorded), each with what else ran meanwhile: the jobs of other tasks that overlapped
 * its wait (task, how long they ran) and the lock waits sampled in it (waiting ⇐ blocker, samples).
 */
async function worstTicks(orm: MikroORM, ticks: BarTick[], waits: LockWaitSample[], count = 6): Promise<Record<string, unknown>[]> {
  const worst = [...ticks].sort((a, b) => b.latencyMs - a.latencyMs).slice(0, count);
  const result: Record<string, unknown>[] = [];
  for (const tick of worst) {
    const jobs = await orm.em.fork().execute<{ task: string; jobs: number; longest_ms: number }[]>(
      `select task, count(*)::int as jobs, round(max(run_ms))::int as longest_ms from bench_job_time
        where task <> 'process_deployment_bars' and locked_at < to_timestamp(?::float8 / 1000) and done_at > to_timestamp(?::float8 / 1000)
        group by task order by task`,
      [tick.recordedMs, tick.closeMs],
    );
    const during = waits.filter((sample) => sample.atMs >= tick.closeMs && sample.atMs <= tick.recordedMs);
    result.push({
      latencyMs: Math.round(tick.latencyMs),
      closedAt: new Date(tick.closeMs).toISOString(),
      overlappingJobs: jobs.map((job) => `${job.task} ×${job.jobs} (longest ${job.longest_ms} ms)`),
      lockWaits: topLockWaits(during, 3).map((pair) => `${pair.samples}× ${pair.waitEvent}: ${pair.waiting} ⇐ ${pair.blocker ?? '?'}`),
    });
  }
  return result;
}

/** What the run did besides bars: monitoring incidents by type and action, deployment events by kind, deployments by stage at the end. */
async function runOutcomes(orm: MikroORM, ids: string[]): Promise<Record<string, unknown>> {
  const em = orm.em.fork();
  const list = `{${ids.join(',')}}`;
  const incidents = await em.execute<{ incident: string; count: number }[]>(
    `select incident_type || ' ' || coalesce(auto_actions->>'kind', '-') || case when auto_actions->>'skipped' is not null then ' (skipped)' else '' end as incident, count(*)::int as count
       from monitoring_incident where deployment_id = any(?::uuid[]) group by 1 order by 2 desc`,
    [list],
  );
  const events = await em.execute<{ kind: string; count: number }[]>(`select kind, count(*)::int as count from deployment_event where deployment_id = any(?::uuid[]) group by 1 order by 2 desc`, [list]);
  const stages = await em.execute<{ stage: string; count: number }[]>(`select stage || '/' || health as stage, count(*)::int as count from deployment where id = any(?::uuid[]) group by 1 order by 2 desc`, [list]);
  const pairs = (rows: { count: number }[], key: string) => Object.fromEntries(rows.map((row) => [(row as unknown as Record<string, string>)[key], row.count]));
  return { incidents: pairs(incidents, 'incident'), deploymentEvents: pairs(events, 'kind'), deploymentsByStageAndHealth: pairs(stages, 'stage') };
}

/** CPU time so far (ms) of each worker process and of each PostgreSQL backend of the bench database (from /proc; local server only), with the bar jobs finished. */
interface CpuSnapshot {
  workers: Map<number, number>;
  backends: Map<number, number>;
  jobs: number;
}

async function cpuSnapshot(orm: MikroORM, workers: ChildProcess[]): Promise<CpuSnapshot> {
  const em = orm.em.fork();
  const backends = await em.execute<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database()`);
  const [done] = await em.execute<{ jobs: number }[]>(`select count(*)::int as jobs from bench_bar_job_time`);
  const times = async (pids: (number | undefined)[]) => new Map(await Promise.all(pids.filter((pid) => pid !== undefined).map(async (pid) => [pid, await processCpuMs(pid)] as const)));
  return { workers: await times(workers.map((worker) => worker.pid)), backends: await times(backends.map((row) => row.pid)), jobs: done!.jobs };
}

/** utime + stime of a local process, ms (0 when it cannot be read). Assumes 100 clock ticks per second (Linux). */
async function processCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU ms per finished bar job between two snapshots (a backend that ended in between is not counted). */
function cpuPerJob(before: CpuSnapshot, after: CpuSnapshot): { workers: number; postgres: number; jobs: number } | null {
  const jobs = after.jobs - before.jobs;
  if (jobs <= 0) return null;
  const spent = (first: Map<number, number>, last: Map<number, number>) => [...last].reduce((sum, [pid, ms]) => sum + ms - (first.get(pid) ?? 0), 0);
  const round = (value: number) => Math.round((10 * value) / jobs) / 10;
  return { workers: round(spent(before.workers, after.workers)), postgres: round(spent(before.backends, after.backends)), jobs };
}

/**
 * The backlog (bar jobs due and not taken, sampled every 5 s) in brief: the mean over the first and the last minute,
 * the maximum, and whether it grew (last minute's mean above the first's by more than 10 jobs or 10 %).
 */
function backlogSummary(samples: number[]): { firstMinuteMean: number | null; lastMinuteMean: number | null; max: number | null; growing: boolean | null } {
  if (samples.length === 0) return { firstMinuteMean: null, lastMinuteMean: null, max: null, growing: null };
  const perMinute = 12;
  const mean = (values: number[]) => Math.round((10 * values.reduce((sum, value) => sum + value, 0)) / values.length) / 10;
  const first = mean(samples.slice(0, perMinute));
  const last = mean(samples.slice(-perMinute));
  return { firstMinuteMean: first, lastMinuteMean: last, max: Math.max(...samples), growing: last > first + Math.max(10, 0.1 * first) };
}

/** p50 / p95 / p99 / max of `values` (ms), rounded to 0.1 ms. */
function percentiles(values: number[]): { p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => (sorted.length === 0 ? null : Math.round(10 * sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!) / 10);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length === 0 ? null : Math.round(10 * sorted[sorted.length - 1]!) / 10 };
}

// Standalone: `npx tsx --tsconfig server/tsconfig.json server/bench/deployment-runtime.bench.ts` runs only these figures.
if (process.argv[1]?.endsWith('deployment-runtime.bench.ts')) {
  for (const figure of await benchDeploymentRuntime()) console.log(JSON.stringify(figure));
}
