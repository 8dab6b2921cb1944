import 'reflect-metadata';
import { parseConfig } from './infra/config.ts';
import { acquireDatabase } from './infra/db/database.ts';
import { assertLeastPrivilege } from './infra/db/connection-privileges.ts';
import { migrateAsOwner } from './infra/db/migrate.ts';
import { openOrm } from './infra/db/orm.ts';
import { createLogger } from './infra/logger.ts';
import { startServer } from './http/server.ts';
import { startTracing } from './infra/tracing/start-tracing.ts';
import { stopOnSignal } from './infra/process/stop-on-signal.ts';
import { createSystemServices } from './services/system-services.ts';

// Composition root of a server process: config → database → migrations (when it holds the owner's credentials) →
// least-privilege check → ORM as the app role → HTTP/WS server.
const config = parseConfig();
const logger = createLogger('server', config.logLevel);
const tracing = startTracing({ serviceName: 'crucible-server', logger });
const database = await acquireDatabase(config, logger);
await migrateAsOwner(database, logger);
await assertLeastPrivilege(database.url, config.mode, logger);
const orm = await openOrm(database.url);
// The public key of the configured audit signing key, under its id: events it signs verify after a later rotation.
await createSystemServices(orm, config, logger).audit.registerSigningKey();
const server = await startServer({ config, orm, databaseUrl: database.url, logger });

stopOnSignal('server', logger, [() => server.close(), () => orm.close(), () => database.stop(), () => tracing?.shutdown()]);
