/**
 * Total compounded return `∏(1 + rₜ) − 1` of simple per-period returns (fractions).
 * NaN returns count as 0. Empty input → `NaN`. (empyrical `cum_returns_final`; metrics-conventions §2.)
 */
export function calculateTotalReturn(returns: Float64Array): number {
  if (returns.length === 0) return Number.NaN;
  let wealth = 1;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) wealth *= 1 + value;
  }
  return wealth - 1;
}
