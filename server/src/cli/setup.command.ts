import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../domain/ids.ts';
import { systemClock } from '../infra/clock.ts';
import type { Config } from '../infra/config.ts';
import type { MikroORM } from '../infra/db/orm.ts';
import type { Logger } from '../infra/logger.ts';
import { queueStartupCohort } from '../services/backtest/startup-cohort.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { withDatabase } from './with-database.ts';

/** What `setup` did, for the start-up log and the closing figures. */
export interface SetupReport {
  importedFiles: number;
  createdDataSets: number;
  importMs: number;
  queuedRuns: number;
}

/**
 * Prepares a migrated database for use: imports the bundled market data (idempotent by checksum), registers one
 * built-in strategy per engine template, and queues the first backtest cohort on BTC, ETH and SOL.
 */
export async function prepareDatabase(orm: MikroORM, config: Config, logger: Logger): Promise<SetupReport> {
  const correlationId = newId();
  const ctx = { em: orm.em.fork(), clock: systemClock, logger: logger.child({ correlationId }), correlationId };
  const services = createServices(ctx, config);
  const imported = await importBundledData(config.bundledDataDir, services.marketData, logger);
  await services.strategies.registerBuiltInStrategies();
  const cohort = await queueStartupCohort(ctx, services);
  logger.info({ queued: cohort.length }, 'first backtest cohort queued');
  return { ...imported, queuedRuns: cohort.length };
}

/** `setup`: migrate + `prepareDatabase`, then exit (the one-shot job of docker-compose). */
export async function setupCommand(config: Config, logger: Logger): Promise<number> {
  const report = await withDatabase(config, logger, (orm) => prepareDatabase(orm, config, logger));
  console.log(`Set up: ${report.createdDataSets} new datasets from ${report.importedFiles} files in ${report.importMs} ms; ${report.queuedRuns} backtests queued.`);
  return 0;
}

async function importBundledData(directory: string, marketData: Services['marketData'], logger: Logger) {
  const started = performance.now();
  const files = (await readdir(directory)).filter((name) => /\.csv(\.gz)?$/.test(name)).sort();
  let createdDataSets = 0;
  for (const file of files) {
    const result = await marketData.importBytes(file, await readFile(join(directory, file)));
    if (result.created) createdDataSets++;
  }
  const importMs = Math.round(performance.now() - started);
  logger.info({ files: files.length, created: createdDataSets, ms: importMs }, 'bundled market data imported');
  return { importedFiles: files.length, createdDataSets, importMs };
}
