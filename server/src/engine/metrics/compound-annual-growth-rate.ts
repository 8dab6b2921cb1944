/**
 * Annual return (CAGR) `W^(P/n) − 1` with `W = ∏(1 + rₜ)` (NaN returns count as 0) and
 * `n = returns.length` INCLUDING NaN entries; years are count-based, `n / P`.
 * Empty → `NaN`; `W = 0` → `−1`; `W < 0` → `NaN`. Result is an annualized fraction.
 * (empyrical `annual_return`; metrics-conventions §2.)
 *
 * @param periodsPerYear P, e.g. 365 for daily crypto bars, 8760 for hourly.
 */
export function calculateCompoundAnnualGrowthRate(returns: Float64Array, periodsPerYear: number): number {
  const count = returns.length;
  if (count === 0) return Number.NaN;
  let wealth = 1;
  for (let index = 0; index < count; index++) {
    const value = returns[index];
    if (value === value) wealth *= 1 + value;
  }
  if (wealth < 0 || wealth !== wealth) return Number.NaN;
  if (wealth === 0) return -1;
  return Math.pow(wealth, periodsPerYear / count) - 1;
}
