import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculatePercentileBySelection, copyValidValues, selectKthSmallest } from './order-statistics.ts';

/**
 * Historical VaR of NaN-free `scratch[0 .. count)` (reordered in place). See {@link calculateValueAtRisk}.
 */
export function calculateValueAtRiskOfValid(scratch: Float64Array, count: number, cutoff = 0.05): number {
  return calculatePercentileBySelection(scratch, count, cutoff);
}

/**
 * Historical value at risk: the `cutoff` percentile (default 0.05 → 5th percentile, i.e. VaR 95 %)
 * of per-period returns, linear interpolation (type 7). A negative return fraction, not
 * annualized. Any NaN → `NaN` (NaN is not dropped). (empyrical `value_at_risk`; metrics-conventions §2.)
 *
 * @throws EngineInputError('returns') on empty input (empyrical raises there too).
 */
export function calculateValueAtRisk(returns: Float64Array, cutoff = 0.05): number {
  if (returns.length === 0) throw new EngineInputError('returns', 'value at risk needs at least one return');
  const scratch = new Float64Array(returns.length);
  const count = copyValidValues(returns, scratch);
  if (count !== returns.length) return Number.NaN;
  return calculateValueAtRiskOfValid(scratch, count, cutoff);
}

/**
 * Conditional VaR of a series with `totalCount` entries whose non-NaN values are
 * `scratch[0 .. validCount)` (reordered in place). See {@link calculateConditionalValueAtRisk}.
 */
export function calculateConditionalValueAtRiskOfValid(scratch: Float64Array, validCount: number, totalCount: number, cutoff = 0.05): number {
  if (totalCount === 0) return Number.NaN;
  const worstIndex = Math.floor((totalCount - 1) * cutoff);
  if (worstIndex >= validCount) return Number.NaN; // a NaN (sorted last) is among the selected returns
  let sum = selectKthSmallest(scratch, validCount, worstIndex);
  for (let index = 0; index < worstIndex; index++) sum += scratch[index];
  return sum / (worstIndex + 1);
}

/**
 * Historical conditional VaR (expected shortfall): the mean of the `k + 1` smallest returns with
 * `k = ⌊(n − 1)·cutoff⌋` (default cutoff 0.05). NaN sorts last and counts in n (so a NaN among
 * the selected values gives `NaN`). Empty → `NaN`. Negative fraction, not annualized.
 * (empyrical `conditional_value_at_risk`; metrics-conventions §2.) O(n) by selection.
 */
export function calculateConditionalValueAtRisk(returns: Float64Array, cutoff = 0.05): number {
  const scratch = new Float64Array(returns.length);
  const count = copyValidValues(returns, scratch);
  return calculateConditionalValueAtRiskOfValid(scratch, count, returns.length, cutoff);
}
