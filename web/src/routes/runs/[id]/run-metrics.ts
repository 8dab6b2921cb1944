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
  /** What it means (from the schema documentation). */
  description: string;
}

export interface MetricGroup {
  title: string;
  metrics: MetricDefinition[];
}

function metric(key: keyof Metrics, label: string, kind: MetricKind, description: string, colored = false): MetricDefinition {
  return { key, label, kind, colored, description };
}

/** Every metric of `BacktestMetrics`, grouped as a quant reads them. */
export const metricGroups: MetricGroup[] = [
  {
    title: 'Returns',
    metrics: [
      metric('totalReturn', 'Total return', 'percent', 'Total compounded return: ∏(1+r) − 1.', true),
      metric('cagr', 'CAGR', 'percent', 'Compound annual growth rate; years = bars / periods per year.', true),
      metric('annualVolatility', 'Annual volatility', 'percent', 'Annualized sample standard deviation of per-bar returns (ddof 1).'),
      metric('stability', 'Stability', 'ratio', 'R² of a linear fit of the cumulative log-return curve, 0–1.'),
    ],
  },
  {
    title: 'Risk-adjusted',
    metrics: [
      metric('sharpe', 'Sharpe', 'ratio', 'Annualized (√P), risk-free rate 0; arithmetic mean / sample std.', true),
      metric('sortino', 'Sortino', 'ratio', 'Annualized, MAR 0; downside risk over all observations.', true),
      metric('calmar', 'Calmar', 'ratio', 'CAGR / |max drawdown| over the whole run.', true),
      metric('omega', 'Omega', 'ratio', 'Omega ratio at threshold 0, not annualized.'),
    ],
  },
  {
    title: 'Drawdown and tail',
    metrics: [
      metric('maxDrawdown', 'Max drawdown', 'percent', 'Largest fall from a peak, from starting capital (negative).', true),
      metric('maxDrawdownDurationBars', 'Longest drawdown', 'bars', 'Longest time under water, in bars.'),
      metric('downsideRisk', 'Downside risk', 'percent', 'Annualized downside deviation below MAR 0.'),
      metric('valueAtRisk', 'VaR 95 %', 'percent', 'Historical value at risk at 95 %, per bar (5th percentile of returns).'),
      metric('conditionalValueAtRisk', 'CVaR 95 %', 'percent', 'Historical expected shortfall at 95 %, per bar.'),
      metric('tailRatio', 'Tail ratio', 'ratio', '|P95| / |P5| of per-bar returns, not annualized.'),
    ],
  },
  {
    title: 'Trading',
    metrics: [
      metric('tradeCount', 'Trades', 'count', 'Number of trades, open ones included.'),
      metric('winRate', 'Win rate', 'percent', 'Share of non-flat bars with a positive return (per bar).'),
      metric('payoffRatio', 'Payoff ratio', 'ratio', 'Mean winning bar return / |mean losing bar return| (per bar).'),
      metric('profitFactor', 'Profit factor', 'ratio', 'Sum of positive bar returns / |sum of negative bar returns| (per bar).'),
      metric('exposure', 'Exposure', 'percent', 'Fraction of bars with a non-zero position.'),
      metric('turnover', 'Turnover', 'ratio', 'Σ |traded notional| / equity at each fill; one full-size round trip = 2.'),
    ],
  },
];

/** The headline tiles above the charts. */
export const headlineMetrics: MetricDefinition[] = (
  ['totalReturn', 'cagr', 'sharpe', 'sortino', 'maxDrawdown', 'calmar', 'tradeCount', 'winRate'] as const
).map((key) => {
  const found = metricGroups.flatMap((group) => group.metrics).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no metric definition for ${key}`);
  return found;
});
