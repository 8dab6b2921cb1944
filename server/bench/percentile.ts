/**
 * The nearest-rank percentile of `values` (any order): the smallest value with at least `fraction` (0–1) of them at
 * or below it, e.g. `percentile(latenciesMs, 0.99)` for p99; NaN when there are no values.
 */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}
