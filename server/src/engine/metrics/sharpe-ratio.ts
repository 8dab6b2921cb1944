/**
 * Annualized Sharpe ratio `mean(r − rf) / std(r − rf, ddof=1) · √P` (arithmetic mean).
 * NaN returns dropped; fewer than 2 valid → `NaN`; zero std → `±∞` (0/0 → `NaN`).
 * (empyrical `sharpe_ratio`; metrics-conventions §2.)
 *
 * @param riskFree per-period risk-free rate (fraction), default 0.
 */
export function calculateSharpeRatio(returns: Float64Array, periodsPerYear: number, riskFree = 0): number {
  let sum = 0;
  let count = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) {
      const excess = value - riskFree;
      sum += excess;
      count++;
      if (excess < minimum) minimum = excess;
      if (excess > maximum) maximum = excess;
    }
  }
  if (count < 2) return Number.NaN;
  const mean = sum / count;
  if (minimum === maximum) return minimum / 0;
  let squares = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) {
      const deviation = value - riskFree - mean;
      squares += deviation * deviation;
    }
  }
  return (mean / Math.sqrt(squares / (count - 1))) * Math.sqrt(periodsPerYear);
}
