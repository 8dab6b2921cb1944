/**
 * Wilder's Relative Strength Index on a 0–100 scale (J. W. Wilder, "New Concepts in Technical
 * Trading Systems", 1978). Changes `dₜ = values[t] − values[t−1]`; the first average gain/loss is
 * the simple mean over the first `period` changes (indices 1..period), then Wilder smoothing
 * `avg = (avg·(period−1) + x) / period`. `RSI = 100 − 100 / (1 + avgGain/avgLoss)`; `100` when
 * avgLoss = 0 < avgGain; `50` when both are 0 (no movement). `NaN` before index `period`.
 * Writes into `output`; no allocation.
 */
export function calculateRelativeStrengthIndex(values: Float64Array, period: number, output: Float64Array): void {
  const length = values.length;
  let averageGain = 0;
  let averageLoss = 0;
  if (length > 0) output[0] = Number.NaN;
  for (let index = 1; index < length; index++) {
    const change = values[index] - values[index - 1];
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (index <= period) {
      averageGain += gain / period;
      averageLoss += loss / period;
      if (index < period) {
        output[index] = Number.NaN;
        continue;
      }
    } else {
      averageGain = (averageGain * (period - 1) + gain) / period;
      averageLoss = (averageLoss * (period - 1) + loss) / period;
    }
    if (averageLoss === 0) output[index] = averageGain === 0 ? 50 : 100;
    else output[index] = 100 - 100 / (1 + averageGain / averageLoss);
  }
}
