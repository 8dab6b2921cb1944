import 'reflect-metadata';
import { parseConfig } from './infra/config.ts';
import { acquireDatabase } from './infra/db/database.ts';
import { migrateDatabase } from './infra/db/migrate.ts';
import { openOrm } from './infra/db/orm.ts';
import { createLogger } from './infra/logger.ts';
import { startServer } from './http/server.ts';

// Composition root of a server process: config → database → migrations → ORM → HTTP/WS server.
const config = parseConfig();
const logger = createLogger('server', config.logLevel);
const database = await acquireDatabase(config, logger);
const orm = await openOrm(database.url);
await migrateDatabase(orm, database.url, logger);
const server = await startServer({ config, orm, databaseUrl: database.url, logger });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  logger.info('server stopping');
  await server.close();
  await orm.close();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
