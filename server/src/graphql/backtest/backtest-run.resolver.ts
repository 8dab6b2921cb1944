import 'reflect-metadata';
import { wrap } from '@mikro-orm/postgresql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  Float,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import type { BacktestRunStatus } from '../../domain/backtest/backtest-run.lifecycle.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { GraphQLContext } from '../context.ts';
import { BacktestRunStatusEnum } from '../enums.ts';
import { MarketDataSetType } from '../market-data/market-data-set.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { ParameterConfigType, StrategyType, StrategyVersionType } from '../strategy/strategy.type.ts';
import { ParameterSettingInput } from '../strategy/parameter-space.type.ts';
import { fromParameterSettings } from '../../domain/strategy/parameter-setting.ts';
import { BacktestMetricsType, MetricDefinitionType, RegimeMetricsType, metricDefinitions, toMetricsValue, toRegimeMetricsValues } from './backtest-metrics.type.ts';
import { BacktestRunConnection, BacktestRunType, EquityPointType } from './backtest-run.type.ts';

@ArgsType()
class BacktestRunsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => BacktestRunStatusEnum, { nullable: true })
  status?: BacktestRunStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only runs of this strategy.' })
  strategyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only runs of this strategy version.' })
  strategyVersionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only runs on this dataset.' })
  marketDataSetId?: string | null;
}

@InputType('QueueBacktestInput')
class QueueBacktestInput {
  @Field(() => ID)
  strategyVersionId!: string;

  @Field(() => ID, { description: 'A certified dataset.' })
  marketDataSetId!: string;

  @Field(() => [ParameterSettingInput], {
    nullable: true,
    description: 'Template parameters, e.g. [{ name: "fastPeriod", value: 20 }, { name: "slowPeriod", value: 50 }]; each name at most once; missing ones take defaults.',
  })
  parameters?: ParameterSettingInput[] | null;

  @Field(() => Float, { nullable: true, description: 'Fee in basis points of traded notional (default 10).' })
  feeBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Slippage in basis points of traded notional (default 5).' })
  slippageBps?: number | null;
}

@ObjectType('QueueBacktestPayload')
class QueueBacktestPayload {
  @Field(() => BacktestRunType)
  backtestRun!: BacktestRun;
}

@InputType('CancelBacktestInput')
class CancelBacktestInput {
  @Field(() => ID)
  backtestRunId!: string;

  @Field(() => String, { description: 'Why it is cancelled (audited; stored in failureReason).' })
  reason!: string;
}

@ObjectType('CancelBacktestPayload')
class CancelBacktestPayload {
  @Field(() => BacktestRunType, { description: 'The run, CANCELLED.' })
  backtestRun!: BacktestRun;
}

@Resolver(() => BacktestRunType)
export class BacktestRunResolver {
  @Query(() => BacktestRunConnection, { description: 'Backtest runs, newest first.' })
  async backtestRuns(@Args(() => BacktestRunsArgs) args: BacktestRunsArgs, @Ctx() ctx: GraphQLContext) {
    const page = await ctx.services.backtests.list(args, {
      status: args.status,
      strategyId: args.strategyId ? parseId(args.strategyId, 'Strategy', 'strategyId') : null,
      strategyVersionId: args.strategyVersionId ? parseId(args.strategyVersionId, 'StrategyVersion', 'strategyVersionId') : null,
      marketDataSetId: args.marketDataSetId ? parseId(args.marketDataSetId, 'MarketDataSet', 'marketDataSetId') : null,
    });
    return toConnection(page);
  }

  @Query(() => [MetricDefinitionType], { description: 'Every BacktestMetrics field in display order and what it means (unit, convention), for clients that show metric help.' })
  metricDefinitions() {
    return metricDefinitions;
  }

