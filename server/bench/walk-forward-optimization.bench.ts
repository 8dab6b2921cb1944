/**
 * Walk-forward optimization through the worker, results persisted: a throwaway database (on DATABASE_URL's server,
 * else an embedded PostgreSQL), BTC/ETH/SOL-USDT 1h imported, one optimization queued (SMA crossover, random
 * search, 200 trials per segment, rolling 1-year train / 3-month test windows with a step of 7800 bars: 8 windows
 * on BTC and ETH, 6 on SOL), run by an in-process graphile-worker runner; wall time from queue to `completed`, and
 * the process's peak RSS. Reported, never asserted.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import { migrateDatabase } from '../src/infra/db/migrate.ts';
import { openOrm } from '../src/infra/db/orm.ts';
import { createLogger } from '../src/infra/logger.ts';
import { Optimization } from '../src/domain/optimization/optimization.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import { builtInStrategyCode } from '../src/services/strategy/strategy.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer } from '../test/support/postgres-server.ts';
import { startWorker } from '../../worker/src/worker.ts';

/** Budget of the figure: seconds of wall time and bytes of peak RSS. */
export const walkForwardBudget = { seconds: 20, peakRssBytes: 1024 ** 3 };

/** Runs the benchmark and returns its JSON figure. */
export async function benchWalkForwardOptimization(): Promise<Record<string, unknown>> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const postgres = await startTestPostgresServer();
  const databaseName = `crucible_bench_${Math.random().toString(36).slice(2, 10)}`;
  await runAdminStatement(postgres.adminUrl, `create database ${databaseName}`);
  const databaseUrl = databaseUrlFor(postgres.adminUrl, databaseName);
  const orm = await openOrm(databaseUrl, 6);
  try {
    await migrateDatabase(orm, databaseUrl, logger);
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }), databaseUrl };
    const services = createSystemServices(orm, config, logger);
    const dataSetIds: string[] = [];
    for (const file of ['BTC-USDT_1h.csv', 'ETH-USDT_1h.csv', 'SOL-USDT_1h.csv']) {
      dataSetIds.push((await services.marketData.importBytes(file, await readFile(join(repositoryRoot, 'data/market', file)))).marketDataSet.id);
    }
    await services.strategies.registerBuiltInStrategies();
    const strategy = await orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const worker = await startWorker({ databaseUrl, orm, settings: config, logger, concurrency: 1, pollInterval: 50 });
    try {
      const start = performance.now();
      const queued = await createSystemServices(orm, config, logger).optimizations.queue({
        strategyVersionId: version.id,
        marketDataSetIds: dataSetIds,
        searchMethod: 'random',
        trialBudget: 200,
        seed: 1,
        windows: { scheme: 'rolling', unit: 'bars', trainSize: 8760, testSize: 2190, stepSize: 7800 },
        objective: { metric: 'sharpe', direction: 'maximize', constraints: [{ metric: 'maxDrawdown', operator: '>=', value: -0.25 }] },
      });
      let row: Optimization;
      for (;;) {
        row = await orm.em.fork().findOneOrFail(Optimization, { id: queued.id });
        if (row.status === 'completed' || row.status === 'failed') break;
        await new Promise((resolveLater) => setTimeout(resolveLater, 25));
      }
      const seconds = (performance.now() - start) / 1000;
      const peakRssBytes = process.resourceUsage().maxRSS * 1024;
      return {
        figure: 'walk_forward_optimization_seconds',
        value: seconds,
        status: row.status,
        failureReason: row.failureReason,
        datasets: ['BTC-USDT_1h', 'ETH-USDT_1h', 'SOL-USDT_1h'],
        trialsPerSegment: 200,
        segments: row.segmentsCompleted,
        trials: row.trialsCompleted,
        peakRssBytes,
        budgetSeconds: walkForwardBudget.seconds,
        budgetPeakRssBytes: walkForwardBudget.peakRssBytes,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await orm.close();
    await runAdminStatement(postgres.adminUrl, `drop database if exists ${databaseName} with (force)`);
    await postgres.stop();
  }
}
