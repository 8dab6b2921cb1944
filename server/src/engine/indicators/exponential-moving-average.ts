/**
 * Exponential moving average with smoothing `α = 2 / (period + 1)`, seeded with the simple mean
 * of the first `period` values (TA-Lib / Appel convention):
 * `EMA[period−1] = mean(values[0..period−1])`, `EMA[t] = EMA[t−1] + α·(values[t] − EMA[t−1])`.
 * Writes into `output` (length ≥ values.length); `NaN` before index `period − 1`, and from the
 * first NaN input on (no allocation).
 *
 * @param startIndex first index of `values` to use (earlier outputs are NaN); lets a chained EMA
 *   (e.g. the MACD signal line) start where its input becomes defined. Default 0.
 */
export function calculateExponentialMovingAverage(values: Float64Array, period: number, output: Float64Array, startIndex = 0): void {
  const length = values.length;
  const smoothing = 2 / (period + 1);
  const seedEnd = startIndex + period - 1;
  let seedSum = 0;
  let average = Number.NaN;
  for (let index = 0; index < length; index++) {
    if (index < startIndex) {
      output[index] = Number.NaN;
      continue;
    }
    const value = values[index];
    if (index < seedEnd) {
      seedSum += value;
      output[index] = Number.NaN;
    } else if (index === seedEnd) {
      seedSum += value;
      average = seedSum / period;
      output[index] = average;
    } else {
      average += smoothing * (value - average);
      output[index] = average;
    }
  }
}
