import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryRoot, type Config } from '../infra/config.ts';
import { acquireDatabase } from '../infra/db/database.ts';
import { migrateDatabase } from '../infra/db/migrate.ts';
import { openOrm } from '../infra/db/orm.ts';
import { createLogger, type Logger } from '../infra/logger.ts';
import { demoSignInInstructions, prepareDatabase, type SetupReport } from './setup.command.ts';

/**
 * `start`: boots the database (DATABASE_URL or embedded), migrates, imports the bundled market data, registers
 * the built-in strategies, queues the first backtest cohort, then runs the API/web server and the worker as
 * child processes and prints the URL. Ctrl-C / SIGTERM stops the children, then the embedded database.
 */
export async function startCommand(config: Config): Promise<number> {
  const logger = createLogger('start', config.logLevel);
  const bootStarted = performance.now();
  const database = await acquireDatabase(config, logger);
  const orm = await openOrm(database.url, 4, logger);
  let report: SetupReport;
  try {
    await migrateDatabase(orm, database.url, logger);
    report = await prepareDatabase(orm, config, logger);
  } catch (error) {
    await orm.close();
    await database.stop();
    throw error;
  }
  await orm.close();

  const environment = { ...process.env, DATABASE_URL: database.url };
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
  await waitForHealth(`${url}/healthz`, 60_000);
  logger.info({ url, bootMs: Math.round(performance.now() - bootStarted) }, 'Crucible is running');
  console.log(`\n  Crucible is running at ${url}  (GraphQL: ${url}/graphql)\n${demoSignInInstructions(url, report.demoUsers)}  Press Ctrl-C to stop.\n`);
  await new Promise(() => {});
  return 0;
}

/** A child process kept running: restarted after a crash, given up on when it crash-loops. */
interface SupervisedProcess {
  stop(): Promise<void>;
}

/** Restarts within this window count towards `maxRestarts`. */
const restartWindowMs = 60_000;
const maxRestarts = 5;

/**
 * Runs `script` as a child and restarts it when it exits unexpectedly (e.g. graphile-worker exits by design when
 * the database connection is lost mid-update; its jobs are recovered by the heartbeat sweep), after a backoff
 * of 1 s doubling to 16 s. More than `maxRestarts` crashes within a minute calls `onGiveUp`.
 */
function supervise(name: string, script: string, environment: NodeJS.ProcessEnv, logger: Logger, onGiveUp: () => void): SupervisedProcess {
  let child: ChildProcess;
  let stopped = false;
  const crashes: number[] = [];
  const start = () => {
    child = spawn(process.execPath, [script], { env: environment, stdio: 'inherit' });
    child.on('error', (error) => logger.error({ err: error, child: name }, 'child failed to start'));
    child.on('exit', (code, signal) => {
      if (stopped) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > restartWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) {
        logger.error({ child: name, code, signal }, `${name} keeps crashing; stopping everything`);
        onGiveUp();
        return;
      }
      const delayMs = Math.min(1000 * 2 ** (crashes.length - 1), 16_000);
      logger.error({ child: name, code, signal, restartInMs: delayMs }, `${name} exited unexpectedly; restarting`);
      setTimeout(() => stopped || start(), delayMs);
    });
  };
  start();
  return {
    stop: async () => {
      stopped = true;
      await stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
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
