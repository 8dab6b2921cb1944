import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryRoot, type Config } from '../infra/config.ts';
import { acquireDatabase } from '../infra/db/database.ts';
import { assertLeastPrivilege } from '../infra/db/connection-privileges.ts';
import { migrateAsOwner } from '../infra/db/migrate.ts';
import { openOrm } from '../infra/db/orm.ts';
import { createLogger } from '../infra/logger.ts';
import { demoSignInInstructions, prepareDatabase, type SetupReport } from './setup.command.ts';
import { supervise } from '../infra/process/supervise.ts';

/**
 * `start`: boots the database (DATABASE_URL or embedded), migrates, imports the bundled market data, registers
 * the built-in strategies, queues the first backtest cohort, then runs the API/web server and the worker as
 * child processes and prints the URL. Ctrl-C / SIGTERM stops the children, then the embedded database.
 */
export async function startCommand(config: Config): Promise<number> {
  const logger = createLogger('start', config.logLevel);
  const bootStarted = performance.now();
  const database = await acquireDatabase(config, logger);
  let report: SetupReport;
  try {
    await migrateAsOwner(database, logger);
    await assertLeastPrivilege(database.url, config.mode, logger);
  } catch (error) {
    await database.stop();
    throw error;
  }
  // Everything after the migrations runs as the app role, like the server and worker.
  const orm = await openOrm(database.url, 4, logger);
  try {
    report = await prepareDatabase(orm, config, logger);
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
  await waitForHealth(`${url}/healthz`, 60_000);
  logger.info({ url, bootMs: Math.round(performance.now() - bootStarted) }, 'Crucible is running');
  console.log(`\n  Crucible is running at ${url}  (GraphQL: ${url}/graphql)\n${demoSignInInstructions(url, report.demoUsers)}  Press Ctrl-C to stop.\n`);
  await new Promise(() => {});
  return 0;
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
