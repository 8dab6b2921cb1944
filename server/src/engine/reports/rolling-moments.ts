/**
 * Rolling annualized Sharpe ratio and volatility in O(n): the trailing window's sum and sum of squares are updated
 * bar by bar and recomputed exactly every `window` bars (so rounding cannot accumulate), instead of the O(n·window)
 * exact per-window recomputation of `rolling-metrics.ts` — a half-year window of hourly bars is 4,380 bars. Same
 * conventions: mean / std(ddof = 1) · √P and std(ddof = 1) · √P over `returns[t−window+1 .. t]`; NaN before a full
 * window or where a return in the window is not finite; a zero std gives ±∞ (0/0 NaN) for the Sharpe ratio.
 * Agrees with the exact functions to ~1e-9 relative (tested).
 */
export function calculateRollingSharpeAndVolatility(returns: Float64Array, window: number, periodsPerYear: number): { sharpe: Float64Array; volatility: Float64Array } {
  const length = returns.length;
  const sharpe = new Float64Array(length).fill(Number.NaN);
  const volatility = new Float64Array(length).fill(Number.NaN);
  if (window < 2) return { sharpe, volatility };
  const root = Math.sqrt(periodsPerYear);
  let sum = 0;
  let squares = 0;
  let invalid = 0;
  for (let index = 0; index < length; index++) {
    const entering = returns[index];
    if (Number.isFinite(entering)) {
      sum += entering;
      squares += entering * entering;
    } else invalid++;
    if (index >= window) {
      const leaving = returns[index - window];
      if (Number.isFinite(leaving)) {
        sum -= leaving;
        squares -= leaving * leaving;
      } else invalid--;
    }
    if (index + 1 < window) continue;
    if (index % window === 0) {
      // exact resynchronization of the running sums
      sum = 0;
      squares = 0;
      for (let inner = index - window + 1; inner <= index; inner++) {
        if (!Number.isFinite(returns[inner])) continue;
        sum += returns[inner];
        squares += returns[inner] * returns[inner];
      }
    }
    if (invalid > 0) continue;
    const mean = sum / window;
    // two-pass-equivalent variance from the sums, clamped at 0 against rounding
    const variance = Math.max(0, (squares - window * mean * mean) / (window - 1));
    const deviation = Math.sqrt(variance);
    volatility[index] = deviation * root;
    sharpe[index] = (mean / deviation) * root;
  }
  return { sharpe, volatility };
}
