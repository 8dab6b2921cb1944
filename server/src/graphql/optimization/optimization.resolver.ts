import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import type { HyperparameterTrial } from '../../domain/optimization/hyperparameter-trial.entity.ts';
import type { Optimization } from '../../domain/optimization/optimization.entity.ts';
import type { OptimizationStatus } from '../../domain/optimization/optimization.lifecycle.ts';
import type { ObjectiveSpec, ParameterOverride } from '../../domain/optimization/optimization-settings.ts';
import type { SearchMethod } from '../../domain/optimization/search-method.ts';
import type { WalkForwardSegment } from '../../domain/optimization/walk-forward-segment.entity.ts';
import type { Services } from '../../services/create-services.ts';
import { EquityPointType } from '../backtest/backtest-run.type.ts';
import { BacktestMetricsType, RegimeMetricsType, toMetricsValue, toRegimeMetricsValues } from '../backtest/backtest-metrics.type.ts';
import type { GraphQLContext } from '../context.ts';
import { MarketDataSetType } from '../market-data/market-data-set.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { ParameterConfigType, StrategyVersionType } from '../strategy/strategy.type.ts';
import { ParameterSettingType } from '../strategy/parameter-space.type.ts';
import { toParameterSettings, type ParameterSetting } from '../../domain/strategy/parameter-setting.ts';
import { TrialAnalysisType } from './trial-analysis.type.ts';
import { ComparisonOperatorEnum, ObjectiveDirectionEnum, ObjectiveMetricEnum, OptimizationStatusEnum, SearchMethodEnum, WalkForwardSchemeEnum, WindowUnitEnum } from './optimization-enums.ts';
import {
  HyperparameterTrialConnection,
  HyperparameterTrialType,
  OptimizationConnection,
  OptimizationDatasetType,
  OptimizationProgressType,
  OptimizationType,
  OverfittingStatisticsType,
  ParameterSensitivityType,
  WalkForwardSegmentType,
} from './optimization.type.ts';

@ArgsType()
class OptimizationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => OptimizationStatusEnum, { nullable: true })
  status?: OptimizationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only optimizations of this strategy version.' })
  strategyVersionId?: string | null;
}

@InputType('WalkForwardWindowsInput')
class WalkForwardWindowsInput {
  @Field(() => WalkForwardSchemeEnum, { defaultValue: 'rolling' })
  scheme!: 'rolling' | 'anchored';

  @Field(() => WindowUnitEnum, { defaultValue: 'bars' })
  unit!: 'bars' | 'milliseconds';

  @Field(() => Float, { description: 'Train window size, in `unit` (whole bars, or ms).' })
  trainSize!: number;

  @Field(() => Float, { description: 'Test window size, in `unit`.' })
  testSize!: number;

  @Field(() => Float, { nullable: true, description: 'Distance between window starts, ≥ testSize (default testSize).' })
  stepSize?: number | null;
}

@InputType('MetricConstraintInput')
class MetricConstraintInput {
  @Field(() => ObjectiveMetricEnum)
  metric!: string;

  @Field(() => ComparisonOperatorEnum)
  operator!: '>=' | '<=' | '>' | '<';

  @Field(() => Float, { description: 'Threshold in the metric’s unit (fractions for returns and drawdowns: −0.25 = −25 %).' })
  value!: number;
}

@InputType('ObjectiveInput', { description: 'e.g. maximize SHARPE subject to MAX_DRAWDOWN ≥ −0.25.' })
class ObjectiveInput {
  @Field(() => ObjectiveMetricEnum)
  metric!: string;

  @Field(() => ObjectiveDirectionEnum, { defaultValue: 'maximize' })
  direction!: 'maximize' | 'minimize';

  @Field(() => [MetricConstraintInput], { defaultValue: [] })
  constraints!: MetricConstraintInput[];
}

@InputType('ParameterOverrideInput', { description: 'Narrows one template parameter (numbers stay within the template bounds).' })
class ParameterOverrideInput {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;

