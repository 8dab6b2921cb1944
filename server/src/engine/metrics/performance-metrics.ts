import { calculatePerformanceMetricsFused } from './performance-metrics-kernel.ts';

/**
 * The standard metric set of one return series (metrics-conventions.md §2). All fractions
 * (0.01 = 1 %), never percents; `number` may be NaN or ±∞ exactly where the conventions say so.
 *
 * - `totalReturn`: `∏(1+r) − 1`. `cagr`: annualized, count-based years `n/P`.
 * - `annualVolatility`, `downsideRisk`: annualized by `√P`. `sharpe`, `sortino`: annualized (rf = MAR = 0).
 * - `calmar`: `cagr / |maxDrawdown|`. `maxDrawdown`: ≤ 0. `maxDrawdownDurationBars`: bars underwater.
 * - `valueAtRisk`, `conditionalValueAtRisk`: historical 95 %, per period, negative fractions.
 * - `tailRatio`, `omega` (threshold 0), `stability` (R²): not annualized.
 * - `winRate`, `profitFactor`, `payoffRatio`: PER PERIOD, quantstats definitions.
 * - `tradeCount`: number of trades (open trades included); `exposure`: fraction of bars with a
 *   non-zero position; `turnover`: Σ |traded notional| / equity at the fill, summed over the run
 *   (one full-size round trip = 2), not annualized. These three are `NaN` without trading activity.
 */
export interface PerformanceMetrics {
  totalReturn: number;
  cagr: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: number;
  maxDrawdownDurationBars: number;
  valueAtRisk: number;
  conditionalValueAtRisk: number;
  tailRatio: number;
  omega: number;
  stability: number;
  downsideRisk: number;
  winRate: number;
  profitFactor: number;
  payoffRatio: number;
  tradeCount: number;
  exposure: number;
  turnover: number;
}

/** Trading activity that return series alone cannot tell (from a backtest). */
export interface TradingActivity {
  /** Held position per bar (signed fraction of equity); exposure counts its non-zero entries. */
  position: Float64Array;
  /** Number of trades, open ones included. */
  tradeCount: number;
  /** Σ |traded notional| / equity at each fill (see {@link PerformanceMetrics.turnover}). */
  turnover: number;
  /** Entries of `position` ≠ 0 when the caller already counted them (a simulation does); else they are counted. */
  exposedBars?: number;
}

/**
 * Fraction of bars with a non-zero position, `#(position ≠ 0) / n`. Empty → `NaN`.
 */
export function calculateExposure(position: Float64Array): number {
  if (position.length === 0) return Number.NaN;
  let exposed = 0;
  for (let index = 0; index < position.length; index++) if (position[index] !== 0) exposed++;
  return exposed / position.length;
}

/**
 * Compute every {@link PerformanceMetrics} field from simple per-period returns.
 * Implemented by the fused two-pass kernel `calculatePerformanceMetricsFused`, which follows the
 * formulas and NaN rules of the individual `calculate*` functions (verified by a property test).
 *
 * @param returns simple per-bar returns (fractions).
 * @param periodsPerYear P for annualization (8760 for 1h crypto bars, 365 for 1d).
 * @param activity optional trading activity; without it `tradeCount`, `exposure`, `turnover` are `NaN`.
 *   With empty returns every field is `NaN` (VaR included, although `calculateValueAtRisk` throws there).
 */
export function calculatePerformanceMetrics(returns: Float64Array, periodsPerYear: number, activity?: TradingActivity): PerformanceMetrics {
  return calculatePerformanceMetricsFused(returns, periodsPerYear, activity);
}
