import 'reflect-metadata';
import type { ObjectiveSpec, OptimizationDataset, StoredMetricConstraint, WalkForwardWindowsSpec } from '../../domain/optimization/optimization-settings.ts';
import type { RegimeBand } from '../../domain/market-data/regime-band.ts';
import type { SearchMethod } from '../../domain/optimization/search-method.ts';
import type { OptimizationStatus } from '../../domain/optimization/optimization.lifecycle.ts';
import type { HyperparameterTrial } from '../../domain/optimization/hyperparameter-trial.entity.ts';
import type { WalkForwardSegment } from '../../domain/optimization/walk-forward-segment.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import { ParameterSettingType, ParameterSpaceType } from '../strategy/parameter-space.type.ts';
import type { Optimization } from '../../domain/optimization/optimization.entity.ts';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BacktestMetricsType } from '../backtest/backtest-metrics.type.ts';
import { RegimeBandEnum } from '../enums.ts';
import { makeConnectionType, NodeInterface } from '../relay.ts';
import { ComparisonOperatorEnum, ObjectiveDirectionEnum, ObjectiveMetricEnum, OptimizationStatusEnum, SearchMethodEnum, WalkForwardSchemeEnum, WindowUnitEnum } from './optimization-enums.ts';

@ObjectType('WalkForwardWindows', { description: 'Walk-forward window layout.' })
export class WalkForwardWindowsType implements WalkForwardWindowsSpec {
  @Field(() => WalkForwardSchemeEnum)
  scheme!: WalkForwardWindowsSpec['scheme'];

  @Field(() => WindowUnitEnum)
  unit!: WalkForwardWindowsSpec['unit'];

  @Field(() => Float, { description: 'Train window size, in `unit`.' })
  trainSize!: number;

  @Field(() => Float, { description: 'Test window size, in `unit`.' })
  testSize!: number;

  @Field(() => Float, { description: 'Distance between window starts, in `unit` (≥ testSize).' })
  stepSize!: number;
}

@ObjectType('MetricConstraint')
export class MetricConstraintType implements StoredMetricConstraint {
  @Field(() => ObjectiveMetricEnum)
  metric!: string;

  @Field(() => ComparisonOperatorEnum)
  operator!: StoredMetricConstraint['operator'];

  @Field(() => Float, { description: 'Threshold in the metric’s unit, e.g. −0.25 for maxDrawdown (a fraction).' })
  value!: number;
}

@ObjectType('Objective', { description: 'What the search optimizes, subject to constraints (infeasible trials rank last).' })
export class ObjectiveType implements ObjectiveSpec {
  @Field(() => ObjectiveMetricEnum)
  metric!: string;

  @Field(() => ObjectiveDirectionEnum)
  direction!: ObjectiveSpec['direction'];

  @Field(() => [MetricConstraintType])
  constraints!: MetricConstraintType[];
}

@ObjectType('OptimizationDataset')
export class OptimizationDatasetType implements OptimizationDataset {
  @Field(() => ID, { description: 'Global id of the MarketDataSet.' })
  id!: string;

  @Field(() => String)
  symbol!: string;

  @Field(() => String, { description: 'SHA-256 of the dataset at queue time.' })
  checksum!: string;
}

@ObjectType('SensitivityCell', { description: 'One neighbour of the best parameters: one parameter moved, scored on the train window.' })
export class SensitivityCellType {
  @Field(() => String)
  parameter!: string;

  @Field(() => Int, { description: 'Signed grid steps from the chosen value (0 for a changed categorical/boolean).' })
  offset!: number;

  @Field(() => String, { description: 'The neighbour’s value of `parameter`, as text.' })
  value!: string;

  @Field(() => Float, { nullable: true, description: 'Objective metric of the neighbour (null when undefined).' })
  score!: number | null;
}

@ObjectType('ParameterSensitivity', { description: 'How the objective holds around the best parameters (radius 2 grid steps).' })
export class ParameterSensitivityType {
  @Field(() => Float, { nullable: true, description: 'Objective at the best parameters.' })
  centerScore!: number | null;

  @Field(() => Float, { nullable: true })
  meanNeighborScore!: number | null;

  @Field(() => Float, { nullable: true })
  worstNeighborScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'meanNeighborScore / centerScore: near 1 = plateau, ≪ 1 = isolated peak.' })
  neighborhoodRatio!: number | null;

  @Field(() => [SensitivityCellType])
  cells!: SensitivityCellType[];
}

