import type { BarFrame } from '../bars/bar-frame.ts';
import { calculateMonthlyReturns, type MonthlyReturn } from './monthly-returns.ts';
import { calculateReturnDistribution, type ReturnDistribution } from './return-distribution.ts';
import { calculateRollingSharpeAndVolatility } from './rolling-moments.ts';

/** Samples shorter than this many years get a warning on every annualized figure. */
export const shortSampleYears = 1;

/** Bins of the return histogram. */
export const returnDistributionBins = 40;

/**
 * The analytics of a run's report (QuantConnect-style), from its bars and equity:
 * - `monthlyReturns`: see {@link calculateMonthlyReturns};
 * - `buyAndHoldEquity[t]`: holding the instrument from the first close, `close[t] / close[0]` (start 1.0), for the
 *   overlay; fees and slippage not applied;
 * - `rollingWindowBars` and `rollingWindowMs`: the trailing window of the rolling figures, in bars and in time
 *   (half a year of bars, at most a quarter of the run, at least 2);
 * - `rollingSharpe[t]`, `rollingVolatility[t]`: annualized Sharpe and volatility of the returns in the window ending
 *   at bar t (NaN before a full window);
 * - `returnDistribution`: histogram of per-bar returns;
 * - `sampleYears`: `bars / periodsPerYear` (the count-based convention of the annualized metrics);
 * - `shortSample`: `sampleYears < shortSampleYears`; annualized figures extrapolate a short sample.
 */
export interface RunReportAnalytics {
  readonly monthlyReturns: MonthlyReturn[];
  readonly buyAndHoldEquity: Float64Array;
  readonly rollingWindowBars: number;
  readonly rollingWindowMs: number;
  readonly rollingSharpe: Float64Array;
  readonly rollingVolatility: Float64Array;
  readonly returnDistribution: ReturnDistribution;
  readonly sampleYears: number;
  readonly shortSample: boolean;
}

/**
 * The trailing window of the rolling figures: `round(periodsPerYear / 2)` bars, capped at a quarter of the bars,
 * at least 2.
 */
export function calculateRollingWindowBars(barCount: number, periodsPerYear: number): number {
  return Math.max(2, Math.min(Math.round(periodsPerYear / 2), Math.floor(barCount / 4)));
}

/**
 * Computes {@link RunReportAnalytics}. `frame` is the run's bars, `equity` its equity at each close (same length),
 * `returns` its per-bar returns, `barMs` the length of one bar in ms, `initialEquity` the equity before the first bar.
 * Pure.
 */
export function calculateRunReportAnalytics(
  frame: BarFrame,
  equity: Float64Array,
  returns: Float64Array,
  periodsPerYear: number,
  barMs: number,
  initialEquity = 1,
): RunReportAnalytics {
  const length = frame.length;
  const buyAndHoldEquity = new Float64Array(length);
  const firstClose = frame.close[0];
  for (let index = 0; index < length; index++) buyAndHoldEquity[index] = frame.close[index] / firstClose;
  const rollingWindowBars = calculateRollingWindowBars(length, periodsPerYear);
  const sampleYears = length / periodsPerYear;
  const rolling = calculateRollingSharpeAndVolatility(returns, rollingWindowBars, periodsPerYear);
  return {
    monthlyReturns: calculateMonthlyReturns(frame.timestamp, equity, initialEquity),
    buyAndHoldEquity,
    rollingWindowBars,
    rollingWindowMs: rollingWindowBars * barMs,
    rollingSharpe: rolling.sharpe,
    rollingVolatility: rolling.volatility,
    returnDistribution: calculateReturnDistribution(returns, returnDistributionBins),
    sampleYears,
    shortSample: sampleYears < shortSampleYears,
  };
}
