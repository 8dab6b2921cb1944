import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type EventEnvelope } from '@crucible/server/domain';
import { listenForEvents, type MikroORM } from '@crucible/server/infra';
import { createSystemServices, type Services } from '@crucible/server/services';
import type { TestDatabase } from '../../../server/test/support/test-database.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';
import { servicesActingAs } from '../../../server/test/support/test-services.ts';
import { waitUntil } from '../../../server/test/support/wait-until.ts';
import { startWorker } from '../../src/worker.ts';
import { useWorkerHarness } from '../support/worker-harness.ts';

/**
 * Cancelling work a real graphile-worker runner (`startWorker`, as deployed) is running: the job is taken and its
 * row RUNNING when a research user cancels it; the task sees the cancellation at its next checkpoint and stops.
 * The task is held at a known point by a lock on `market_bar` (it blocks while loading bars), so the cancellation
 * lands while it runs, every time, without timing assumptions. Each test gets its own database (the runner takes
 * every due job of the queue).
 */
const harness = useWorkerHarness({ database: 'test' });
const { logger, settings } = harness;
let database: TestDatabase;
let orm: MikroORM;
let pool: pg.Pool;
beforeEach(() => void ({ database, orm, pool } = harness));

/** Services acting as a research user (a role the authorization table lets cancel work) through an API token. */
const asResearch = (): Promise<Services> => servicesActingAs(orm, `canceller-${newId().slice(-8)}@test.crucible.local`, ['research'], { logger, importDir: settings.importDir });

/** Imports BTC-USDT 1d first (no strategy yet, so the import queues no cycle), then registers the built-ins. */
async function arrange() {
  const services = createSystemServices(orm, settings, logger);
  const { marketDataSet } = await services.marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
  await services.strategies.registerBuiltInStrategies();
  const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-sma-crossover')!;
  const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
  return { marketDataSet, version };
}

/** What the cancellation of one row is checked by. */
interface Work {
  task: string;
  table: string;
  id: string;
  cancel(services: Services): Promise<{ status: string }>;
}

/**
 * Starts a real runner while bars cannot be read, waits until the worker holds the job and the row is RUNNING,
 * cancels it as research, lets the bars be read again and waits until the job is gone. Returns the events the
 * row's move to `cancelled` published.
 */
async function cancelWhileRunning(work: Work): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  const listener = listenForEvents(database.appUrl, logger, (event) => events.push(event));
  await listener.ready;
  const research = await asResearch();
  const holder = await pool.connect();
  const jobOf = async () =>
    (await pool.query(`select locked_at, attempts, max_attempts from graphile_worker.jobs where task_identifier = $1`, [work.task])).rows as { locked_at: Date | null; attempts: number; max_attempts: number }[];
  const status = async () => ((await pool.query(`select status from ${work.table} where id = $1`, [work.id])).rows[0] as { status: string }).status;
  let runner: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    await holder.query('begin');
    await holder.query('lock table market_bar in access exclusive mode');
    runner = await startWorker({ databaseUrl: database.appUrl, orm, settings, logger, concurrency: 1, pollInterval: 50, crontab: '' });
    await waitUntil(`the worker running ${work.task}`, async () => (await status()) === 'running' && (await jobOf())[0]?.locked_at != null);

    const cancelled = await work.cancel(research);
    expect(cancelled.status).toBe('cancelled');

    await holder.query('rollback');
    // The task stops at its next checkpoint and its job ends (no retry is left to it).
    await waitUntil(`the ${work.task} job to end`, async () => (await jobOf()).length === 0);
  } finally {
    await holder.query('rollback').catch(() => {});
    holder.release();
    await runner?.stop();
    await listener.close();
  }
  expect(await status()).toBe('cancelled');
  const audit = (await pool.query(`select action, actor_role from audit_event where subject_id = $1 order by sequence`, [work.id])).rows as { action: string; actor_role: string }[];
  // Started by the system, cancelled by research, nothing after the cancellation.
  expect(audit.at(-1)).toMatchObject({ action: expect.stringMatching(/\.cancelled$/), actor_role: 'research' });
  expect(audit.filter((event) => /\.(completed|failed)$/.test(event.action))).toEqual([]);
  return events;
}

