import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig, repositoryRoot } from '../server/src/infra/config.ts';
import { migrateDatabase } from '../server/src/infra/db/migrate.ts';
import { openOrm } from '../server/src/infra/db/orm.ts';
import { createLogger } from '../server/src/infra/logger.ts';
import { startServer } from '../server/src/http/server.ts';
import { createSystemServices } from '../server/src/services/system-services.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer } from '../server/test/support/postgres-server.ts';
import { startWorker } from '../worker/src/worker.ts';

/**
 * The whole platform for browser tests, on a throwaway database: migrates it, imports two daily datasets,
 * registers the built-in strategies, then runs the API + web server (E2E_PORT, default 4100) and a worker in
 * this process. SIGTERM/SIGINT stops everything and drops the database.
 */
const port = Number(process.env.E2E_PORT ?? 4100);
const logger = createLogger('e2e-stack', process.env.LOG_LEVEL ?? 'warn');
const postgres = await startTestPostgresServer();
const databaseName = `crucible_e2e_${Math.random().toString(36).slice(2, 10)}`;
await runAdminStatement(postgres.adminUrl, `create database ${databaseName}`);
const databaseUrl = databaseUrlFor(postgres.adminUrl, databaseName);
const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }), databaseUrl };
const orm = await openOrm(databaseUrl, 6);
await migrateDatabase(orm, databaseUrl, logger);
const services = createSystemServices(orm, config, logger);
for (const file of ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv']) {
  await services.marketData.importBytes(file, await readFile(join(repositoryRoot, 'data/market', file)));
}
await services.strategies.registerBuiltInStrategies();
// One demo user per role (`<role>@demo.crucible.local` / `<role>-demo-password`, demo TOTP secret enrolled).
await services.users.ensureDemoUsers();
const server = await startServer({ config, orm, databaseUrl, logger });
const worker = await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 2, pollInterval: 200 });
console.log(`e2e stack ready at ${server.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await server.close();
  await orm.close();
  await runAdminStatement(postgres.adminUrl, `drop database if exists ${databaseName} with (force)`);
  await postgres.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
