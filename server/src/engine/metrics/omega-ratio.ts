/**
 * Omega ratio `Σ max(rₜ − rf − τ, 0) / Σ max(τ − rₜ + rf, 0)` with per-period threshold
 * `τ = (1 + requiredReturn)^(1/P) − 1` (0 when requiredReturn is 0). Not annualized.
 * NaN returns ignored; fewer than 2 returns (counting NaN) → `NaN`; zero denominator → `NaN`.
 * (empyrical `omega_ratio`; metrics-conventions §2.)
 *
 * @param requiredReturn ANNUAL required return (fraction), default 0.
 * @param riskFree per-period risk-free rate, default 0.
 */
export function calculateOmegaRatio(returns: Float64Array, periodsPerYear: number, requiredReturn = 0, riskFree = 0): number {
  if (returns.length < 2) return Number.NaN;
  const threshold = requiredReturn === 0 ? 0 : Math.pow(1 + requiredReturn, 1 / periodsPerYear) - 1;
  let gains = 0;
  let losses = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value !== value) continue;
    const excess = value - riskFree - threshold;
    if (excess > 0) gains += excess;
    else if (excess < 0) losses -= excess;
  }
  return losses > 0 ? gains / losses : Number.NaN;
}
