import { EngineInputError } from '../errors/engine-input-error.ts';

/** Result of {@link calculateInformationRatio}. */
export interface InformationRatio {
  /** `mean(r − b) / std(r − b, ddof = 1)`, per period, NOT annualized (empyrical `excess_sharpe`). */
  informationRatio: number;
  /** Mean active return `mean(r − b)` per period (fraction). */
  meanActiveReturn: number;
  /** Tracking error `std(r − b, ddof = 1)` per period (fraction). */
  trackingError: number;
  /** Periods used (pairs whose active return is not NaN). */
  observations: number;
}

/**
 * Information ratio of `returns` against a benchmark series (metrics-conventions §2, empyrical `excess_sharpe`):
 * active returns `aₜ = rₜ − bₜ` (simple per-period returns, aligned by index), NaN active returns dropped;
 * `IR = mean(a) / std(a, ddof = 1)`, not annualized. Fewer than 2 valid active returns → NaN; zero tracking error →
 * ±∞ (0/0 → NaN).
 *
 * @throws EngineInputError('benchmarkReturns') when the two series differ in length.
 */
export function calculateInformationRatio(returns: Float64Array, benchmarkReturns: Float64Array): InformationRatio {
  if (returns.length !== benchmarkReturns.length) {
    throw new EngineInputError('benchmarkReturns', `the benchmark has ${benchmarkReturns.length} returns, the strategy ${returns.length}; align them first`);
  }
  let sum = 0;
  let count = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < returns.length; index++) {
    const active = returns[index] - benchmarkReturns[index];
    if (active === active) {
      sum += active;
      count++;
      if (active < minimum) minimum = active;
      if (active > maximum) maximum = active;
    }
  }
  if (count < 2) return { informationRatio: Number.NaN, meanActiveReturn: count === 0 ? Number.NaN : sum / count, trackingError: Number.NaN, observations: count };
  const mean = sum / count;
  if (minimum === maximum) return { informationRatio: minimum / 0, meanActiveReturn: minimum, trackingError: 0, observations: count };
  let squares = 0;
  for (let index = 0; index < returns.length; index++) {
    const active = returns[index] - benchmarkReturns[index];
    if (active === active) squares += (active - mean) * (active - mean);
  }
  const trackingError = Math.sqrt(squares / (count - 1));
  return { informationRatio: mean / trackingError, meanActiveReturn: mean, trackingError, observations: count };
}
