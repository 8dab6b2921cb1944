import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';

/** Where a deployment's Sharpe expectation comes from: the backtest run and its annualized Sharpe. */
export interface SharpeExpectation {
  backtestRunId: string;
  /** Annualized Sharpe of the run's per-bar returns (√ periods per year of its dataset, rf = 0); finite. */
  sharpe: number;
}

/**
 * The backtest evidence of the DEPLOYED configuration (the same strategy version and parameter config): the newest
 * completed historical backtest run of it, preferring a dataset of the deployment's timeframe, then of its symbol.
 * Its stored `sharpe` is the drift rule's expectation: for a daily dataset exactly the rule's convention (daily returns,
 * √365); for an intraday one the per-bar Sharpe annualized with the bar's periods per year (the same annual scale).
 * Null when no such run completed or its Sharpe is not finite (the drift rule is then `unknown`: fails closed).
 */
export async function findSharpeExpectation(em: EntityManager, deployment: Deployment): Promise<SharpeExpectation | null> {
  const [row] = await em.execute<SharpeExpectationRow[]>(sharpeExpectationSql, sharpeExpectationParams(deployment));
  return toSharpeExpectation(row ?? null);
}

/**
 * The run behind {@link findSharpeExpectation} (at most one row) for the deployment row `alias` (SQL text): embeddable as
 * a subquery of a statement that reads many deployments (the monitoring evidence of a bar).
 */
export function sharpeExpectationSqlOf(alias: string): string {
  return sharpeExpectationSqlWith(`${alias}.strategy_version_id`, `${alias}.parameter_config_id`, `${alias}.timeframe`, `replace(${alias}.symbol, '/', '-')`);
}

function sharpeExpectationSqlWith(versionId: string, parameterConfigId: string, timeframe: string, symbol: string): string {
  return `select r.id, r.metrics->'sharpe' as sharpe
       from backtest_run r join market_data_set d on d.id = r.market_data_set_id
      where r.strategy_version_id = ${versionId} and r.parameter_config_id = ${parameterConfigId} and r.status = 'completed' and r.mode = 'historical'
      order by (d.timeframe = ${timeframe}) desc, (${symbol} = any(d.symbol_universe)) desc, r.completed_at desc, r.id desc
      limit 1`;
}

/** The run behind {@link findSharpeExpectation} (at most one row), with {@link sharpeExpectationParams}; embeddable as a subquery. */
export const sharpeExpectationSql = sharpeExpectationSqlWith('?', '?', '?', '?');

/** A row of {@link sharpeExpectationSql}. */
export interface SharpeExpectationRow {
  id: string;
  sharpe: unknown;
}

/** The parameters of {@link sharpeExpectationSql} for `deployment`. */
export function sharpeExpectationParams(deployment: Deployment): unknown[] {
  return [deployment.strategyVersion.id, deployment.parameterConfig.id, deployment.timeframe, deployment.symbol.replace('/', '-')];
}

/** The expectation of a {@link sharpeExpectationSql} row (null without a row or a finite Sharpe). */
export function toSharpeExpectation(row: SharpeExpectationRow | null): SharpeExpectation | null {
  if (!row) return null;
  const sharpe = typeof row.sharpe === 'number' ? row.sharpe : Number.NaN;
  return Number.isFinite(sharpe) ? { backtestRunId: row.id, sharpe } : null;
}
