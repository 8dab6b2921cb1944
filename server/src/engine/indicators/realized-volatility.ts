/** Log returns of the last call (`logReturns[s] = ln(close[s] / close[s − 1])`, s ≥ 1), grown as needed; holds nothing between calls. */
let logReturns = new Float64Array(0);

/**
 * Trailing realized volatility: the sample standard deviation (ddof = 1) of the last `window` log
 * returns `ln(close[s] / close[s−1])`, `s = t−window+1 .. t`, times `√periodsPerYear`
 * (annualized fraction; glossary "realized volatility"). `output[t]` is `NaN` for `t < window`
 * (and for `window < 2`), and while a non-finite log return is in the window.
 *
 * O(n): sliding Welford updates (Welford 1962), with an exact two-pass recomputation every
 * `window` bars so rounding cannot accumulate; the schedule depends only on the index, so the
 * result at t is the same whether or not later bars exist. Each log return is computed once, into a
 * work row reused across calls (the updates and the refresh read it: one `Math.log` per bar instead of
 * four, the same values).
 *
 * @param periodsPerYear annualization factor (8760 for 1h bars, 365 for 1d); 1 gives per-bar volatility.
 */
export function calculateRealizedVolatility(close: Float64Array, window: number, periodsPerYear: number, output: Float64Array): void {
  const scale = Math.sqrt(periodsPerYear);
  const length = close.length;
  if (logReturns.length < length) logReturns = new Float64Array(length);
  const logs = logReturns;
  for (let index = 1; index < length; index++) logs[index] = Math.log(close[index] / close[index - 1]);
  let count = 0;
  let mean = 0;
  let squares = 0;
  let invalid = 0;
  for (let index = 0; index < length; index++) {
    if (index >= 1) {
      const incoming = logs[index];
      if (!Number.isFinite(incoming)) invalid++;
      else {
        count++;
        const delta = incoming - mean;
        mean += delta / count;
        squares += delta * (incoming - mean);
      }
      if (index - window >= 1) {
        const outgoing = logs[index - window];
        if (!Number.isFinite(outgoing)) invalid--;
        else {
          count--;
          if (count === 0) {
            mean = 0;
            squares = 0;
          } else {
            const delta = outgoing - mean;
            mean -= delta / count;
            squares -= delta * (outgoing - mean);
          }
        }
      }
      if (index % window === 0 && index >= window) {
        // exact refresh of the window [index − window + 1, index]
        count = 0;
        let sum = 0;
        for (let inner = index - window + 1; inner <= index; inner++) {
          const value = logs[inner];
          if (Number.isFinite(value)) {
            sum += value;
            count++;
          }
        }
        mean = count > 0 ? sum / count : 0;
        squares = 0;
        for (let inner = index - window + 1; inner <= index; inner++) {
          const value = logs[inner];
          if (Number.isFinite(value)) squares += (value - mean) * (value - mean);
        }
      }
    }
    output[index] = index < window || window < 2 || invalid > 0 ? Number.NaN : Math.sqrt(Math.max(squares, 0) / (window - 1)) * scale;
  }
}
