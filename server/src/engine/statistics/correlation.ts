import { EngineInputError } from '../errors/engine-input-error.ts';

/**
 * Pearson product-moment correlation `cov(x, y) / (σx·σy)` of paired observations (two-pass, population moments;
 * the ddof cancels). Pairs where either value is NaN are dropped. Fewer than 2 pairs, or a constant series, → `NaN`
 * (undefined, never a 0 sentinel). The result is clamped to [−1, 1] against rounding.
 *
 * @throws EngineInputError('y') when the series differ in length.
 */
export function calculatePearsonCorrelation(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new EngineInputError('y', `x and y must have the same length (got ${x.length} and ${y.length})`);
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < x.length; index++) {
    const a = x[index];
    const b = y[index];
    if (a !== a || b !== b) continue;
    sumX += a;
    sumY += b;
    count++;
  }
  if (count < 2) return Number.NaN;
  const meanX = sumX / count;
  const meanY = sumY / count;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < x.length; index++) {
    const a = x[index];
    const b = y[index];
    if (a !== a || b !== b) continue;
    const deviationX = a - meanX;
    const deviationY = b - meanY;
    covariance += deviationX * deviationY;
    varianceX += deviationX * deviationX;
    varianceY += deviationY * deviationY;
  }
  if (varianceX === 0 || varianceY === 0) return Number.NaN;
  const correlation = covariance / Math.sqrt(varianceX * varianceY);
  return correlation > 1 ? 1 : correlation < -1 ? -1 : correlation;
}

/**
 * Ranks 1…n of `values` (ascending) with ties given their average rank (scipy `rankdata(method='average')`).
 * `values` must hold no NaN. Computed from a natively sorted copy: rank = (first position + 1 + last position + 1) / 2
 * of the value in it, found by binary search.
 */
export function calculateAverageRanks(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    ranks[index] = (lowerBound(sorted, value) + 1 + upperBound(sorted, value)) / 2;
  }
  return ranks;
}

/** First position in ascending `sorted` whose value is ≥ `value`. */
export function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First position in ascending `sorted` whose value is > `value`. */
export function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Spearman rank correlation: Pearson correlation of the average ranks of the paired observations (NaN pairs dropped
 * first; scipy `spearmanr` with average ties). Fewer than 2 pairs or a constant series → `NaN`.
 *
 * @throws EngineInputError('y') when the series differ in length.
 */
export function calculateSpearmanCorrelation(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new EngineInputError('y', `x and y must have the same length (got ${x.length} and ${y.length})`);
  let count = 0;
  for (let index = 0; index < x.length; index++) if (x[index] === x[index] && y[index] === y[index]) count++;
  const pairedX = new Float64Array(count);
  const pairedY = new Float64Array(count);
  let position = 0;
  for (let index = 0; index < x.length; index++) {
    if (x[index] !== x[index] || y[index] !== y[index]) continue;
    pairedX[position] = x[index];
    pairedY[position] = y[index];
    position++;
  }
  return calculatePearsonCorrelation(calculateAverageRanks(pairedX), calculateAverageRanks(pairedY));
}