@ObjectType('OverfittingStatistics')
export class OverfittingStatisticsType {
  @Field(() => Float, { nullable: true, description: 'Probability of Backtest Overfitting (CSCV, 16 blocks), mean over segments, a probability 0–1.' })
  probabilityOfBacktestOverfitting!: number | null;

  @Field(() => Float, { nullable: true, description: 'Deflated Sharpe Ratio of the chosen trials given all trials, mean over segments, 0–1 (> 0.95 significant).' })
  deflatedSharpeRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'Probabilistic Sharpe Ratio (vs 0) of the stitched out-of-sample returns, 0–1.' })
  probabilisticSharpeRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'Stitched OOS CAGR ÷ mean in-sample CAGR (Pardo), mean over datasets; null when not defined (mean in-sample CAGR ≤ 0 on every dataset).' })
  walkForwardEfficiency!: number | null;

  @Field(() => Float, { nullable: true, description: 'Regime robustness: share of regimes with a positive OOS Sharpe, a fraction 0–1, mean over datasets.' })
  robustnessScore!: number | null;
}

@ObjectType('Optimization', { implements: NodeInterface, description: 'A walk-forward optimization of a strategy version over one or more datasets.' })
export class OptimizationType extends NodeInterface implements EntityFields<Optimization, 'strategyVersion' | 'parameterOverrides' | 'bestParameterConfig' | 'probabilityOfBacktestOverfitting' | 'deflatedSharpeRatio' | 'probabilisticSharpeRatio' | 'walkForwardEfficiency' | 'robustnessScore' | 'outOfSampleMetrics' | 'regimeMetrics' | 'sensitivity' | 'bestParameters'> {
  @Field(() => String, { description: 'The row UUID.' })
  databaseId!: string;

  @Field(() => OptimizationStatusEnum)
  status!: OptimizationStatus;

  @Field(() => SearchMethodEnum)
  searchMethod!: SearchMethod;

  @Field(() => Int, { description: 'Trials per walk-forward segment.' })
  trialBudget!: number;

  @Field(() => Float, { description: 'Search seed (32-bit); segment k searches with deriveSeed(seed, k).' })
  seed!: number;

  @Field(() => WalkForwardWindowsType)
  windows!: WalkForwardWindowsType;

  @Field(() => ObjectiveType)
  objective!: ObjectiveType;

  @Field(() => [OptimizationDatasetType])
  datasets!: OptimizationDatasetType[];

  @Field(() => ParameterSpaceType, { description: 'The searched parameter space (template space after overrides).' })
  parameterSpace!: ParameterSpaceType;

  @Field(() => String, { description: 'SHA-256 of the searched space and search settings.' })
  parameterChecksum!: string;

  @Field(() => Float, { description: 'Fee in basis points of traded notional.' })
  feeBps!: number;

  @Field(() => Float, { description: 'Slippage in basis points of traded notional.' })
  slippageBps!: number;

  @Field(() => Int)
  trialsCompleted!: number;

  @Field(() => Int, { description: 'Expected trials (segments × budget; exact once completed).' })
  trialsTotal!: number;

  @Field(() => Int)
  segmentsCompleted!: number;

  @Field(() => Int)
  segmentsTotal!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => String, { nullable: true })
  engineVersion!: string | null;

  @Field(() => [ParameterSettingType], { nullable: true, description: 'Best parameters, by name (null until completed).' })
  bestParameters!: ParameterSettingType[] | null;

  @Field(() => String)
  correlationId!: string;
}

@ObjectType('WalkForwardSegment', { implements: NodeInterface, description: 'One optimize-on-train, trade-on-test segment.' })
export class WalkForwardSegmentType extends NodeInterface implements EntityFields<WalkForwardSegment, 'optimization' | 'marketDataSet' | 'trainWindow' | 'testWindow' | 'parameterConfig' | 'outOfSampleTimestamps' | 'outOfSampleReturns' | 'trialReturnMatrix' | 'createdAt' | 'parameters'> {
  @Field(() => Int, { description: 'Position within its dataset’s walk-forward, from 0.' })
  segmentIndex!: number;

  @Field(() => Date, { description: 'First train bar open.' })
  trainStart!: Date;

  @Field(() => Date, { description: 'First test bar open (= end of the train window, exclusive).' })
  testStart!: Date;

  @Field(() => Date, { description: 'End of the test window (exclusive).' })
  testEnd!: Date;

  @Field(() => Float)
  seed!: number;

  @Field(() => [ParameterSettingType], { description: 'Parameters chosen on the train window, by name.' })
  parameters!: ParameterSettingType[];

  @Field(() => Boolean, { description: 'Whether the chosen trial met the constraints in-sample.' })
  feasible!: boolean;

