import { calculateCompoundAnnualGrowthRate } from './compound-annual-growth-rate.ts';
import { calculateMaxDrawdown } from './drawdown.ts';

/**
 * Calmar ratio `CAGR / |maxDrawdown|` over the whole series (not a trailing 36-month window).
 * No drawdown (MDD = 0) → `NaN`; a non-finite result → `NaN`. (empyrical `calmar_ratio`; metrics-conventions §2.)
 */
export function calculateCalmarRatio(returns: Float64Array, periodsPerYear: number): number {
  const maxDrawdown = calculateMaxDrawdown(returns);
  if (!(maxDrawdown < 0)) return Number.NaN;
  const ratio = calculateCompoundAnnualGrowthRate(returns, periodsPerYear) / Math.abs(maxDrawdown);
  return Number.isFinite(ratio) ? ratio : Number.NaN;
}
