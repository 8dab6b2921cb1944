import { acquireDatabase, assertLeastPrivilege, ccxtVenueProvider, createLogger, openOrm, parseConfig, startTracing, stopOnSignal } from '@crucible/server/infra';
import { createSystemServices } from '@crucible/server/services';
import { startWorkerLanes } from './worker.ts';

// Composition root of a worker process: config → database → ORM → graphile-worker runner; graceful stop.
const config = parseConfig();
const logger = createLogger('worker', config.logLevel);
const tracing = startTracing({ serviceName: 'crucible-worker', logger });
const database = await acquireDatabase(config, logger);
await assertLeastPrivilege(database.url, config.mode, logger);
const orm = await openOrm(database.url, config.workerConcurrency + config.workerBarConcurrency + 2);
await createSystemServices(orm, config, logger).audit.registerSigningKey();
// The exchange connectors (ccxt, loaded on first use) for live feeds and LIVE orders; credentials come from the database.
const settings = { ...config, venues: ccxtVenueProvider() };
// Two runners: deployment bar jobs in a pool of their own (WORKER_BAR_CONCURRENCY), every other task (WORKER_CONCURRENCY).
const runner = await startWorkerLanes({ databaseUrl: database.url, orm, settings, logger, concurrency: config.workerConcurrency, barConcurrency: config.workerBarConcurrency, pollInterval: config.workerPollIntervalMs });
logger.info({ concurrency: config.workerConcurrency, barConcurrency: config.workerBarConcurrency }, 'worker started');

// 'finishing running jobs': graphile-worker's stop waits for them.
stopOnSignal('worker', logger, [() => runner.stop(), () => orm.close(), () => database.stop(), () => tracing?.shutdown()]);
try {
  await runner.promise;
} catch (error) {
  logger.error({ err: error }, 'worker stopped on a fatal error; exiting so the supervisor restarts it');
  await orm.close().catch(() => {});
  await tracing?.shutdown();
  process.exit(1);
}
