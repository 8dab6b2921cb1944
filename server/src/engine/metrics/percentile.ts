/**
 * Percentile of ALREADY SORTED (ascending, no NaN) values by linear interpolation between order
 * statistics — numpy's default, Hyndman–Fan type 7 (metrics-conventions §1):
 * `h = (n−1)·q`, result `x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.
 *
 * @param quantile a fraction in [0, 1] (0.05 = 5th percentile), not a percent.
 * @returns `NaN` for an empty array.
 */
export function calculateSortedPercentile(sorted: Float64Array, quantile: number): number {
  const length = sorted.length;
  if (length === 0) return Number.NaN;
  const position = (length - 1) * quantile;
  const lower = Math.floor(position);
  const fraction = position - lower;
  if (lower + 1 >= length) return sorted[length - 1];
  const base = sorted[lower];
  return fraction === 0 ? base : base + fraction * (sorted[lower + 1] - base);
}