describe('cancelling a RUNNING job through the real graphile-worker', () => {
  it('a backtest run: CANCELLED, stops before its simulation, stores no results, audited, event published', async () => {
    const { marketDataSet, version } = await arrange();
    const run = await createSystemServices(orm, settings, logger).backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const events = await cancelWhileRunning({ task: 'run_backtest', table: 'backtest_run', id: run.id, cancel: (services) => services.backtests.cancel(run.id, 'wrong parameters') });

    const row = (await pool.query(`select status, failure_reason, metrics from backtest_run where id = $1`, [run.id])).rows[0];
    expect(row).toMatchObject({ status: 'cancelled', failure_reason: 'cancelled: wrong parameters', metrics: null });
    expect((await pool.query(`select 1 from backtest_equity_curve where run_id = $1`, [run.id])).rows).toEqual([]);
    const published = events.filter((event) => event.topic === 'BACKTEST_RUN_UPDATED' && (event.payload as { id: string }).id === run.id).map((event) => event.snapshot?.status);
    expect(published).toEqual(['running', 'cancelled']);
  });

  it('an optimization: CANCELLED before its first segment, no segment stored, audited, event published', async () => {
    const { marketDataSet, version } = await arrange();
    const optimization = await createSystemServices(orm, settings, logger).optimizations.queue({
      strategyVersionId: version.id,
      marketDataSetIds: [marketDataSet.id],
      searchMethod: 'random',
      trialBudget: 20,
      seed: 3,
      windows: { scheme: 'rolling', unit: 'bars', trainSize: 365, testSize: 120 },
      objective: { metric: 'sharpe', direction: 'maximize', constraints: [] },
    });
    const events = await cancelWhileRunning({
      task: 'run_optimization',
      table: 'optimization',
      id: optimization.id,
      cancel: (services) => services.optimizations.cancel(optimization.id, 'taking too long'),
    });

    const row = (await pool.query(`select status, failure_reason, segments_completed from optimization where id = $1`, [optimization.id])).rows[0];
    expect(row).toMatchObject({ status: 'cancelled', failure_reason: 'cancelled: taking too long', segments_completed: 0 });
    expect((await pool.query(`select 1 from walk_forward_segment where optimization_id = $1`, [optimization.id])).rows).toEqual([]);
    const published = events.filter((event) => event.topic === 'OPTIMIZATION_PROGRESS' && (event.payload as { id: string }).id === optimization.id).map((event) => (event.payload as { status: string }).status);
    expect(published.at(-1)).toBe('cancelled');
  });

  it('an evaluation cycle: CANCELLED after loading its datasets, no configuration or scorecard entry stored, audited, event published', async () => {
    await arrange();
    const research = await asResearch();
    const cycle = await research.cycles.run({ reason: 'to be cancelled' });
    const events = await cancelWhileRunning({ task: 'run_evaluation_cycle', table: 'evaluation_cycle', id: cycle.id, cancel: (services) => services.cycles.cancel(cycle.id, 'wrong scope') });

    const row = (await pool.query(`select status, failure_reason, trial_count from evaluation_cycle where id = $1`, [cycle.id])).rows[0];
    expect(row).toMatchObject({ status: 'cancelled', failure_reason: 'cancelled: wrong scope', trial_count: 0 });
    expect((await pool.query(`select 1 from cycle_configuration where evaluation_cycle_id = $1`, [cycle.id])).rows).toEqual([]);
    expect((await pool.query(`select 1 from scorecard_entry where evaluation_cycle_id = $1`, [cycle.id])).rows).toEqual([]);
    const published = events.filter((event) => event.topic === 'SCORECARD_UPDATED' && (event.payload as { cycleId: string }).cycleId === cycle.id).map((event) => (event.payload as { status: string }).status);
    expect(published).toEqual(['running', 'cancelled']);
  });
});
