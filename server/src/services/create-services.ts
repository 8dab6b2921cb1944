import { AuditService } from './audit/audit.service.ts';
import { AuthService } from './auth/auth.service.ts';
import { Governance } from './auth/authorize.ts';
import { UserService } from './auth/user.service.ts';
import { BacktestService } from './backtest/backtest.service.ts';
import { RunComparisonService } from './backtest/run-comparison.service.ts';
import { MarketDataService } from './market-data/market-data.service.ts';
import { OptimizationService } from './optimization/optimization.service.ts';
import type { ServiceContext, ServiceSettings } from './service-context.ts';
import { StrategyService } from './strategy/strategy.service.ts';
import { demoSecuritySettings } from '../infra/security/security-settings.ts';

/** Every use-case, bound to one context. The one factory the GraphQL context and worker tasks both call. */
export function createServices(ctx: ServiceContext, settings: ServiceSettings) {
  const governance = new Governance(ctx, settings.security ?? demoSecuritySettings);
  return {
    /** Authorization and the audit recorder of this context (the API edge checks mutations with it too). */
    governance,
    auth: new AuthService(ctx, governance, settings.signInMaxFailures),
    users: new UserService(ctx, governance),
    audit: new AuditService(ctx, governance),
    marketData: new MarketDataService(ctx, settings, governance),
    backtests: new BacktestService(ctx, governance),
    optimizations: new OptimizationService(ctx, governance),
    runComparisons: new RunComparisonService(ctx, governance),
    strategies: new StrategyService(ctx, governance),
  };
}

export type Services = ReturnType<typeof createServices>;
