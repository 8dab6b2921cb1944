import { calculateDownsideRisk } from './downside-risk.ts';

/**
 * Annualized Sortino ratio `mean(r − MAR) · P / downsideRisk` (numerator annualized linearly;
 * equals `mean / DD · √P`). NaN returns dropped; fewer than 2 valid → `NaN`; zero downside risk
 * with a positive mean → `+∞`, with zero mean → `NaN`. (empyrical `sortino_ratio`; metrics-conventions §2.)
 *
 * @param minimumAcceptableReturn per-period MAR (fraction), default 0.
 */
export function calculateSortinoRatio(returns: Float64Array, periodsPerYear: number, minimumAcceptableReturn = 0): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) {
      sum += value - minimumAcceptableReturn;
      count++;
    }
  }
  if (count < 2) return Number.NaN;
  return ((sum / count) * periodsPerYear) / calculateDownsideRisk(returns, periodsPerYear, minimumAcceptableReturn);
}
