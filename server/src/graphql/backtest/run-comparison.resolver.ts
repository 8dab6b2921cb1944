import 'reflect-metadata';
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toGlobalId } from '../relay.ts';
import { backtestMetricNames, toMetricsValue } from './backtest-metrics.type.ts';
import { BacktestRunType } from './backtest-run.type.ts';

@ObjectType('ComparedMetric', { description: 'One metric across the compared runs (see BacktestMetrics for its unit).' })
class ComparedMetricType {
  @Field(() => String, { description: 'Metric name as in BacktestMetrics, e.g. `sharpe`.' })
  metric!: string;

  @Field(() => [Float], { nullable: 'items', description: 'Value per run, in the order of `runs`; null when undefined or not completed.' })
  values!: (number | null)[];
}

@ObjectType('ComparedEquitySeries')
class ComparedEquitySeriesType {
  @Field(() => ID, { description: 'Global id of the run.' })
  runId!: string;

  @Field(() => [Float], { nullable: 'items', description: 'Equity (start 1.0) at each of `timestamps`; null before the run’s first bar.' })
  equity!: (number | null)[];
}

@ObjectType('RunComparison', { description: 'Side-by-side comparison of backtest runs: a metrics table and equity curves on one time axis.' })
class RunComparisonType {
  @Field(() => [BacktestRunType])
  runs!: BacktestRun[];

  @Field(() => [ComparedMetricType])
  metrics!: ComparedMetricType[];

  @Field(() => [Date], { description: 'Shared time axis: the union of the runs’ bar times, evenly thinned to `maxPoints`.' })
  timestamps!: Date[];

  @Field(() => [ComparedEquitySeriesType])
  equity!: ComparedEquitySeriesType[];
}

@Resolver()
export class RunComparisonResolver {
  @Query(() => RunComparisonType, { description: 'Compares 1–8 backtest runs side by side.' })
  async compareBacktestRuns(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: GraphQLContext,
    @Arg('maxPoints', () => Int, { defaultValue: 500, description: 'Most points of the shared time axis (4–10000); counted toward the complexity limit (GRAPHQL_MAX_COMPLEXITY).' }) maxPoints: number,
  ) {
    const comparison = await ctx.services.runComparisons.compare(
      ids.map((id) => parseId(id, 'BacktestRun', 'ids')),
      maxPoints,
    );
    const tables = comparison.runs.map((run) => (run.metrics ? toMetricsValue(run.metrics) : null));
    return {
      runs: comparison.runs,
      metrics: backtestMetricNames.map((metric) => ({ metric, values: tables.map((table) => table?.[metric] ?? null) })),
      timestamps: comparison.equity.timestamps.map((time) => new Date(time)),
      equity: comparison.runs.map((run, index) => ({ runId: toGlobalId('BacktestRun', run.id), equity: comparison.equity.series[index]! })),
    };
  }
}