  @Field(() => Float, { nullable: true, description: 'Grid step (> 0; whole for integer parameters).' })
  step?: number | null;

  @Field(() => [String], { nullable: true, description: 'Allowed choices of a categorical/boolean parameter, as text ("true", "false" for booleans).' })
  choices?: string[] | null;
}

@InputType('QueueOptimizationInput')
class QueueOptimizationInput {
  @Field(() => ID, { description: 'The strategy version whose template is searched.' })
  strategyVersionId!: string;

  @Field(() => [ID], { description: '1–5 certified datasets; each gets its own walk-forward.' })
  marketDataSetIds!: string[];

  @Field(() => [ParameterOverrideInput], { nullable: true })
  parameterOverrides?: ParameterOverrideInput[] | null;

  @Field(() => SearchMethodEnum)
  searchMethod!: SearchMethod;

  @Field(() => Int, { description: 'Trials per walk-forward segment, 1–1000.' })
  trialBudget!: number;

  @Field(() => Float, { nullable: true, description: 'Search seed, 0 ≤ seed < 2³² (default: the version’s deterministic seed).' })
  seed?: number | null;

  @Field(() => WalkForwardWindowsInput)
  windows!: WalkForwardWindowsInput;

  @Field(() => ObjectiveInput)
  objective!: ObjectiveInput;

  @Field(() => Float, { nullable: true, description: 'Fee in basis points of traded notional (default 10).' })
  feeBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Slippage in basis points of traded notional (default 5).' })
  slippageBps?: number | null;
}

@InputType('CancelOptimizationInput')
class CancelOptimizationInput {
  @Field(() => ID)
  optimizationId!: string;

  @Field(() => String, { description: 'Why it is cancelled (required; audited).' })
  reason!: string;
}

@ObjectType('QueueOptimizationPayload')
class QueueOptimizationPayload {
  @Field(() => OptimizationType)
  optimization!: Optimization;
}

