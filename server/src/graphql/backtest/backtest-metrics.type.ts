import 'reflect-metadata';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { PerformanceMetrics } from '../../engine/index.ts';
import type { StoredMetrics } from '../../domain/backtest/backtest-run.entity.ts';
import type { StoredRegimeMetrics } from '../../domain/optimization/optimization-settings.ts';
import { RegimeBandEnum } from '../enums.ts';
import { readStoredMetric } from '../../services/backtest/stored-metrics.ts';

/**
 * One description per engine metric. Keyed by the engine's `PerformanceMetrics`, so a metric added to the
 * engine fails the typecheck here until it is documented and exposed.
 */
export const metricDescriptions: Readonly<Record<keyof PerformanceMetrics, string>> = {
  totalReturn: 'Total compounded return, fraction (0.05 = 5 %): ∏(1+r) − 1.',
  cagr: 'Compound annual growth rate, fraction; years = bars / periods per year (365 daily, 8760 hourly).',
  annualVolatility: 'Annualized sample standard deviation of per-bar returns (ddof 1), fraction.',
  sharpe: 'Sharpe ratio, annualized (√P), risk-free rate 0; arithmetic mean / sample std (empyrical).',
  sortino: 'Sortino ratio, annualized, MAR 0; downside risk over all observations (empyrical).',
  calmar: 'Calmar ratio: CAGR / |max drawdown| over the whole run.',
  maxDrawdown: 'Maximum drawdown, a negative fraction (−0.25 = 25 % fall from a peak), from starting capital.',
  maxDrawdownDurationBars: 'Longest time under water, in bars.',
  valueAtRisk: 'Historical value at risk at 95 %, per bar, negative fraction (5th percentile of returns).',
  conditionalValueAtRisk: 'Historical expected shortfall at 95 %, per bar, negative fraction.',
  tailRatio: 'Tail ratio |P95| / |P5| of per-bar returns, not annualized.',
  omega: 'Omega ratio at threshold 0, not annualized.',
  stability: 'Stability of the cumulative log-return curve: R² of a linear fit, 0–1.',
  downsideRisk: 'Annualized downside deviation below MAR 0, fraction.',
  winRate: 'Share of non-flat bars with a positive return (per bar, quantstats), fraction.',
  profitFactor: 'Sum of positive bar returns / |sum of negative bar returns| (per bar, quantstats).',
  payoffRatio: 'Mean winning bar return / |mean losing bar return| (per bar, quantstats).',
  tradeCount: 'Number of trades, open ones included.',
  exposure: 'Fraction of bars with a non-zero position.',
  turnover: 'Σ |traded notional| / equity at each fill over the run; one full-size round trip = 2. Not annualized.',
};

/** Metric names in display order. */
export const backtestMetricNames = Object.keys(metricDescriptions) as (keyof PerformanceMetrics)[];

/**
 * Metrics of a completed run, per research/metrics-conventions.md. A metric that is undefined for the run
 * (NaN or ±∞ from degenerate inputs, e.g. Sortino with no losing bar) is null here; the stored JSON keeps
 * "Infinity" / "-Infinity" to tell them apart.
 */
@ObjectType('BacktestMetrics', {
  description: 'Run metrics per research/metrics-conventions.md (empyrical/quantstats conventions). Null where undefined (NaN/±∞).',
})
export class BacktestMetricsType {}

for (const name of backtestMetricNames) {
  Field(() => Float, { nullable: true, description: metricDescriptions[name] })(BacktestMetricsType.prototype, name);
}

@ObjectType('MetricDefinition', { description: 'One BacktestMetrics field and what it means (unit and convention).' })
export class MetricDefinitionType {
  @Field(() => String, { description: 'The BacktestMetrics field name, e.g. sharpe.' })
  name!: string;

  @Field(() => String, { description: 'What the metric means: formula, unit, convention.' })
  description!: string;
}

/** Every BacktestMetrics field in display order with its description (the same text as the schema documentation). */
export const metricDefinitions: readonly MetricDefinitionType[] = backtestMetricNames.map((name) => ({ name, description: metricDescriptions[name] }));

/** Maps stored metrics to GraphQL values: finite numbers, or null. */
export function toMetricsValue(stored: StoredMetrics): Record<string, number | null> {
  return Object.fromEntries(
    backtestMetricNames.map((name) => {
      const value = readStoredMetric(stored, name);
      return [name, value !== undefined && Number.isFinite(value) ? value : null];
    }),
  );
}

@ObjectType('RegimeMetrics', {
  description: 'Metrics of the bars of one volatility regime (calm / neutral / turbulent); the return of bar t belongs to the regime labelled at bar t − 1.',
})
export class RegimeMetricsType {
  @Field(() => RegimeBandEnum)
  regime!: string;

  @Field(() => Int, { description: 'Bars attributed to the regime.' })
  barCount!: number;

  @Field(() => BacktestMetricsType, { description: 'Ratios annualize over the regime’s own bar count.' })
  metrics!: Record<string, number | null>;
}

/** Stored per-regime metrics as GraphQL values, in the stored band order. */
export function toRegimeMetricsValues(stored: StoredRegimeMetrics | null | undefined): RegimeMetricsType[] {
  return Object.entries(stored ?? {}).map(([regime, value]) => ({ regime, barCount: value.barCount, metrics: toMetricsValue(value.metrics) }));
}
