/**
 * Trailing realized volatility: the sample standard deviation (ddof = 1) of the last `window` log
 * returns `ln(close[s] / close[s−1])`, `s = t−window+1 .. t`, times `√periodsPerYear`
 * (annualized fraction; glossary "realized volatility"). `output[t]` is `NaN` for `t < window`.
 * Exact two-pass recomputation per bar (O(n·window)), so no drift; no allocation.
 *
 * @param periodsPerYear annualization factor (8760 for 1h bars, 365 for 1d); pass 1 for per-bar volatility.
 */
export function calculateRealizedVolatility(close: Float64Array, window: number, periodsPerYear: number, output: Float64Array): void {
  const scale = Math.sqrt(periodsPerYear);
  for (let index = 0; index < close.length; index++) {
    if (index < window || window < 2) {
      output[index] = Number.NaN;
      continue;
    }
    let sum = 0;
    for (let inner = index - window + 1; inner <= index; inner++) sum += Math.log(close[inner] / close[inner - 1]);
    const mean = sum / window;
    let squares = 0;
    for (let inner = index - window + 1; inner <= index; inner++) {
      const deviation = Math.log(close[inner] / close[inner - 1]) - mean;
      squares += deviation * deviation;
    }
    output[index] = Math.sqrt(squares / (window - 1)) * scale;
  }
}
