/**
 * Report timing (issue 14, FR-035 / SC-005: any report in < 5 s): a throwaway database with the bundled BTC-USDT 1h
 * history (~65,000 bars) and an SMA-crossover run on it (the largest run report: every bar replayed, every trade
 * listed) and a second run to compare it with, then each report — run, strategy history, monitoring log, run
 * comparison, audit extract — in PDF, CSV and JSON, rendered by the report
 * service as the API serves it (replay, analytics, lineage, pdfkit). Five renders each; prints p50 and max in ms and
 * the PDF size; never asserted.
 * Run alone: `npx tsx --tsconfig server/tsconfig.json server/bench/report-timing.bench.ts`.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import { repositoryRoot } from '../src/infra/config.ts';
import { createLogger } from '../src/infra/logger.ts';
import { builtInStrategyCode } from '../src/services/strategy/strategy.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';

/** Renders each report five times; returns one figure per report and format. */
export async function benchReportTiming(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const database = await openBenchDatabase(4, logger, { roles: true });
  const figures: Record<string, unknown>[] = [];
  try {
    const orm = database.orm;
    const services = () => createSystemServices(orm, { importDir: '/nonexistent' }, logger);
    await services().strategies.registerBuiltInStrategies();
    const strategy = await orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });
    const version = (await services().strategies.latestApprovedVersion(strategy.id))!;
    const { marketDataSet } = await services().marketData.importBytes('BTC-USDT_1h.csv', await readFile(join(repositoryRoot, 'data/market/BTC-USDT_1h.csv')));
    const run = await services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 20, slowPeriod: 100 } });
    await services().backtests.execute(run.id);
    const second = await services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 10, slowPeriod: 50 } });
    await services().backtests.execute(second.id);
    const cases: { kind: string; id: string | null; ids?: string }[] = [
      { kind: 'run', id: run.id },
      { kind: 'strategy-history', id: strategy.id },
      { kind: 'monitoring', id: strategy.id },
      { kind: 'comparison', id: null, ids: `${run.id},${second.id}` },
      { kind: 'audit', id: null },
    ];
    for (const { kind, id, ids } of cases) {
      for (const format of ['pdf', 'csv', 'json']) {
        const times: number[] = [];
        let bytes = 0;
        for (let repeat = 0; repeat < 5; repeat++) {
          const started = performance.now();
          // A fresh service set per render, as per request: no replay cached from the previous render.
          const report = await services().reports.render(kind, format, { id, ids: ids ?? null });
          times.push(performance.now() - started);
          bytes = report.body.length;
        }
        times.sort((a, b) => a - b);
        figures.push({ figure: 'report_render_ms', report: kind, format, p50: Math.round(times[2]!), max: Math.round(times[4]!), bytes, budgetMs: 5000, bars: marketDataSet.rowCount });
      }
    }
  } finally {
    await database.drop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchReportTiming()) console.log(JSON.stringify(figure));
}
