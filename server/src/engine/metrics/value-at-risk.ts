import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateSortedPercentile } from './percentile.ts';

/**
 * Historical value at risk: the `cutoff` percentile (default 0.05 → 5th percentile, i.e. VaR 95 %)
 * of per-period returns, linear interpolation (type 7). A negative return fraction, not
 * annualized. Any NaN → `NaN` (NaN is not dropped). (empyrical `value_at_risk`; metrics-conventions §2.)
 *
 * @throws EngineInputError('returns') on empty input (empyrical raises there too).
 */
export function calculateValueAtRisk(returns: Float64Array, cutoff = 0.05): number {
  if (returns.length === 0) throw new EngineInputError('returns', 'value at risk needs at least one return');
  for (let index = 0; index < returns.length; index++) if (returns[index] !== returns[index]) return Number.NaN;
  const sorted = Float64Array.from(returns).sort();
  return calculateSortedPercentile(sorted, cutoff);
}

/**
 * Historical conditional VaR (expected shortfall): the mean of the `k + 1` smallest returns with
 * `k = ⌊(n − 1)·cutoff⌋` (default cutoff 0.05). NaN sorts last and counts in n (so a NaN among
 * the selected values gives `NaN`). Empty → `NaN`. Negative fraction, not annualized.
 * (empyrical `conditional_value_at_risk`; metrics-conventions §2.)
 */
export function calculateConditionalValueAtRisk(returns: Float64Array, cutoff = 0.05): number {
  const count = returns.length;
  if (count === 0) return Number.NaN;
  const sorted = Float64Array.from(returns).sort(); // TypedArray sort puts NaN last
  const selected = Math.floor((count - 1) * cutoff) + 1;
  let sum = 0;
  for (let index = 0; index < selected; index++) sum += sorted[index];
  return sum / selected;
}
