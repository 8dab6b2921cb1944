import 'reflect-metadata';
import type { EvaluationCycleStatus } from '../../domain/cycle/evaluation-cycle.entity.ts';
import type { Recommendation } from '../../domain/scoring/scorecard-entry.entity.ts';
import type { CycleConfiguration, StoredCycleMetrics } from '../../domain/cycle/cycle-configuration.entity.ts';
import { metricDescriptions } from '../backtest/backtest-metrics.type.ts';
import { ParameterSettingType } from '../strategy/parameter-space.type.ts';
import type { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import type { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import type { CycleMetrics, FactorContribution, ScoreFactor, ScoringInputs, ScoringMetric } from '../../engine/index.ts';
import { scoringMetrics } from '../../engine/index.ts';

type ScoreFactorMetric = FactorContribution['metrics'][number];
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { NodeInterface, makeConnectionType } from '../relay.ts';
import { EvaluationCycleStatusEnum, RecommendationEnum } from './scoring-enums.ts';

/** One description per scoring metric, keyed by the engine's list, so a new metric fails the build until documented. */
const scoringInputDescriptions: Readonly<Record<ScoringMetric, string>> = {
  sharpe: 'Sharpe ratio, annualized (√P), risk-free rate 0, out-of-sample.',
  sortino: 'Sortino ratio, annualized, MAR 0, out-of-sample.',
  calmar: 'Calmar ratio: CAGR / |max drawdown|, out-of-sample.',
  maxDrawdown: 'Maximum drawdown, a negative fraction (−0.25 = 25 %).',
  valueAtRisk: 'Historical value at risk at 95 %, per bar, negative fraction.',
  conditionalValueAtRisk: 'Historical expected shortfall at 95 %, per bar, negative fraction.',
  winRateDispersion: 'Standard deviation of the per-period win rate across regimes and rolling windows, fraction (lower = steadier).',
  robustnessScore: 'Share of the calm / neutral / turbulent regimes with a positive Sharpe, fraction 0–1.',
  probabilityOfBacktestOverfitting: 'Probability of backtest overfitting by CSCV, 0–1 (lower = better).',
  deflatedSharpeRatio: 'Deflated Sharpe Ratio, a probability 0–1 (> 0.95 significant).',
  walkForwardEfficiency: 'Stitched out-of-sample CAGR / mean in-sample CAGR, a ratio (1 = no decay).',
  liveDrift: '|live Sharpe − backtest Sharpe| when the strategy trades live; null otherwise (not required).',
};

/** The raw statistics a scorecard entry scored; null = missing or not defined. */
@ObjectType('ScoringInputs', { description: 'Raw statistics a scorecard scored (ScoringPolicy metrics). null = missing or not defined.' })
export class ScoringInputsType {}
for (const metric of scoringMetrics) {
  Field(() => Float, { nullable: true, description: scoringInputDescriptions[metric] })(ScoringInputsType.prototype, metric);
}

@ObjectType('ScoreFactorMetric', { description: 'One raw statistic of a factor and its points.' })
export class ScoreFactorMetricType implements ScoreFactorMetric {
  @Field(() => String, { description: 'A ScoringInputs field name, e.g. sharpe.' })
  metric!: ScoringMetric;

  @Field(() => Float, { nullable: true, description: 'Raw value in the metric’s unit (see ScoringPolicy); null when missing.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'Points 0–100 on the policy band.' })
  points!: number | null;
}

@ObjectType('ScoreFactor', { description: 'One factor’s share of the unified score.' })
export class ScoreFactorType implements FactorContribution {
  @Field(() => String, { description: 'riskAdjustedReturn, drawdownAndTail, winRateStability, robustness, overfitting or drift.' })
  factor!: ScoreFactor;

  @Field(() => Float, { nullable: true, description: 'Points 0–100 (mean of its metrics’ points); null when no input.' })
  points!: number | null;

  @Field(() => Float, { description: 'Normalized weight, a fraction (weights of factors with points sum to 1).' })
  weight!: number;

  @Field(() => Float, { description: 'points × weight, in score points.' })
  contribution!: number;

  @Field(() => [ScoreFactorMetricType])
  metrics!: ScoreFactorMetricType[];
}

@ObjectType('ScorecardEntry', { implements: NodeInterface, description: 'A strategy version’s normalized score for one evaluation date (one per strategy per date).' })
export class ScorecardEntryType extends NodeInterface implements EntityFields<ScorecardEntry, 'strategy' | 'strategyVersion' | 'generatedBy' | 'factorContributions' | 'evaluationCycle'> {
  @Field(() => String, { description: 'Evaluation date, UTC, YYYY-MM-DD.' })
  evaluationDate!: string;

  @Field(() => Float, { description: 'Unified score, 0–100.' })
  normalizedScore!: number;

  @Field(() => Int, { nullable: true, description: 'Competition rank within the date (1 = best).' })
  rank!: number | null;

  @Field(() => RecommendationEnum)
  recommendation!: Recommendation;

  @Field(() => [String], { description: 'Why, most important first.' })
  rationale!: string[];

  @Field(() => Boolean, { description: 'False when a required input is missing: deployment is blocked.' })
  complete!: boolean;

  @Field(() => [String])
  missingInputs!: string[];

  @Field(() => Boolean, { description: 'Below the minimum production standard (or incomplete): no deployment.' })
  researchOnly!: boolean;

  @Field(() => String, { description: 'Scoring policy version applied.' })
  scoringPolicyVersion!: string;

  @Field(() => ScoringInputsType, { description: 'The raw statistics scored, as stored for reproducibility.' })
  inputs!: ScoringInputs;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when a later cycle of the same date replaced the numbers.' })
  updatedAt!: Date | null;
}

@ObjectType('CycleStrategyFailure', { description: 'A strategy an evaluation cycle could not evaluate, and why; its scorecard entry was left as it was.' })
export class CycleStrategyFailureType {
  @Field(() => ID, { description: 'Global id of the Strategy.' })
  strategyId!: string;

  @Field(() => ID, { description: 'Global id of the StrategyVersion that failed.' })
  strategyVersionId!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType('EvaluationCycle', { implements: NodeInterface, description: 'Generated configurations × walk-forward evaluation → scorecard.' })
export class EvaluationCycleType extends NodeInterface implements EntityFields<EvaluationCycle, 'seed' | 'scopeKey' | 'strategyIds' | 'datasets' | 'strategyFailures' | 'trialKeys' | 'trialReturnMatrix' | 'matrixRows'> {
  @Field(() => EvaluationCycleStatusEnum)
  status!: EvaluationCycleStatus;

  @Field(() => Int)
  configurationCount!: number;

  @Field(() => Float, { description: 'Largest share of configurations per strategy, a fraction.' })
  maxTemplateShare!: number;

  @Field(() => String, { description: 'What queued it: scheduled, manual, dataset_certified, version_approved…' })
  reason!: string;

  @Field(() => [String])
  symbols!: string[];

  @Field(() => String, { nullable: true })
  evaluationDate!: string | null;

  @Field(() => String, { nullable: true })
  scoringPolicyVersion!: string | null;

  @Field(() => Int)
  trialCount!: number;

  @Field(() => Float, { nullable: true, description: 'PBO by CSCV over all configurations of the cycle, 0–1.' })
  probabilityOfBacktestOverfitting!: number | null;

  @Field(() => String)
  correlationId!: string;

  @Field(() => Date)
  queuedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Wall time of evaluation and scoring, milliseconds.' })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;
}

/** The metrics an evaluation cycle computes per configuration and dataset: checked against the engine's CycleMetrics. */
const cycleMetricNames = Object.keys({
  sharpe: true,
  sortino: true,
  calmar: true,
  maxDrawdown: true,
  valueAtRisk: true,
  conditionalValueAtRisk: true,
  totalReturn: true,
  cagr: true,
  winRate: true,
} satisfies Record<keyof CycleMetrics, true>) as (keyof CycleMetrics)[];

@ObjectType('CycleMetrics', {
  description: 'Stitched out-of-sample metrics of one configuration on one dataset: the subset of BacktestMetrics an evaluation cycle computes, with the same definitions. Null where undefined (NaN/±∞).',
})
export class CycleMetricsType {}
for (const name of cycleMetricNames) {
  Field(() => Float, { nullable: true, description: metricDescriptions[name] })(CycleMetricsType.prototype, name);
}

@ObjectType('CycleDatasetMetrics', { description: 'A configuration’s stitched out-of-sample metrics on one dataset of its cycle.' })
export class CycleDatasetMetricsType {
  @Field(() => ID, { description: 'Global id of the MarketDataSet.' })
  marketDataSetId!: string;

  @Field(() => CycleMetricsType)
  metrics!: StoredCycleMetrics;
}

@ObjectType('CycleConfiguration', { description: 'One generated configuration of a cycle and its out-of-sample result (a trial).' })
export class CycleConfigurationType implements EntityFields<CycleConfiguration, 'strategy' | 'strategyVersion' | 'seed' | 'evaluationCycle' | 'parameters' | 'outOfSampleMetrics'> {
  @Field(() => String)
  template!: string;

  @Field(() => String)
  configurationKey!: string;

  @Field(() => [ParameterSettingType], { description: 'The configuration’s parameters, by name.' })
  parameters!: ParameterSettingType[];

  @Field(() => Float, { nullable: true, description: 'Mean over datasets of the stitched out-of-sample annualized Sharpe.' })
  outOfSampleSharpe!: number | null;

  @Field(() => [CycleDatasetMetricsType], { description: 'Per dataset of the cycle: stitched out-of-sample metrics.' })
  outOfSampleMetrics!: CycleDatasetMetricsType[];
}

export const EvaluationCycleConnection = makeConnectionType('EvaluationCycle', EvaluationCycleType);
