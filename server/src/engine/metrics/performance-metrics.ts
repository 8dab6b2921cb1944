import { calculateAnnualVolatility } from './annual-volatility.ts';
import { calculateCalmarRatio } from './calmar-ratio.ts';
import { calculateCompoundAnnualGrowthRate } from './compound-annual-growth-rate.ts';
import { calculateDownsideRisk } from './downside-risk.ts';
import { calculateMaxDrawdown, calculateMaxDrawdownDurationBars } from './drawdown.ts';
import { calculateOmegaRatio } from './omega-ratio.ts';
import { calculatePayoffRatio } from './payoff-ratio.ts';
import { calculateProfitFactor } from './profit-factor.ts';
import { calculateSharpeRatio } from './sharpe-ratio.ts';
import { calculateSortinoRatio } from './sortino-ratio.ts';
import { calculateStability } from './stability.ts';
import { calculateTailRatio } from './tail-ratio.ts';
import { calculateTotalReturn } from './total-return.ts';
import { calculateConditionalValueAtRisk, calculateValueAtRisk } from './value-at-risk.ts';
import { calculateWinRate } from './win-rate.ts';

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
 *
 * @param returns simple per-bar returns (fractions).
 * @param periodsPerYear P for annualization (8760 for 1h crypto bars, 365 for 1d).
 * @param activity optional trading activity; without it `tradeCount`, `exposure`, `turnover` are `NaN`.
 *   With empty returns every field is `NaN` (VaR included, although `calculateValueAtRisk` throws there).
 */
export function calculatePerformanceMetrics(returns: Float64Array, periodsPerYear: number, activity?: TradingActivity): PerformanceMetrics {
  return {
    totalReturn: calculateTotalReturn(returns),
    cagr: calculateCompoundAnnualGrowthRate(returns, periodsPerYear),
    annualVolatility: calculateAnnualVolatility(returns, periodsPerYear),
    sharpe: calculateSharpeRatio(returns, periodsPerYear),
    sortino: calculateSortinoRatio(returns, periodsPerYear),
    calmar: calculateCalmarRatio(returns, periodsPerYear),
    maxDrawdown: calculateMaxDrawdown(returns),
    maxDrawdownDurationBars: calculateMaxDrawdownDurationBars(returns),
    valueAtRisk: returns.length === 0 ? Number.NaN : calculateValueAtRisk(returns),
    conditionalValueAtRisk: calculateConditionalValueAtRisk(returns),
    tailRatio: calculateTailRatio(returns),
    omega: calculateOmegaRatio(returns, periodsPerYear),
    stability: calculateStability(returns),
    downsideRisk: calculateDownsideRisk(returns, periodsPerYear),
    winRate: returns.length === 0 ? Number.NaN : calculateWinRate(returns),
    profitFactor: returns.length === 0 ? Number.NaN : calculateProfitFactor(returns),
    payoffRatio: calculatePayoffRatio(returns),
    tradeCount: activity === undefined ? Number.NaN : activity.tradeCount,
    exposure: activity === undefined ? Number.NaN : calculateExposure(activity.position),
    turnover: activity === undefined ? Number.NaN : activity.turnover,
  };
}
