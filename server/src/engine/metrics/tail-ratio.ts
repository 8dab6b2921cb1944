import { calculatePercentileBySelection, copyValidValues } from './order-statistics.ts';

/**
 * Tail ratio of NaN-free `scratch[0 .. count)` (reordered in place). See {@link calculateTailRatio}.
 */
export function calculateTailRatioOfValid(scratch: Float64Array, count: number): number {
  if (count === 0) return Number.NaN;
  const upper = calculatePercentileBySelection(scratch, count, 0.95);
  const lower = calculatePercentileBySelection(scratch, count, 0.05);
  return Math.abs(upper) / Math.abs(lower);
}

/**
 * Tail ratio `|P95(r)| / |P5(r)|`, linear-interpolated percentiles, not annualized.
 * NaN dropped; empty → `NaN`; `P5 = 0` → `+∞` (and `NaN` when P95 is also 0, IEEE 0/0).
 * (empyrical `tail_ratio`; metrics-conventions §2.) O(n) by selection.
 */
export function calculateTailRatio(returns: Float64Array): number {
  const scratch = new Float64Array(returns.length);
  return calculateTailRatioOfValid(scratch, copyValidValues(returns, scratch));
}
