/**
 * Trailing realized volatility: the sample standard deviation (ddof = 1) of the last `window` log
 * returns `ln(close[s] / close[s−1])`, `s = t−window+1 .. t`, times `√periodsPerYear`
 * (annualized fraction; glossary "realized volatility"). `output[t]` is `NaN` for `t < window`
 * (and for `window < 2`), and while a non-finite log return is in the window.
 *
 * O(n): sliding Welford updates (Welford 1962), with an exact two-pass recomputation every
 * `window` bars so rounding cannot accumulate; the schedule depends only on the index, so the
 * result at t is the same whether or not later bars exist. No allocation.
 *
 * @param periodsPerYear annualization factor (8760 for 1h bars, 365 for 1d); 1 gives per-bar volatility.
 */
export function calculateRealizedVolatility(close: Float64Array, window: number, periodsPerYear: number, output: Float64Array): void {
  const scale = Math.sqrt(periodsPerYear);
  const length = close.length;
  let count = 0;
  let mean = 0;
  let squares = 0;
  let invalid = 0;
  for (let index = 0; index < length; index++) {
    if (index >= 1) {
      const incoming = Math.log(close[index] / close[index - 1]);
      if (!Number.isFinite(incoming)) invalid++;
      else {
        count++;
        const delta = incoming - mean;
        mean += delta / count;
        squares += delta * (incoming - mean);
      }
      if (index - window >= 1) {
        const outgoing = Math.log(close[index - window] / close[index - window - 1]);
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
          const value = Math.log(close[inner] / close[inner - 1]);
          if (Number.isFinite(value)) {
            sum += value;
            count++;
          }
        }
        mean = count > 0 ? sum / count : 0;
        squares = 0;
        for (let inner = index - window + 1; inner <= index; inner++) {
          const value = Math.log(close[inner] / close[inner - 1]);
          if (Number.isFinite(value)) squares += (value - mean) * (value - mean);
        }
      }
    }
    output[index] = index < window || window < 2 || invalid > 0 ? Number.NaN : Math.sqrt(Math.max(squares, 0) / (window - 1)) * scale;
  }
}
