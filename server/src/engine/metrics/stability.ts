/**
 * Stability of timeseries: R² of the OLS fit of cumulative log returns `yₜ = Σ_{s≤t} ln(1 + r_s)`
 * on `x = 0, 1, …, m − 1` (Pearson `corr(x, y)²`). NaN returns are dropped first and the index
 * renumbered. Fewer than 2 returns (counting NaN) → `NaN`; constant y → `0`; a return ≤ −1 → `NaN`.
 * (empyrical `stability_of_timeseries`; metrics-conventions §2.)
 */
export function calculateStability(returns: Float64Array): number {
  if (returns.length < 2) return Number.NaN;
  let count = 0;
  let cumulative = 0;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value !== value) continue;
    if (value <= -1) return Number.NaN;
    cumulative += Math.log1p(value);
    sumX += count;
    sumY += cumulative;
    count++;
  }
  if (count < 2) return Number.NaN;
  const meanX = sumX / count;
  const meanY = sumY / count;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  cumulative = 0;
  let position = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value !== value) continue;
    cumulative += Math.log1p(value);
    const deviationX = position - meanX;
    const deviationY = cumulative - meanY;
    covariance += deviationX * deviationY;
    varianceX += deviationX * deviationX;
    varianceY += deviationY * deviationY;
    position++;
  }
  if (varianceY === 0) return 0;
  const correlation = covariance / Math.sqrt(varianceX * varianceY);
  return correlation * correlation;
}