  @Query(() => BacktestRunType)
  async backtestRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.backtests.get(parseId(id, 'BacktestRun'));
  }

  @Mutation(() => QueueBacktestPayload, { description: 'Queues a backtest; a worker runs it and `backtestRunUpdated` reports each status change.' })
  async queueBacktest(@Arg('input', () => QueueBacktestInput) input: QueueBacktestInput, @Ctx() ctx: GraphQLContext) {
    const backtestRun = await ctx.services.backtests.queue({
      ...input,
      parameters: input.parameters ? fromParameterSettings(input.parameters) : null,
      strategyVersionId: parseId(input.strategyVersionId, 'StrategyVersion', 'strategyVersionId'),
      marketDataSetId: parseId(input.marketDataSetId, 'MarketDataSet', 'marketDataSetId'),
      triggerType: 'manual',
    });
    return { backtestRun };
  }

  @Mutation(() => CancelBacktestPayload, {
    description:
      'Cancels a QUEUED or RUNNING backtest: it ends CANCELLED at once; a running worker stops at its next checkpoint and stores no results. CONFLICT when it already ended.',
  })
  async cancelBacktest(@Arg('input', () => CancelBacktestInput) input: CancelBacktestInput, @Ctx() ctx: GraphQLContext) {
    return { backtestRun: await ctx.services.backtests.cancel(parseId(input.backtestRunId, 'BacktestRun', 'backtestRunId'), input.reason) };
  }

  @Subscription(() => BacktestRunType, {
    topics: 'BACKTEST_RUN_UPDATED',
    description: 'Every status change of a backtest run (or of the run `id`), from any worker, on any server replica.',
    filter: ({ payload, args }: { payload: EventDelivery<'BACKTEST_RUN_UPDATED'>; args: { id?: string | null } }) =>
      !args.id || payload.payload.id === parseId(args.id, 'BacktestRun'),
  })
  async backtestRunUpdated(
    @Root() delivery: EventDelivery<'BACKTEST_RUN_UPDATED'>,
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { nullable: true }) _id?: string | null,
  ) {
    return ctx.services.events.asOfEvent<BacktestRun>('BacktestRun', delivery);
  }

  @FieldResolver(() => ID)
  id(@Root() root: BacktestRun) {
    return toGlobalId('BacktestRun', root.id);
  }

  @FieldResolver(() => String)
  databaseId(@Root() root: BacktestRun) {
    return root.id;
  }

  @FieldResolver(() => BacktestMetricsType, { nullable: true, description: 'Null until the run completes.' })
  metrics(@Root() root: BacktestRun) {
    return root.metrics ? toMetricsValue(root.metrics) : null;
  }

  @FieldResolver(() => [RegimeMetricsType], {
    description: 'Metrics per volatility regime (regime-specific backtest, lifecycle-spec FR-008); empty until completed.',
  })
  regimeMetrics(@Root() root: BacktestRun) {
    return toRegimeMetricsValues(root.regimeMetrics);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Wall time from start to end of the computation, milliseconds.' })
  durationMs(@Root() root: BacktestRun) {
    return root.startedAt && root.completedAt ? root.completedAt.getTime() - root.startedAt.getTime() : null;
  }

  @FieldResolver(() => MarketDataSetType)
  async marketDataSet(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext) {
    // Loaded with the list's page (backtestRuns); read by id otherwise.
    return wrap(root.marketDataSet).isInitialized() ? root.marketDataSet : ctx.services.marketData.get(root.marketDataSet.id);
  }

  @FieldResolver(() => StrategyVersionType)
  async strategyVersion(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext) {
    return wrap(root.strategyVersion).isInitialized() ? root.strategyVersion : ctx.services.strategies.getVersion(root.strategyVersion.id);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext) {
    const version = wrap(root.strategyVersion).isInitialized() ? root.strategyVersion : await ctx.services.strategies.getVersion(root.strategyVersion.id);
    return wrap(version.strategy).isInitialized() ? version.strategy : ctx.services.strategies.get(version.strategy.id);
  }

  @FieldResolver(() => ParameterConfigType)
  async parameterConfig(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext) {
    return wrap(root.parameterConfig).isInitialized() ? root.parameterConfig : ctx.services.backtests.parameterConfig(root.parameterConfig.id);
  }

  @FieldResolver(() => [EquityPointType], { description: 'Equity and drawdown curve, downsampled to at most `maxPoints` (4–100000), keeping peaks and troughs. Costs maxPoints × (selected fields + 1) toward the complexity limit (GRAPHQL_MAX_COMPLEXITY).' })
  async equityCurve(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext, @Arg('maxPoints', () => Int, { defaultValue: 1000 }) maxPoints: number) {
    const points = await ctx.services.backtests.equityCurve(root.id, maxPoints);
    return points.map((point) => ({ ...point, timestamp: new Date(point.timestamp) }));
  }
}
