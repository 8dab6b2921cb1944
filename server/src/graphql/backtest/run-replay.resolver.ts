import 'reflect-metadata';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { RunReportAnalytics } from '../../engine/index.ts';
import type { RunReplay, TradeOrder } from '../../services/backtest/run-replay.service.ts';
import type { GraphQLContext } from '../context.ts';
import { BacktestRunType } from './backtest-run.type.ts';
import { PriceChartType, RunAnalyticsSeriesType, RunAnalyticsType, TradeOrderEnum, TradePageType } from './run-replay.type.ts';

type AnalyticsRoot = RunAnalyticsType & { source: { replay: RunReplay; analytics: RunReportAnalytics; benchmark: { equity: Float64Array | null } } };

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** "1 day", "1 hour", "5 minutes": one bar. */
function describeBar(barMs: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [ms, name] of units) if (barMs % ms === 0) return `${barMs / ms} ${name}${barMs === ms ? '' : 's'}`;
  return `${barMs} ms`;
}

/** Trades, price chart and report analytics of a completed run (the engine replays it; see RunReplayService). */
@Resolver(() => BacktestRunType)
export class RunReplayResolver {
  @FieldResolver(() => TradePageType, {
    description:
      'The run’s trades (round trips) replayed by the engine, sorted by `orderBy` (open trades last), `first` (1–1,000, default 200) from `offset`. Costs first × (selected fields + 1) toward the complexity limit. CONFLICT until the run completes, or when the replay does not reproduce the stored equity.',
  })
  async trades(
    @Root() root: BacktestRun,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 200 }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('orderBy', () => TradeOrderEnum, { defaultValue: 'entryTime' }) orderBy: TradeOrder,
    @Arg('descending', () => Boolean, { defaultValue: false }) descending: boolean,
  ): Promise<TradePageType> {
    const page = await ctx.services.runReplays.trades(root.id, { first, offset, orderBy, descending });
    return {
      totalCount: page.totalCount,
      items: page.rows.map((row) => ({ ...row, entryTime: new Date(row.entryTime), exitTime: row.exitTime === null ? null : new Date(row.exitTime) })),
    };
  }

  @FieldResolver(() => PriceChartType, {
    description:
      'Candles with volume of the run’s dataset and the strategy’s indicator series, at most `maxPoints` candles (10–20,000, default 1,000; consecutive bars merged). Costs maxPoints × (selected fields + 1) toward the complexity limit. CONFLICT as `trades`.',
  })
  async priceChart(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext, @Arg('maxPoints', () => Int, { defaultValue: 1000 }) maxPoints: number): Promise<PriceChartType> {
    const chart = await ctx.services.runReplays.chart(root.id, maxPoints);
    const column = (key: 'time' | 'open' | 'high' | 'low' | 'close' | 'volume') => chart.candles.map((candle) => candle[key]);
    return {
      barsPerCandle: chart.step,
      candleMs: chart.step * chart.barMs,
      time: column('time'),
      open: column('open'),
      high: column('high'),
      low: column('low'),
      close: column('close'),
      volume: column('volume'),
      indicators: chart.indicators,
    };
  }

  @FieldResolver(() => RunAnalyticsType, { description: 'Report analytics: monthly returns, buy-and-hold overlay, rolling Sharpe and volatility, return distribution, sample-length warning. CONFLICT as `trades`.' })
  async analytics(@Root() root: BacktestRun, @Ctx() ctx: GraphQLContext): Promise<AnalyticsRoot> {
    const source = await ctx.services.runReplays.analytics(root.id);
    const { replay, analytics } = source;
    const durationBars = root.metrics?.maxDrawdownDurationBars;
    return {
      source,
      benchmarkDescription: source.benchmark.description,
      sampleYears: analytics.sampleYears,
      shortSampleWarning: analytics.shortSample
        ? `The sample is ${Math.round(analytics.sampleYears * 365)} days long: annualized figures (CAGR, volatility, Sharpe, Sortino, Calmar) extrapolate less than a year of data.`
        : null,
      periodsPerYear: replay.periodsPerYear,
      barMs: replay.barMs,
      valueAtRiskHorizon: describeBar(replay.barMs),
      maxDrawdownDurationMs: typeof durationBars === 'number' && Number.isFinite(durationBars) ? durationBars * replay.barMs : null,
      rollingWindowBars: analytics.rollingWindowBars,
      rollingWindowMs: analytics.rollingWindowMs,
      monthlyReturns: analytics.monthlyReturns,
      returnDistribution: analytics.returnDistribution,
    };
  }
}

/** The analytics' time series, thinned on request. */
@Resolver(() => RunAnalyticsType)
export class RunAnalyticsResolver {
  @FieldResolver(() => RunAnalyticsSeriesType, { description: 'At most `maxPoints` points (10–5,000, default 1,000), thinned evenly keeping the last bar. Costs maxPoints × (selected fields + 1) toward the complexity limit.' })
  series(@Root() root: AnalyticsRoot, @Arg('maxPoints', () => Int, { defaultValue: 1000 }) maxPoints: number): RunAnalyticsSeriesType {
    if (!Number.isInteger(maxPoints) || maxPoints < 10 || maxPoints > 5000) throw new ValidationError('maxPoints must be a whole number from 10 to 5000', 'maxPoints');
    const { replay, analytics } = root.source;
    const length = replay.frame.length;
    const step = Math.max(1, Math.ceil(length / maxPoints));
    const indexes: number[] = [];
    for (let index = length - 1; index >= 0; index -= step) indexes.push(index);
    indexes.reverse();
    return {
      time: indexes.map((index) => replay.frame.timestamp[index]),
      equity: indexes.map((index) => replay.result.equity[index]),
      buyAndHoldEquity: indexes.map((index) => analytics.buyAndHoldEquity[index]),
      rollingSharpe: indexes.map((index) => finite(analytics.rollingSharpe[index])),
      rollingVolatility: indexes.map((index) => finite(analytics.rollingVolatility[index])),
      benchmarkEquity: indexes.map((index) => (root.source.benchmark.equity ? finite(root.source.benchmark.equity[index]) : null)),
    };
  }
}
