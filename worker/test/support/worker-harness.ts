import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTaskListOnce, type WorkerSharedOptions } from 'graphile-worker';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createLogger, openOrm, type Clock, type Logger, type MikroORM } from '@crucible/server/infra';
import { createSystemServices, type ServiceSettings } from '@crucible/server/services';
import { createTestDatabase, type TestDatabase } from '../../../server/test/support/test-database.ts';
import type { ServiceTestHarness } from '../../../server/test/support/test-services.ts';
import { makeGraphileLogger } from '../../src/graphile-logger.ts';
import { makeTaskList } from '../../src/task-list.ts';

/**
 * What a worker test file works with: its own migrated database, an ORM as the least-privilege app role (like a
 * deployed worker), a raw superuser pool for fixtures and fault injection, and the real runner.
 */
export interface WorkerHarness {
  database: TestDatabase;
  orm: MikroORM;
  pool: pg.Pool;
  logger: Logger;
  /** Settings of the tasks' services (a test may set e.g. `notificationDelivery` before running jobs). */
  settings: ServiceSettings;
  /** The platform clock of the tasks' services (default: the wall clock); a test may inject a simulated one. */
  clock?: Clock;
  /**
   * Runs every job that is due, once, through graphile-worker's real task runner — only the jobs of `only` when given
   * (the others stay queued: graphile-worker fetches only the tasks its task list knows).
   */
  runDueJobs(only?: readonly string[]): Promise<void>;
}

/**
 * Gives a test file its database, ORM and pool for its lifetime (beforeAll/afterAll), or each test its own
 * (`database: 'test'`, beforeEach/afterEach: for tests that run a real worker over the whole queue).
 */
export function useWorkerHarness(options: { database?: 'file' | 'test' } = {}): WorkerHarness {
  const logger = createLogger('worker-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const harness = { logger, settings: { importDir: '/nonexistent' } } as WorkerHarness;
  let appPool: pg.Pool;
  harness.runDueJobs = async (only) => {
    const client = await appPool.connect();
    try {
      const options = { logger: makeGraphileLogger(logger) } as WorkerSharedOptions;
      const tasks = makeTaskList({ orm: harness.orm, settings: harness.settings, logger, clock: harness.clock });
      await runTaskListOnce(options, only ? Object.fromEntries(Object.entries(tasks).filter(([name]) => only.includes(name))) : tasks, client);
    } finally {
      client.release();
    }
  };
  const [setUp, tearDown] = options.database === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  setUp(async () => {
    harness.database = await createTestDatabase();
    harness.orm = await openOrm(harness.database.appUrl, 4);
    harness.pool = new pg.Pool({ connectionString: harness.database.url });
    appPool = new pg.Pool({ connectionString: harness.database.appUrl, max: 2 });
  });
  tearDown(async () => {
    await appPool?.end();
    await harness.pool?.end();
    await harness.orm?.close();
    await harness.database?.drop();
  });
  return harness;
}

/** The worker harness seen as the service harness the server's fixtures take (same database, ORM, settings and logger). */
export function asServiceHarness(harness: WorkerHarness): ServiceTestHarness {
  return {
    database: harness.database,
    orm: harness.orm,
    importDir: harness.settings.importDir,
    services: () => createSystemServices(harness.orm, harness.settings, harness.logger),
  } as ServiceTestHarness;
}

/** A worker process a test started; `exited` resolves with the signal that ended it (null for a normal exit). */
export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | null>;
}

/**
 * A real worker process on the harness's database (node runs the TypeScript sources: `worker/src/main.ts`, or `entry`),
 * one job at a time, silent; `env` adds or overrides variables (e.g. `WORKER_POLL_INTERVAL_MS`). The test kills it.
 */
export function startWorkerProcess(harness: WorkerHarness, options: { entry?: URL; env?: NodeJS.ProcessEnv } = {}): WorkerProcess {
  const entry = options.entry ?? new URL('../../src/main.ts', import.meta.url);
  const child = spawn(process.execPath, [fileURLToPath(entry)], {
    env: { ...process.env, DATABASE_URL: harness.database.url, WORKER_CONCURRENCY: '1', LOG_LEVEL: 'silent', ...options.env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolveExit) => child.on('exit', (_code, signal) => resolveExit(signal))) };
}

/**
 * After a worker process was killed: unlocks the jobs it held, as the heartbeat sweep or an operator would (graphile-worker's
 * own lock timeout is 4 h), and makes every queued job due now, so `runDueJobs` or another worker takes them at once.
 */
export async function releaseKilledWorkersJobs(harness: WorkerHarness): Promise<void> {
  const locked = (await harness.pool.query(`select locked_by from graphile_worker._private_jobs where locked_by is not null`)).rows as { locked_by: string }[];
  if (locked.length > 0) await harness.pool.query('select graphile_worker.force_unlock_workers($1::text[])', [locked.map((row) => row.locked_by)]);
  await harness.pool.query(`update graphile_worker._private_jobs set run_at = now()`);
}

/** Polls `condition` every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
  }
}
