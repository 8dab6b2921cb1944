import { calculateNormalCumulative } from '../statistics/normal-distribution.ts';

/**
 * Per-observation (NOT annualized) Sharpe ratio and the higher moments PSR needs.
 *
 * Conventions (declared as metrics-conventions §4 requires):
 * - `sharpe = mean / std(ddof = 1)` of the non-NaN returns (rf = 0);
 * - `skewness = m₃ / m₂^{3/2}` and `kurtosis = m₄ / m₂²` with BIASED central moments
 *   `m_k = Σ(r − r̄)^k / T` (scipy.stats `skew`/`kurtosis(fisher=False)` defaults), kurtosis is
 *   Pearson (normal = 3), not excess;
 * - `observations = T`, the number of non-NaN returns.
 */
export interface SharpeRatioMoments {
  sharpe: number;
  observations: number;
  skewness: number;
  kurtosis: number;
}

/**
 * Compute {@link SharpeRatioMoments} of a return series (NaN dropped). Fewer than 2 valid
 * returns → all-NaN moments (observations still reported). A constant series → sharpe `±∞`/`NaN`, moments NaN.
 */
export function calculateSharpeRatioMoments(returns: Float64Array): SharpeRatioMoments {
  let count = 0;
  let sum = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) {
      sum += value;
      count++;
    }
  }
  if (count < 2) return { sharpe: Number.NaN, observations: count, skewness: Number.NaN, kurtosis: Number.NaN };
  const mean = sum / count;
  let second = 0;
  let third = 0;
  let fourth = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value !== value) continue;
    const deviation = value - mean;
    const squared = deviation * deviation;
    second += squared;
    third += squared * deviation;
    fourth += squared * squared;
  }
  const m2 = second / count;
  return {
    sharpe: mean / Math.sqrt(second / (count - 1)),
    observations: count,
    skewness: third / count / Math.pow(m2, 1.5),
    kurtosis: fourth / count / (m2 * m2),
  };
}

/**
 * Probabilistic Sharpe Ratio from moments (Bailey & López de Prado 2012, "The Sharpe Ratio
 * Efficient Frontier", J. of Risk 15(2); metrics-conventions §4):
 * `PSR(SR*) = Φ( (SR̂ − SR*)·√(T − 1) / √(1 − γ₃·SR̂ + (γ₄ − 1)/4 · SR̂²) )`, all Sharpe ratios per
 * observation; the denominator uses the observed SR̂. A probability in [0, 1]; `NaN` when the
 * inputs are not finite, T < 2 or the variance term is ≤ 0.
 */
export function calculateProbabilisticSharpeRatioFromMoments(moments: SharpeRatioMoments, benchmarkSharpe = 0): number {
  const { sharpe, observations, skewness, kurtosis } = moments;
  if (observations < 2 || !Number.isFinite(sharpe) || !Number.isFinite(skewness) || !Number.isFinite(kurtosis)) return Number.NaN;
  const variance = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0)) return Number.NaN;
  return calculateNormalCumulative(((sharpe - benchmarkSharpe) * Math.sqrt(observations - 1)) / Math.sqrt(variance));
}

/**
 * Probabilistic Sharpe Ratio of a return series against a per-observation benchmark Sharpe
 * `SR*` (default 0): the probability that the true Sharpe exceeds SR*. Moments per
 * {@link calculateSharpeRatioMoments}.
 */
export function calculateProbabilisticSharpeRatio(returns: Float64Array, benchmarkSharpe = 0): number {
  return calculateProbabilisticSharpeRatioFromMoments(calculateSharpeRatioMoments(returns), benchmarkSharpe);
}
