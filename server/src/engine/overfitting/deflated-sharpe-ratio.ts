import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateStandardDeviation } from '../metrics/sample-statistics.ts';
import { calculateNormalQuantile } from '../statistics/normal-distribution.ts';
import { calculateProbabilisticSharpeRatioFromMoments, calculateSharpeRatioMoments } from './probabilistic-sharpe-ratio.ts';

const eulerMascheroni = 0.5772156649015329;

/**
 * Expected maximum of N iid standard normals (false-strategy bound; Bailey & López de Prado 2014):
 * `Z_max(N) = (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))`, γ = Euler–Mascheroni.
 *
 * @throws EngineInputError('trialCount') when N < 2 (the bound is −∞ at N = 1).
 */
export function calculateExpectedMaximumStandardNormal(trialCount: number): number {
  if (!(trialCount >= 2)) throw new EngineInputError('trialCount', 'the deflated Sharpe ratio needs at least 2 trials');
  return (1 - eulerMascheroni) * calculateNormalQuantile(1 - 1 / trialCount) + eulerMascheroni * calculateNormalQuantile(1 - 1 / (trialCount * Math.E));
}

/** Result of {@link calculateDeflatedSharpeRatio}. */
export interface DeflatedSharpeRatio {
  /** DSR = PSR(SR₀), a probability; > 0.95 is significant at 5 %. */
  deflatedSharpeRatio: number;
  /** The deflation threshold `SR₀ = √V[{SR̂ₙ}] · Z_max(N)`, per observation. */
  benchmarkSharpe: number;
  /** Observed per-observation Sharpe of the selected strategy. */
  sharpe: number;
  /** N used in Z_max. */
  trialCount: number;
}

/**
 * Deflated Sharpe Ratio (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio", JPM 40(5);
 * metrics-conventions §4) of the SELECTED strategy's `returns`, given the per-observation Sharpe
 * ratios of all trials of the search (the selected one included).
 *
 * Declared conventions:
 * - `V[{SR̂ₙ}]` is the sample variance with **ddof = 1** of `trialSharpeRatios` (as pypbo
 *   `dsr_from_returns`; mlfinlab's list form uses ddof 0);
 * - skewness/kurtosis: **biased** sample moments (scipy defaults), Pearson kurtosis;
 * - the trial-mean SR is taken as 0 (the paper's null): `SR₀ = √V · Z_max(N)`, no `E[SR̂ₙ]` added;
 * - N defaults to the number of trials (`trialSharpeRatios.length`); pass a smaller effective N
 *   (e.g. from clustering) if trials are correlated. N < 5 is allowed (pypbo refuses it).
 *
 * @throws EngineInputError('trialCount') when N < 2.
 */
export function calculateDeflatedSharpeRatio(returns: Float64Array, trialSharpeRatios: Float64Array, trialCount = trialSharpeRatios.length): DeflatedSharpeRatio {
  const expectedMaximum = calculateExpectedMaximumStandardNormal(trialCount);
  const benchmarkSharpe = calculateStandardDeviation(trialSharpeRatios, 1) * expectedMaximum;
  const moments = calculateSharpeRatioMoments(returns);
  return {
    deflatedSharpeRatio: calculateProbabilisticSharpeRatioFromMoments(moments, benchmarkSharpe),
    benchmarkSharpe,
    sharpe: moments.sharpe,
    trialCount,
  };
}