const rangeBounds = (range: string): [Date, Date] => {
  const [from, to] = range.replace(/^[[(]|[\])]$/g, '').split(',').map((part) => new Date(part.replace(/"/g, '').trim()));
  return [from!, to!];
};

function parseOverride(input: ParameterOverrideInput): ParameterOverride {
  const override: ParameterOverride = { name: input.name };
  if (input.min !== null && input.min !== undefined) override.min = input.min;
  if (input.max !== null && input.max !== undefined) override.max = input.max;
  if (input.step !== null && input.step !== undefined) override.step = input.step;
  if (input.choices) override.choices = input.choices.map((choice) => (choice === 'true' ? true : choice === 'false' ? false : Number.isFinite(Number(choice)) && choice.trim() !== '' ? Number(choice) : choice));
  return override;
}

async function toProgress(services: Services, optimization: Optimization) {
  return toProgressValue(optimization, await services.optimizations.progress(optimization));
}

/** Progress of `optimization` given its best objective so far and ETA (seconds; null when unknown). */
function toProgressValue(optimization: Optimization, progress: { bestObjective: number | null; etaSeconds: number | null }) {
  return {
    optimizationId: toGlobalId('Optimization', optimization.id),
    status: optimization.status,
    trialsCompleted: optimization.trialsCompleted,
    trialsTotal: optimization.trialsTotal,
    segmentsCompleted: optimization.segmentsCompleted,
    segmentsTotal: optimization.segmentsTotal,
    fraction: optimization.trialsTotal > 0 ? Math.min(1, optimization.trialsCompleted / optimization.trialsTotal) : optimization.status === 'completed' ? 1 : 0,
    bestObjective: progress.bestObjective,
    etaSeconds: optimization.status === 'running' ? progress.etaSeconds : null,
  };
}

@Resolver(() => OptimizationType)
export class OptimizationResolver {
  @Query(() => OptimizationConnection, { description: 'Walk-forward optimizations, newest first.' })
  async optimizations(@Args(() => OptimizationsArgs) args: OptimizationsArgs, @Ctx() ctx: GraphQLContext) {
    const page = await ctx.services.optimizations.list(args, {
      status: args.status,
      strategyVersionId: args.strategyVersionId ? parseId(args.strategyVersionId, 'StrategyVersion', 'strategyVersionId') : null,
    });
    return toConnection(page);
  }

  @Query(() => OptimizationType)
  async optimization(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.optimizations.get(parseId(id, 'Optimization'));
  }

  @Mutation(() => QueueOptimizationPayload, { description: 'Queues a walk-forward optimization; a worker runs it and `optimizationProgress` reports progress.' })
  async queueOptimization(@Arg('input', () => QueueOptimizationInput) input: QueueOptimizationInput, @Ctx() ctx: GraphQLContext) {
    const objective: ObjectiveSpec = {
      metric: input.objective.metric,
      direction: input.objective.direction,
      constraints: input.objective.constraints.map((constraint) => ({ metric: constraint.metric, operator: constraint.operator, value: constraint.value })),
    };
    const optimization = await ctx.services.optimizations.queue({
      strategyVersionId: parseId(input.strategyVersionId, 'StrategyVersion', 'strategyVersionId'),
      marketDataSetIds: input.marketDataSetIds.map((id) => parseId(id, 'MarketDataSet', 'marketDataSetIds')),
      parameterOverrides: input.parameterOverrides?.map(parseOverride) ?? null,
      searchMethod: input.searchMethod,
      trialBudget: input.trialBudget,
      seed: input.seed,
      windows: { scheme: input.windows.scheme, unit: input.windows.unit, trainSize: input.windows.trainSize, testSize: input.windows.testSize, stepSize: input.windows.stepSize },
      objective,
      feeBps: input.feeBps,
      slippageBps: input.slippageBps,
    });
    return { optimization };
  }

  @Mutation(() => QueueOptimizationPayload, {
    description:
      'Cancels a QUEUED or RUNNING optimization: it ends CANCELLED at once; a running worker stops before its next segment. Segments already stored stay readable. CONFLICT when it already ended.',
  })
  async cancelOptimization(@Arg('input', () => CancelOptimizationInput) input: CancelOptimizationInput, @Ctx() ctx: GraphQLContext) {
    const optimization = await ctx.services.optimizations.cancel(parseId(input.optimizationId, 'Optimization', 'optimizationId'), input.reason);
    return { optimization };
  }

  @Subscription(() => OptimizationProgressType, {
    topics: 'OPTIMIZATION_PROGRESS',
    description: 'Progress of the optimization `id` (trials done / total, best so far, ETA), from any worker, on any server replica.',
    filter: ({ payload, args }: { payload: EventDelivery<'OPTIMIZATION_PROGRESS'>; args: { id: string } }) => payload.payload.id === parseId(args.id, 'Optimization'),
  })
  async optimizationProgress(@Root() delivery: EventDelivery<'OPTIMIZATION_PROGRESS'>, @Ctx() ctx: GraphQLContext, @Arg('id', () => ID) _id: string) {
    const optimization = await ctx.services.events.asOfEvent<Optimization>('Optimization', delivery);
    return toProgressValue(optimization, { bestObjective: delivery.payload.bestObjective, etaSeconds: delivery.payload.etaSeconds });
  }

  @FieldResolver(() => ID)
  id(@Root() root: Optimization) {
    return toGlobalId('Optimization', root.id);
  }

  @FieldResolver(() => String)
  databaseId(@Root() root: Optimization) {
    return root.id;
  }

  @FieldResolver(() => [ParameterSettingType], { nullable: true })
  bestParameters(@Root() root: Optimization): ParameterSetting[] | null {
    return root.bestParameters ? toParameterSettings(root.bestParameters) : null;
  }

  @FieldResolver(() => [OptimizationDatasetType])
  datasets(@Root() root: Optimization) {
    return root.datasets.map((dataset) => ({ ...dataset, id: toGlobalId('MarketDataSet', dataset.id) }));
  }

  @FieldResolver(() => [MarketDataSetType])
  async marketDataSets(@Root() root: Optimization, @Ctx() ctx: GraphQLContext) {
    return Promise.all(root.datasets.map((dataset) => ctx.services.marketData.get(dataset.id)));
  }

  @FieldResolver(() => StrategyVersionType)
  async strategyVersion(@Root() root: Optimization, @Ctx() ctx: GraphQLContext) {
    return ctx.services.strategies.getVersion(root.strategyVersion.id);
  }

  @FieldResolver(() => ParameterConfigType, { nullable: true, description: 'The best parameters as a config (source OPTIMIZATION); null until completed.' })
  async bestParameterConfig(@Root() root: Optimization, @Ctx() ctx: GraphQLContext) {
    return root.bestParameterConfig ? ctx.services.backtests.parameterConfig(root.bestParameterConfig.id) : null;
  }

  @FieldResolver(() => OptimizationProgressType)
  async progress(@Root() root: Optimization, @Ctx() ctx: GraphQLContext) {
    return toProgress(ctx.services, root);
  }

  @FieldResolver(() => OverfittingStatisticsType, { nullable: true, description: 'Null until completed.' })
  overfitting(@Root() root: Optimization) {
    if (root.status !== 'completed') return null;
    return {
      probabilityOfBacktestOverfitting: root.probabilityOfBacktestOverfitting ?? null,
      deflatedSharpeRatio: root.deflatedSharpeRatio ?? null,
      probabilisticSharpeRatio: root.probabilisticSharpeRatio ?? null,
      walkForwardEfficiency: root.walkForwardEfficiency ?? null,
      robustnessScore: root.robustnessScore ?? null,
    };
  }

  @FieldResolver(() => BacktestMetricsType, { nullable: true, description: 'Metrics of the stitched out-of-sample series of the first dataset; null until completed.' })
  outOfSampleMetrics(@Root() root: Optimization) {
    return root.outOfSampleMetrics ? toMetricsValue(root.outOfSampleMetrics) : null;
  }

  @FieldResolver(() => [RegimeMetricsType], { description: 'Stitched out-of-sample metrics per volatility regime (first dataset); empty until completed.' })
  regimeMetrics(@Root() root: Optimization) {
    return toRegimeMetricsValues(root.regimeMetrics);
  }

  @FieldResolver(() => ParameterSensitivityType, { nullable: true, description: 'Parameter sensitivity around the best parameters; null until completed.' })
  sensitivity(@Root() root: Optimization) {
    if (!root.sensitivity) return null;
    return { ...root.sensitivity, cells: root.sensitivity.cells.map((cell) => ({ ...cell, value: String(cell.value) })) };
  }

  @FieldResolver(() => [WalkForwardSegmentType], { description: 'Stored segments, dataset by dataset in order.' })
  async segments(@Root() root: Optimization, @Ctx() ctx: GraphQLContext) {
    return ctx.services.optimizations.segments(root);
  }

  @FieldResolver(() => HyperparameterTrialConnection, { description: 'Trials, newest first (optionally of one segment).' })
  async trials(
    @Root() root: Optimization,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('segmentId', () => ID, { nullable: true }) segmentId?: string | null,
  ) {
    const page = await ctx.services.optimizations.trials(root.id, { first, after }, segmentId ? parseId(segmentId, 'WalkForwardSegment', 'segmentId') : null);
    return toConnection(page);
  }

  @FieldResolver(() => TrialAnalysisType, { description: 'Trials in run order with parameter importance (optionally of one segment); costs 100 toward the complexity limit.', complexity: 100 })
  async trialAnalysis(@Root() root: Optimization, @Ctx() ctx: GraphQLContext, @Arg('segmentId', () => ID, { nullable: true }) segmentId?: string | null) {
    const analysis = await ctx.services.optimizations.trialAnalysis(root, segmentId ? parseId(segmentId, 'WalkForwardSegment', 'segmentId') : null);
    return {
      ...analysis,
      trials: analysis.trials.map((trial) => ({
        ...trial,
        segmentId: toGlobalId('WalkForwardSegment', trial.segmentId),
        marketDataSetId: toGlobalId('MarketDataSet', trial.marketDataSetId),
        parameters: toParameterSettings(trial.parameters),
      })),
    };
  }

  @FieldResolver(() => [EquityPointType], { description: 'Stitched out-of-sample equity (start 1.0) and drawdown of one dataset (default the first), downsampled to at most `maxPoints` (4–100000). Costs maxPoints × (selected fields + 1) toward the complexity limit (GRAPHQL_MAX_COMPLEXITY).' })
  async outOfSampleEquity(
    @Root() root: Optimization,
    @Ctx() ctx: GraphQLContext,
    @Arg('maxPoints', () => Int, { defaultValue: 1000 }) maxPoints: number,
    @Arg('marketDataSetId', () => ID, { nullable: true }) marketDataSetId?: string | null,
  ) {
    const points = await ctx.services.optimizations.outOfSampleEquity(root, maxPoints, marketDataSetId ? parseId(marketDataSetId, 'MarketDataSet', 'marketDataSetId') : null);
    return points.map((point) => ({ ...point, timestamp: new Date(point.timestamp) }));
  }
}

@Resolver(() => WalkForwardSegmentType)
export class WalkForwardSegmentResolver {
  @FieldResolver(() => ID)
  id(@Root() root: WalkForwardSegment) {
    return toGlobalId('WalkForwardSegment', root.id);
  }

  @FieldResolver(() => Date)
  trainStart(@Root() root: WalkForwardSegment) {
    return rangeBounds(root.trainWindow)[0];
  }

  @FieldResolver(() => Date)
  testStart(@Root() root: WalkForwardSegment) {
    return rangeBounds(root.testWindow)[0];
  }

  @FieldResolver(() => Date)
  testEnd(@Root() root: WalkForwardSegment) {
    return rangeBounds(root.testWindow)[1];
  }

  @FieldResolver(() => [ParameterSettingType])
  parameters(@Root() root: WalkForwardSegment): ParameterSetting[] {
    return toParameterSettings(root.parameters);
  }

  @FieldResolver(() => BacktestMetricsType)
  inSampleMetrics(@Root() root: WalkForwardSegment) {
    return toMetricsValue(root.inSampleMetrics);
  }

  @FieldResolver(() => BacktestMetricsType)
  outOfSampleMetrics(@Root() root: WalkForwardSegment) {
    return toMetricsValue(root.outOfSampleMetrics);
  }

  @FieldResolver(() => MarketDataSetType)
  async marketDataSet(@Root() root: WalkForwardSegment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.marketData.get(root.marketDataSet.id);
  }

  @FieldResolver(() => ParameterConfigType)
  async parameterConfig(@Root() root: WalkForwardSegment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.backtests.parameterConfig(root.parameterConfig.id);
  }
}

@Resolver(() => HyperparameterTrialType)
export class HyperparameterTrialResolver {
  @FieldResolver(() => ID)
  id(@Root() root: HyperparameterTrial) {
    return toGlobalId('HyperparameterTrial', root.id);
  }

  @FieldResolver(() => [ParameterSettingType])
  parameters(@Root() root: HyperparameterTrial): ParameterSetting[] {
    return toParameterSettings(root.parameters);
  }

  @FieldResolver(() => BacktestMetricsType)
  outOfSampleMetrics(@Root() root: HyperparameterTrial) {
    return toMetricsValue(root.resultMetrics);
  }

  @FieldResolver(() => BacktestMetricsType, { nullable: true })
  inSampleMetrics(@Root() root: HyperparameterTrial) {
    return root.inSampleMetrics ? toMetricsValue(root.inSampleMetrics) : null;
  }
}
