import { EngineInputError } from '../errors/engine-input-error.ts';
import {
  factorMetrics,
  optionalScoringMetrics,
  scoreFactors,
  scoringMetrics,
  type ScoreFactor,
  type ScoringBand,
  type ScoringMetric,
  type ScoringPolicy,
} from './scoring-policy.ts';

/** Raw statistics of one strategy version's latest evaluation; `null`, `undefined` or non-finite = missing. */
export type ScoringInputs = Partial<Record<ScoringMetric, number | null>>;

export type Recommendation = 'promote' | 'monitor' | 'demote' | 'retire';

/** One factor's share of the score. */
export interface FactorContribution {
  factor: ScoreFactor;
  /** 0–100, mean of the factor's available metric points; null when none is available. */
  points: number | null;
  /** Normalized weight, a fraction (weights sum to 1 over factors with points). */
  weight: number;
  /** `points × weight`: what the factor adds to the score, in score points. */
  contribution: number;
  /** Per-metric raw value and points. */
  metrics: { metric: ScoringMetric; value: number | null; points: number | null }[];
}

/** The result of scoring one strategy version. */
export interface Scorecard {
  policyVersion: string;
  /** Unified score 0–100 over the factors with data (2 decimals). */
  normalizedScore: number;
  factors: FactorContribution[];
  /** False when a required input is missing: the entry then blocks every deployment action. */
  complete: boolean;
  missingInputs: ScoringMetric[];
  meetsProductionStandard: boolean;
  /** Below the minimum production standard (or incomplete): research only, no deployment. */
  researchOnly: boolean;
  recommendation: Recommendation;
  /** Readable sentences explaining the recommendation, most important first. */
  rationale: string[];
}

