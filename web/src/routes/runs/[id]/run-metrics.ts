import type { RunDetailFragment } from '#lib/gql/graphql.ts';

type Metrics = NonNullable<RunDetailFragment['metrics']>;

/** How a metric is shown: a fraction as %, a ratio to 2 decimals, a count, or a number of bars. */
export type MetricKind = 'percent' | 'ratio' | 'count' | 'bars';

export interface MetricDefinition {
  key: keyof Metrics;
  label: string;
  kind: MetricKind;
  /** Tint positive green and negative red. */
  colored: boolean;
}

export interface MetricGroup {
  title: string;
  metrics: MetricDefinition[];
}

function metric(key: keyof Metrics, label: string, kind: MetricKind, colored = false): MetricDefinition {
  return { key, label, kind, colored };
}

/** Every metric of `BacktestMetrics`, grouped as a quant reads them; what each means comes from the `metricDefinitions` query. */
export const metricGroups: MetricGroup[] = [
  {
    title: 'Returns',
    metrics: [
      metric('totalReturn', 'Total return', 'percent', true),
      metric('cagr', 'CAGR', 'percent', true),
      metric('annualVolatility', 'Annual volatility', 'percent'),
      metric('stability', 'Stability', 'ratio'),
    ],
  },
  {
    title: 'Risk-adjusted',
    metrics: [
      metric('sharpe', 'Sharpe', 'ratio', true),
      metric('sortino', 'Sortino', 'ratio', true),
      metric('calmar', 'Calmar', 'ratio', true),
      metric('omega', 'Omega', 'ratio'),
    ],
  },
  {
    title: 'Drawdown and tail',
    metrics: [
      metric('maxDrawdown', 'Max drawdown', 'percent', true),
      metric('maxDrawdownDurationBars', 'Longest drawdown', 'bars'),
      metric('downsideRisk', 'Downside risk', 'percent'),
      metric('valueAtRisk', 'VaR 95 %, one bar', 'percent'),
      metric('conditionalValueAtRisk', 'CVaR 95 %, one bar', 'percent'),
      metric('tailRatio', 'Tail ratio', 'ratio'),
    ],
  },
  {
    title: 'Trading',
    metrics: [
      metric('tradeCount', 'Trades', 'count'),
      metric('winRate', 'Win rate', 'percent'),
      metric('payoffRatio', 'Payoff ratio', 'ratio'),
      metric('profitFactor', 'Profit factor', 'ratio'),
      metric('exposure', 'Exposure', 'percent'),
      metric('turnover', 'Turnover', 'ratio'),
    ],
  },
];

/** Length of one bar per timeframe, ms. */
export const barMilliseconds: Record<string, number> = { TICK: 0, ONE_MINUTE: 60_000, FIVE_MINUTES: 300_000, ONE_HOUR: 3_600_000, ONE_DAY: 86_400_000 };

/** The headline tiles above the charts. */
export const headlineMetrics: MetricDefinition[] = (
  ['totalReturn', 'cagr', 'sharpe', 'sortino', 'maxDrawdown', 'calmar', 'tradeCount', 'winRate'] as const
).map((key) => {
  const found = metricGroups.flatMap((group) => group.metrics).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no metric definition for ${key}`);
  return found;
});
