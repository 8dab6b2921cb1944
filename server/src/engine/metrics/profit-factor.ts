/**
 * Profit factor over per-period returns `Σ_{r≥0} r / |Σ_{r<0} r|`. NaN counts as 0.
 * No losing period → `+∞`, or `0` when the gains are also 0. (quantstats `profit_factor`; metrics-conventions §2.)
 */
export function calculateProfitFactor(returns: Float64Array): number {
  let gains = 0;
  let losses = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value >= 0) gains += value;
    else if (value < 0) losses -= value;
  }
  if (losses === 0) return gains === 0 ? 0 : Number.POSITIVE_INFINITY;
  return gains / losses;
}
