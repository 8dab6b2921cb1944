import { calculateWithoutNaN } from './sample-statistics.ts';
import { calculateSortedPercentile } from './percentile.ts';

/**
 * Tail ratio `|P95(r)| / |P5(r)|`, linear-interpolated percentiles, not annualized.
 * NaN dropped; empty → `NaN`; `P5 = 0` → `+∞` (and `NaN` when P95 is also 0, IEEE 0/0).
 * (empyrical `tail_ratio`; metrics-conventions §2.)
 */
export function calculateTailRatio(returns: Float64Array): number {
  const sorted = calculateWithoutNaN(returns).sort();
  if (sorted.length === 0) return Number.NaN;
  return Math.abs(calculateSortedPercentile(sorted, 0.95)) / Math.abs(calculateSortedPercentile(sorted, 0.05));
}
