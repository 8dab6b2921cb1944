/**
 * Scoring policy: how raw evaluation statistics become a 0–100 unified score (lifecycle-spec FR-019, FR-020).
 * Policies are versioned; every scorecard records the version it applied.
 */

/** The factors of the unified score (DESIGN.md §3.5: return, risk, robustness and drift). */
export const scoreFactors = ['riskAdjustedReturn', 'drawdownAndTail', 'winRateStability', 'robustness', 'overfitting', 'drift'] as const;
export type ScoreFactor = (typeof scoreFactors)[number];

/**
 * The statistics a scorecard reads, each with its unit:
 * - `sharpe`, `sortino`, `calmar`: annualized ratios (metrics-conventions §2), out-of-sample.
 * - `maxDrawdown`, `valueAtRisk`, `conditionalValueAtRisk`: negative fractions (−0.25 = 25 %); VaR/CVaR per bar, 95 %.
 * - `winRateDispersion`: standard deviation of the per-period win rate across regimes and rolling windows, fraction
 *   (lower = steadier).
 * - `robustnessScore`: share (fraction 0–1) of the calm / neutral / turbulent regimes with a positive Sharpe.
 * - `probabilityOfBacktestOverfitting`: PBO by CSCV, 0–1 (lower = better).
 * - `deflatedSharpeRatio`: Deflated Sharpe Ratio, a probability 0–1 (> 0.95 significant).
 * - `walkForwardEfficiency`: stitched OOS CAGR / mean IS CAGR (1 = no decay).
 * - `liveDrift`: |live Sharpe − backtest Sharpe| when the strategy trades live, else absent (not required).
 */
export const scoringMetrics = [
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'valueAtRisk',
  'conditionalValueAtRisk',
  'winRateDispersion',
  'robustnessScore',
  'probabilityOfBacktestOverfitting',
  'deflatedSharpeRatio',
  'walkForwardEfficiency',
  'liveDrift',
] as const;
export type ScoringMetric = (typeof scoringMetrics)[number];

/** Linear band: `worst` maps to 0 points and `best` to 100, clamped; `worst > best` means lower is better. */
export interface ScoringBand {
  worst: number;
  best: number;
}

/** Which metrics feed which factor; a factor's points are the mean of its available metrics' points. */
export const factorMetrics: Readonly<Record<ScoreFactor, readonly ScoringMetric[]>> = {
  riskAdjustedReturn: ['sharpe', 'sortino', 'calmar'],
  drawdownAndTail: ['maxDrawdown', 'valueAtRisk', 'conditionalValueAtRisk'],
  winRateStability: ['winRateDispersion'],
  robustness: ['robustnessScore'],
  overfitting: ['probabilityOfBacktestOverfitting', 'deflatedSharpeRatio'],
  drift: ['walkForwardEfficiency', 'liveDrift'],
};

/** Metrics that may be absent without making the scorecard incomplete. */
export const optionalScoringMetrics: ReadonlySet<ScoringMetric> = new Set(['liveDrift']);

/** The bar a strategy must clear to be eligible for production at all; below it, it is research-only. */
export interface MinimumProductionStandard {
  /** Unified score, 0–100. */
  minScore: number;
  /** Deflated Sharpe Ratio (a probability), 0–1. */
  minDeflatedSharpeRatio: number;
  /** PBO, 0–1. */
  maxProbabilityOfBacktestOverfitting: number;
  /** Max drawdown floor, negative fraction (−0.35 = a 35 % drawdown is the worst allowed). */
  minMaxDrawdown: number;
}

/** Score thresholds of the recommendations, 0–100. */
export interface RecommendationThresholds {
  /** At or above, and meeting the production standard: promote. */
  promoteAt: number;
  /** At or above: monitor. Below: demote. */
  monitorAt: number;
  /** Below: retire. */
  retireBelow: number;
}

export interface ScoringPolicy {
  version: string;
  /** Relative factor weights (any non-negative numbers; normalized by their sum). */
  weights: Readonly<Record<ScoreFactor, number>>;
  bands: Readonly<Record<ScoringMetric, ScoringBand>>;
  minimumProductionStandard: MinimumProductionStandard;
  thresholds: RecommendationThresholds;
}

/** The default policy (version 2026.11.1). Bands are set for crypto strategies on daily/hourly bars. */
export const defaultScoringPolicy: ScoringPolicy = {
  version: '2026.11.1',
  weights: { riskAdjustedReturn: 30, drawdownAndTail: 20, winRateStability: 10, robustness: 15, overfitting: 15, drift: 10 },
  bands: {
    sharpe: { worst: 0, best: 2 },
    sortino: { worst: 0, best: 3 },
    calmar: { worst: 0, best: 2 },
    maxDrawdown: { worst: -0.6, best: -0.1 },
    valueAtRisk: { worst: -0.08, best: -0.01 },
    conditionalValueAtRisk: { worst: -0.12, best: -0.015 },
    winRateDispersion: { worst: 0.15, best: 0.02 },
    robustnessScore: { worst: 0, best: 1 },
    probabilityOfBacktestOverfitting: { worst: 0.8, best: 0.1 },
    deflatedSharpeRatio: { worst: 0.5, best: 0.99 },
    walkForwardEfficiency: { worst: 0, best: 1 },
    liveDrift: { worst: 1.5, best: 0 },
  },
  minimumProductionStandard: { minScore: 55, minDeflatedSharpeRatio: 0.95, maxProbabilityOfBacktestOverfitting: 0.5, minMaxDrawdown: -0.35 },
  thresholds: { promoteAt: 70, monitorAt: 50, retireBelow: 30 },
};
