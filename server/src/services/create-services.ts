import { BacktestService } from './backtest/backtest.service.ts';
import { MarketDataService } from './market-data/market-data.service.ts';
import type { ServiceContext, ServiceSettings } from './service-context.ts';
import { StrategyService } from './strategy/strategy.service.ts';

/** Every use-case, bound to one context. The one factory the GraphQL context and worker tasks both call. */
export function createServices(ctx: ServiceContext, settings: ServiceSettings) {
  return {
    marketData: new MarketDataService(ctx, settings),
    backtests: new BacktestService(ctx),
    strategies: new StrategyService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
