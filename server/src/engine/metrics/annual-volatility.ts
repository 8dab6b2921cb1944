import { calculateStandardDeviation } from './sample-statistics.ts';

/**
 * Annualized volatility `std(r, ddof=1) · √P` (fraction). NaN returns dropped; fewer than 2 valid
 * returns → `NaN`. (empyrical `annual_volatility`; metrics-conventions §2.)
 */
export function calculateAnnualVolatility(returns: Float64Array, periodsPerYear: number): number {
  return calculateStandardDeviation(returns, 1) * Math.sqrt(periodsPerYear);
}
