/** Annualized alpha and beta of a strategy against a benchmark. */
export interface AlphaBeta {
  /** Compounded annual alpha `(1 + a)^P − 1` (fraction). */
  alpha: number;
  /** OLS slope of strategy returns on benchmark returns (unitless). */
  beta: number;
}

/**
 * Beta: OLS slope `Σ(bₜ − b̄)·rₜ / Σ(bₜ − b̄)²` over the periods where both `returns` and
 * `benchmarkReturns` are valid (pairs with a NaN dropped). Fewer than 2 entries (counting NaN)
 * → `NaN`; population variance of b below 1e−30 → `NaN`. (empyrical `beta`; metrics-conventions §2.)
 *
 * @param riskFree per-period risk-free rate subtracted from both series (cancels in the slope).
 */
export function calculateBeta(returns: Float64Array, benchmarkReturns: Float64Array, riskFree = 0): number {
  const length = Math.min(returns.length, benchmarkReturns.length);
  if (length < 2) return Number.NaN;
  let count = 0;
  let sumBenchmark = 0;
  for (let index = 0; index < length; index++) {
    const value = returns[index];
    const benchmark = benchmarkReturns[index];
    if (value === value && benchmark === benchmark) {
      sumBenchmark += benchmark - riskFree;
      count++;
    }
  }
  if (count === 0) return Number.NaN;
  const meanBenchmark = sumBenchmark / count;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < length; index++) {
    const value = returns[index];
    const benchmark = benchmarkReturns[index];
    if (value === value && benchmark === benchmark) {
      const deviation = benchmark - riskFree - meanBenchmark;
      covariance += deviation * (value - riskFree);
      variance += deviation * deviation;
    }
  }
  if (variance / count < 1e-30) return Number.NaN;
  return covariance / variance;
}

/**
 * Alpha and beta against a benchmark. Per-period `a = mean(r − rf − β(b − rf))` over the valid
 * pairs (the OLS intercept when rf = 0), annualized by compounding: `α = (1 + a)^P − 1`.
 * Fewer than 2 entries → both `NaN`. The two arrays are aligned by index; the shorter length wins.
 * (empyrical `alpha_beta`; metrics-conventions §2.)
 */
export function calculateAlphaBeta(returns: Float64Array, benchmarkReturns: Float64Array, periodsPerYear: number, riskFree = 0): AlphaBeta {
  const beta = calculateBeta(returns, benchmarkReturns, riskFree);
  const length = Math.min(returns.length, benchmarkReturns.length);
  if (length < 2 || beta !== beta) return { alpha: Number.NaN, beta };
  let sum = 0;
  let count = 0;
  for (let index = 0; index < length; index++) {
    const value = returns[index];
    const benchmark = benchmarkReturns[index];
    if (value === value && benchmark === benchmark) {
      sum += value - riskFree - beta * (benchmark - riskFree);
      count++;
    }
  }
  const perPeriod = sum / count;
  return { alpha: Math.pow(1 + perPeriod, periodsPerYear) - 1, beta };
}
