import { join, relative, resolve } from 'node:path';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { repositoryRoot, type Config } from '../infra/config.ts';
import { acquireDatabase } from '../infra/db/database.ts';
import { assertLeastPrivilege } from '../infra/db/connection-privileges.ts';
import { migrateAsOwner } from '../infra/db/migrate.ts';
import { openOrm } from '../infra/db/orm.ts';
import { createLogger } from '../infra/logger.ts';
import { demoSignInInstructions, prepareDatabase, type SetupReport } from './setup.command.ts';
import { supervise } from '../infra/process/supervise.ts';
import { consoleSteps } from './start-steps.ts';

/**
 * `start`: boots the database (DATABASE_URL or embedded), migrates, imports the bundled market data, registers
 * the built-in strategies, queues the first backtest cohort, then runs the API/web server and the worker as
 * child processes and prints the URL. Ctrl-C / SIGTERM stops the children, then the embedded database.
 */
export async function startCommand(config: Config): Promise<number> {
  // Quiet by default: one console line per step; the JSON logs of this process, the server and the worker go to
  // DATA_DIR/logs/crucible.log. With LOG_LEVEL set explicitly they go to standard output as they always did.
  if (!process.env.LOG_LEVEL && !process.env.CRUCIBLE_LOG_FILE) process.env.CRUCIBLE_LOG_FILE = resolve(config.dataDir, 'logs', 'crucible.log');
  const logger = createLogger('start', config.logLevel);
  const step = consoleSteps();
  if (process.env.CRUCIBLE_LOG_FILE) {
    const shown = relative(process.cwd(), process.env.CRUCIBLE_LOG_FILE);
    console.log(`  logs: ${shown.startsWith('..') ? process.env.CRUCIBLE_LOG_FILE : shown}   (LOG_LEVEL=info npm start prints them here instead)`);
  }
  const bootStarted = performance.now();
  const database = await step(config.databaseUrl ? 'connect to PostgreSQL' : 'start embedded PostgreSQL', () => acquireDatabase(config, logger));
  let report: SetupReport;
  try {
    await step('migrate', () => migrateAsOwner(database, logger));
    await assertLeastPrivilege(database.url, config.mode, logger);
  } catch (error) {
    await database.stop();
    throw error;
  }
  // Everything after the migrations runs as the app role, like the server and worker.
  const orm = await openOrm(database.url, 4, logger);
  try {
    report = await prepareDatabase(orm, config, logger, step);
  } catch (error) {
    await orm.close();
    await database.stop();
    throw error;
  }
  await orm.close();

  // The children get the app role's connection only: the owner's credentials stay in this process.
  const environment = { ...process.env, DATABASE_URL: database.url, DATABASE_OWNER_URL: undefined };
  const supervised = [
    supervise('server', fileURLToPath(new URL('../main.js', import.meta.url)), environment, logger, () => void stopAll(1)),
    supervise('worker', join(repositoryRoot, 'worker/src/main.ts'), environment, logger, () => void stopAll(1)),
  ];
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  let stopping = false;
  async function stopAll(code: number) {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await Promise.all(supervised.map((child) => child.stop()));
    await database.stop();
    process.exit(code);
  }
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  await step('start server and worker', () => waitForHealth(`${url}/healthz`, 60_000));
  if (report.queuedCycleId) {
    const cycleId = report.queuedCycleId;
    const describe = (cycle: { configurations: number; workerMs: number }) => `${cycle.configurations} configurations, ${(cycle.workerMs / 1000).toFixed(1)} s of worker time`;
    // Not fatal: the scorecard appears when the worker finishes; the step line says what happened.
    await step('first evaluation cycle', () => waitForCycle(database.url, cycleId, 10 * 60_000), describe).catch(() => {});
  }
  logger.info({ url, bootMs: Math.round(performance.now() - bootStarted) }, 'Crucible is running');
  console.log(`\n  Crucible is running at ${url}  (GraphQL: ${url}/graphql)\n${demoSignInInstructions(url, report.demoUsers)}  Press Ctrl-C to stop.\n`);
  await new Promise(() => {});
  return 0;
}

/** Waits until the evaluation cycle `cycleId` completed (the worker runs it); polls every 250 ms. @throws Error when it failed or took longer than `timeoutMs`. */
async function waitForCycle(databaseUrl: string, cycleId: string, timeoutMs: number): Promise<{ configurations: number; workerMs: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ status: string; configurations: number; worker_ms: string | null }>(
        `select status, configuration_count as configurations, extract(epoch from (completed_at - started_at)) * 1000 as worker_ms from evaluation_cycle where id = $1`,
        [cycleId],
      );
      const cycle = rows[0];
      if (cycle?.status === 'failed') throw new Error('failed (see the logs)');
      if (cycle?.status === 'completed') return { configurations: cycle.configurations, workerMs: Number(cycle.worker_ms ?? 0) };
      if (Date.now() > deadline) throw new Error(`not finished within ${timeoutMs / 1000} s; the worker goes on with it`);
      await new Promise((resolveLater) => setTimeout(resolveLater, 250));
    }
  } finally {
    await client.end();
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy at ${url} within ${timeoutMs / 1000}s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
}