  @Field(() => Int)
  trialCount!: number;

  @Field(() => BacktestMetricsType, { description: 'In-sample (train window) metrics of the chosen parameters.' })
  inSampleMetrics!: Record<string, number | null>;

  @Field(() => BacktestMetricsType, { description: 'Out-of-sample (test window) metrics of the chosen parameters.' })
  outOfSampleMetrics!: Record<string, number | null>;

  @Field(() => Float, { nullable: true, description: 'OOS CAGR ÷ IS CAGR; null when not defined (IS CAGR ≤ 0).' })
  walkForwardEfficiency!: number | null;

  @Field(() => Float, { nullable: true, description: 'Probability of Backtest Overfitting of this segment’s trials (CSCV, 16 blocks), a probability 0–1.' })
  probabilityOfBacktestOverfitting!: number | null;

  @Field(() => Float, { nullable: true, description: 'Deflated Sharpe Ratio of the chosen trial, 0–1.' })
  deflatedSharpeRatio!: number | null;

  @Field(() => Int, { description: 'Rows per trial in the stored PBO matrix.' })
  matrixRows!: number;

  @Field(() => Int, { description: 'Bars compounded into one matrix row.' })
  matrixGroupBars!: number;

  @Field(() => String)
  engineVersion!: string;

  @Field(() => String)
  datasetChecksum!: string;

  @Field(() => String, { description: 'Checksum of the chosen parameter config.' })
  parameterChecksum!: string;
}

@ObjectType('HyperparameterTrial', { implements: NodeInterface, description: 'One evaluated parameter point of a segment’s search.' })
export class HyperparameterTrialType extends NodeInterface implements EntityFields<HyperparameterTrial, 'strategyVersion' | 'marketDataSet' | 'parameterConfig' | 'trainWindow' | 'testWindow' | 'resultMetrics' | 'optimization' | 'segment' | 'createdAt' | 'parameters'> {
  @Field(() => Int, { nullable: true, description: 'Evaluation order within the segment, from 0.' })
  trialIndex!: number | null;

  @Field(() => Float, { description: 'Seed that drew this point.' })
  seed!: number;

  @Field(() => SearchMethodEnum)
  searchMethod!: SearchMethod;

  @Field(() => [ParameterSettingType], { description: 'The evaluated point, by name.' })
  parameters!: ParameterSettingType[];

  @Field(() => Boolean, { nullable: true, description: 'Met the objective’s constraints in-sample.' })
  feasible!: boolean | null;

  @Field(() => BacktestMetricsType, { nullable: true, description: 'In-sample (train window) metrics.' })
  inSampleMetrics!: Record<string, number | null> | null;

  @Field(() => BacktestMetricsType, { description: 'Out-of-sample (test window) metrics.' })
  outOfSampleMetrics!: Record<string, number | null>;

  @Field(() => Float, { nullable: true, description: 'Regime robustness: share of regimes (≥ 30 test bars) with a positive OOS Sharpe, a fraction 0–1.' })
  robustnessScore!: number | null;

  @Field(() => RegimeBandEnum, { nullable: true, description: 'Regime at the start of the test window.' })
  regimeBand!: RegimeBand | null;

  @Field(() => String, { nullable: true })
  engineVersion!: string | null;

  @Field(() => String, { nullable: true })
  datasetChecksum!: string | null;

  @Field(() => String, { nullable: true })
  parameterChecksum!: string | null;
}

@ObjectType('OptimizationProgress', { description: 'A progress event of an optimization.' })
export class OptimizationProgressType {
  @Field(() => ID, { description: 'Global id of the Optimization.' })
  optimizationId!: string;

  @Field(() => OptimizationStatusEnum)
  status!: string;

  @Field(() => Int)
  trialsCompleted!: number;

  @Field(() => Int)
  trialsTotal!: number;

  @Field(() => Int)
  segmentsCompleted!: number;

  @Field(() => Int)
  segmentsTotal!: number;

  @Field(() => Float, { description: 'trialsCompleted / trialsTotal, 0–1.' })
  fraction!: number;

  @Field(() => Float, { nullable: true, description: 'Best out-of-sample objective value among the segments stored so far.' })
  bestObjective!: number | null;

  @Field(() => Float, { nullable: true, description: 'Estimated seconds until completion (null when unknown).' })
  etaSeconds!: number | null;
}

export const OptimizationConnection = makeConnectionType('Optimization', OptimizationType);
export const HyperparameterTrialConnection = makeConnectionType('HyperparameterTrial', HyperparameterTrialType);
