import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { Services } from '../create-services.ts';
import type { ServiceContext } from '../service-context.ts';
import { builtInStrategyCode } from '../strategy/strategy.service.ts';

/** Symbols of the first cohort `npm start` queues. */
export const startupCohortSymbols = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'];

/**
 * Queues one SMA-crossover backtest (template defaults) on every certified BTC, ETH and SOL dataset that has no
 * run yet, so a new user sees results within a minute of `npm start`. Idempotent across restarts.
 * @returns the runs queued now.
 */
export async function queueStartupCohort(ctx: ServiceContext, services: Services): Promise<BacktestRun[]> {
  const strategy = await ctx.em.findOne(Strategy, { code: builtInStrategyCode('sma_crossover') });
  if (!strategy) return [];
  const version = await services.strategies.latestApprovedVersion(strategy.id);
  if (!version) return [];
  const dataSets = await ctx.em.find(
    MarketDataSet,
    { symbolUniverse: { $overlap: startupCohortSymbols }, certifiedAt: { $ne: null } },
    { orderBy: { timeframe: 'asc', fileName: 'asc' } },
  );
  const queued: BacktestRun[] = [];
  for (const dataSet of dataSets) {
    const hasRun = await ctx.em.count(BacktestRun, { marketDataSet: dataSet, strategyVersion: version });
    if (hasRun > 0) continue;
    queued.push(await services.backtests.queue({ strategyVersionId: version.id, marketDataSetId: dataSet.id, triggerType: 'new_data' }));
  }
  return queued;
}
