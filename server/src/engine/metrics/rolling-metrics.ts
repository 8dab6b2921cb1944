import { calculateAnnualVolatility } from './annual-volatility.ts';
import { calculateMaxDrawdown } from './drawdown.ts';
import { calculateSharpeRatio } from './sharpe-ratio.ts';

function calculateRolling(returns: Float64Array, window: number, metric: (slice: Float64Array) => number): Float64Array {
  const output = new Float64Array(returns.length);
  for (let index = 0; index < returns.length; index++) {
    output[index] = index + 1 >= window ? metric(returns.subarray(index + 1 - window, index + 1)) : Number.NaN;
  }
  return output;
}

/**
 * Rolling annualized Sharpe ratio: `output[t]` = Sharpe (metrics-conventions §2) of
 * `returns[t−window+1 .. t]`; `NaN` for `t < window − 1`. Exact per-window recomputation, O(n·window).
 */
export function calculateRollingSharpeRatio(returns: Float64Array, window: number, periodsPerYear: number): Float64Array {
  return calculateRolling(returns, window, (slice) => calculateSharpeRatio(slice, periodsPerYear));
}

/**
 * Rolling annualized volatility (`std(ddof=1)·√P`) over the trailing `window` returns; `NaN` before
 * a full window.
 */
export function calculateRollingVolatility(returns: Float64Array, window: number, periodsPerYear: number): Float64Array {
  return calculateRolling(returns, window, (slice) => calculateAnnualVolatility(slice, periodsPerYear));
}

/**
 * Rolling maximum drawdown: `output[t]` is the max drawdown (≤ 0, starting capital of the window
 * as the first peak) of `returns[t−window+1 .. t]`; `NaN` before a full window.
 */
export function calculateRollingMaxDrawdown(returns: Float64Array, window: number): Float64Array {
  return calculateRolling(returns, window, calculateMaxDrawdown);
}
