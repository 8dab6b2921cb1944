/**
 * Annualized downside deviation `√(mean(min(rₜ − MAR, 0)²)) · √P` (fraction), where the mean runs
 * over ALL valid observations (divisor n, not n−1 and not the count of losing periods).
 * NaN returns dropped; no valid return → `NaN`; one observation is allowed.
 * (empyrical `downside_risk`; metrics-conventions §2.)
 *
 * @param minimumAcceptableReturn per-period MAR (fraction), default 0.
 */
export function calculateDownsideRisk(returns: Float64Array, periodsPerYear: number, minimumAcceptableReturn = 0): number {
  let squares = 0;
  let count = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) {
      const shortfall = value - minimumAcceptableReturn;
      if (shortfall < 0) squares += shortfall * shortfall;
      count++;
    }
  }
  if (count === 0) return Number.NaN;
  return Math.sqrt(squares / count) * Math.sqrt(periodsPerYear);
}