/** Points 0–100 of `value` on a linear band (clamped); NaN stays NaN. */
export function calculateBandPoints(value: number, band: ScoringBand): number {
  if (band.best === band.worst) throw new EngineInputError('band', 'a scoring band needs best ≠ worst');
  const fraction = (value - band.worst) / (band.best - band.worst);
  return 100 * Math.min(1, Math.max(0, fraction));
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;
const isPresent = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Scores one strategy version under `policy` (lifecycle-spec FR-015..020):
 * 1. each metric → 0–100 points on its policy band;
 * 2. each factor's points = mean of its available metrics' points;
 * 3. score = Σ wᵢ·pointsᵢ / Σ wᵢ over factors with points (weights renormalized over what is available);
 * 4. recommendation: incomplete → monitor (deployment blocked); else score ≥ promoteAt and the minimum production
 *    standard met → promote; score ≥ monitorAt → monitor; score < retireBelow → retire; otherwise demote.
 * @throws EngineInputError('weights') when no factor has a positive weight.
 */
export function calculateScorecard(inputs: ScoringInputs, policy: ScoringPolicy): Scorecard {
  const missingInputs = scoringMetrics.filter((metric) => !optionalScoringMetrics.has(metric) && !isPresent(inputs[metric]));
  const factors: FactorContribution[] = scoreFactors.map((factor) => {
    const metrics = factorMetrics[factor].map((metric) => {
      const value = inputs[metric];
      return isPresent(value)
        ? { metric, value, points: round2(calculateBandPoints(value, policy.bands[metric])) }
        : { metric, value: null, points: null };
    });
    const available = metrics.filter((metric) => metric.points !== null).map((metric) => metric.points!);
    const points = available.length > 0 ? available.reduce((sum, value) => sum + value, 0) / available.length : null;
    return { factor, points: points === null ? null : round2(points), weight: 0, contribution: 0, metrics };
  });
  const totalWeight = factors.reduce((sum, factor) => sum + (factor.points === null ? 0 : Math.max(0, policy.weights[factor.factor])), 0);
  if (!(scoreFactors.some((factor) => policy.weights[factor] > 0))) throw new EngineInputError('weights', 'the scoring policy needs a positive weight');
  for (const factor of factors) {
    factor.weight = factor.points === null || totalWeight === 0 ? 0 : Math.max(0, policy.weights[factor.factor]) / totalWeight;
    factor.contribution = round2((factor.points ?? 0) * factor.weight);
  }
  const normalizedScore = round2(factors.reduce((sum, factor) => sum + (factor.points ?? 0) * factor.weight, 0));
  const complete = missingInputs.length === 0;
  const standard = policy.minimumProductionStandard;
  const shortfalls: string[] = [];
  if (normalizedScore < standard.minScore) shortfalls.push(`score ${normalizedScore.toFixed(2)} < ${standard.minScore}`);
  if (isPresent(inputs.deflatedSharpeRatio) && inputs.deflatedSharpeRatio < standard.minDeflatedSharpeRatio) {
    shortfalls.push(`Deflated Sharpe ${inputs.deflatedSharpeRatio.toFixed(3)} < ${standard.minDeflatedSharpeRatio}`);
  }
  if (isPresent(inputs.probabilityOfBacktestOverfitting) && inputs.probabilityOfBacktestOverfitting > standard.maxProbabilityOfBacktestOverfitting) {
    shortfalls.push(`PBO ${inputs.probabilityOfBacktestOverfitting.toFixed(2)} > ${standard.maxProbabilityOfBacktestOverfitting}`);
  }
  if (isPresent(inputs.maxDrawdown) && inputs.maxDrawdown < standard.minMaxDrawdown) {
    shortfalls.push(`max drawdown ${percent(inputs.maxDrawdown)} below ${percent(standard.minMaxDrawdown)}`);
  }
  const meetsProductionStandard = complete && shortfalls.length === 0;
  const { promoteAt, monitorAt, retireBelow } = policy.thresholds;

  let recommendation: Recommendation;
  const rationale: string[] = [];
  if (!complete) {
    recommendation = 'monitor';
    rationale.push(`Incomplete scoring inputs (${missingInputs.join(', ')}): deployment is blocked until a complete evaluation exists.`);
  } else if (normalizedScore >= promoteAt && meetsProductionStandard) {
    recommendation = 'promote';
    rationale.push(`Score ${normalizedScore.toFixed(2)} ≥ ${promoteAt} and the minimum production standard is met.`);
  } else if (normalizedScore >= monitorAt) {
    recommendation = 'monitor';
    rationale.push(
      normalizedScore >= promoteAt
        ? `Score ${normalizedScore.toFixed(2)} ≥ ${promoteAt}, but not promotable: ${shortfalls.join('; ')}.`
        : `Score ${normalizedScore.toFixed(2)} is between ${monitorAt} and ${promoteAt}.`,
    );
  } else if (normalizedScore < retireBelow) {
    recommendation = 'retire';
    rationale.push(`Score ${normalizedScore.toFixed(2)} < ${retireBelow}.`);
  } else {
    recommendation = 'demote';
    rationale.push(`Score ${normalizedScore.toFixed(2)} < ${monitorAt}.`);
  }
  const shortfallsAlreadyStated = recommendation === 'monitor' && normalizedScore >= promoteAt;
  if (complete && !meetsProductionStandard && !shortfallsAlreadyStated) rationale.push(`Research only: ${shortfalls.join('; ')}.`);
  const scored = factors.filter((factor) => factor.points !== null).sort((a, b) => b.points! - a.points!);
  if (scored.length >= 2) {
    const strongest = scored[0]!;
    const weakest = scored.at(-1)!;
    rationale.push(`Strongest factor: ${strongest.factor} (${strongest.points!.toFixed(0)}/100); weakest: ${weakest.factor} (${weakest.points!.toFixed(0)}/100).`);
  }
  return {
    policyVersion: policy.version,
    normalizedScore,
    factors,
    complete,
    missingInputs,
    meetsProductionStandard,
    researchOnly: !meetsProductionStandard,
    recommendation,
    rationale,
  };
}

/** A scored item to rank. */
export interface RankInput {
  key: string;
  normalizedScore: number;
  deflatedSharpeRatio?: number | null;
}

/**
 * Ranks by score (descending), then Deflated Sharpe (descending, missing last), then key. Ranks are
 * competition ranks ("1224"): equal score and DSR share a rank.
 */
export function rankScorecards<T extends RankInput>(items: readonly T[]): (T & { rank: number })[] {
  const dsr = (item: RankInput): number | null => (isPresent(item.deflatedSharpeRatio) ? item.deflatedSharpeRatio : null);
  // Higher DSR first; a missing DSR after every present one.
  const byDsr = (a: RankInput, b: RankInput): number => {
    const first = dsr(a);
    const second = dsr(b);
    return first === second ? 0 : first === null ? 1 : second === null ? -1 : second - first;
  };
  const sorted = [...items].sort((a, b) => b.normalizedScore - a.normalizedScore || byDsr(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let rank = 0;
  return sorted.map((item, index) => {
    const previous = sorted[index - 1];
    if (!previous || previous.normalizedScore !== item.normalizedScore || dsr(previous) !== dsr(item)) rank = index + 1;
    return { ...item, rank };
  });
}
