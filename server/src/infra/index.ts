/** Process infrastructure shared by server, worker and CLI. */
export { parseConfig, repositoryRoot, type Config } from './config.ts';
export { createLogger, type Logger } from './logger.ts';
export { systemClock, type Clock } from './clock.ts';
export { acquireDatabase } from './db/database.ts';
export type { PostgresHandle } from './db/embedded-postgres.ts';
export { openOrm, type MikroORM } from './db/orm.ts';
export { migrateAsOwner, migrateDatabase } from './db/migrate.ts';
export { assertLeastPrivilege, readConnectionPrivileges } from './db/connection-privileges.ts';
export { waitForDatabase } from './db/wait-for-database.ts';
export { startEmbeddedPostgres } from './db/embedded-postgres.ts';
export { listenForEvents, type EventListener } from './events/event-listener.ts';
export { supervise, type SupervisedProcess } from './process/supervise.ts';
export { stopOnSignal } from './process/stop-on-signal.ts';
export { SpanKind, contextFromCarrier, currentTraceCarrier, inSpan, type TraceCarrier } from './tracing/spans.ts';
export { startTracing, tracingRequested, type Tracing, type TracingOptions } from './tracing/start-tracing.ts';
export { ccxtVenueProvider } from './exchange/ccxt-venue-provider.ts';
