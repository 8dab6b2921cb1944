/** How a backtest metric reads in a report: its label, unit and which way is better (for marking the best of a row). */
export interface MetricEntry {
  label: string;
  /** `percent`: a fraction shown as %; `ratio`: a plain number; `count`; `bars`: a number of bars. */
  kind: 'percent' | 'ratio' | 'count' | 'bars';
  /** The unit or convention, e.g. "annualized", "one bar, historical"; empty when the label says it all. */
  unit: string;
  /** Which value is best: higher, lower, closer to zero (drawdowns and losses are negative), or none. */
  better: 'higher' | 'lower' | 'closer-to-zero' | null;
}

/**
 * Every BacktestMetrics field (engine metrics-conventions §2) in the order a quant reads them. The one catalogue of
 * metric labels and units: reports use it here, and the web app gets this file verbatim as
 * web/src/lib/format/metric-catalogue.ts (written by `npm run schema`; this file imports nothing so the copy builds).
 */
export const metricCatalogue: Readonly<Record<string, MetricEntry>> = {
  totalReturn: { label: 'Total return', kind: 'percent', unit: 'over the run', better: 'higher' },
  cagr: { label: 'CAGR', kind: 'percent', unit: 'annualized', better: 'higher' },
  annualVolatility: { label: 'Volatility', kind: 'percent', unit: 'annualized', better: 'lower' },
  sharpe: { label: 'Sharpe ratio', kind: 'ratio', unit: 'annualized, rf 0', better: 'higher' },
  sortino: { label: 'Sortino ratio', kind: 'ratio', unit: 'annualized', better: 'higher' },
  calmar: { label: 'Calmar ratio', kind: 'ratio', unit: 'CAGR ÷ |max drawdown|', better: 'higher' },
  omega: { label: 'Omega ratio', kind: 'ratio', unit: 'threshold 0', better: 'higher' },
  stability: { label: 'Stability', kind: 'ratio', unit: 'R² of log equity, 0–1', better: 'higher' },
  maxDrawdown: { label: 'Max drawdown', kind: 'percent', unit: 'peak to trough', better: 'closer-to-zero' },
  maxDrawdownDurationBars: { label: 'Longest drawdown', kind: 'bars', unit: 'bars below the peak', better: 'lower' },
  downsideRisk: { label: 'Downside risk', kind: 'percent', unit: 'annualized', better: 'lower' },
  valueAtRisk: { label: 'VaR 95 %', kind: 'percent', unit: 'one bar, historical', better: 'closer-to-zero' },
  conditionalValueAtRisk: { label: 'CVaR 95 %', kind: 'percent', unit: 'one bar, historical', better: 'closer-to-zero' },
  tailRatio: { label: 'Tail ratio', kind: 'ratio', unit: 'p95 ÷ |p5|', better: 'higher' },
  winRate: { label: 'Win rate', kind: 'percent', unit: 'per bar', better: 'higher' },
  profitFactor: { label: 'Profit factor', kind: 'ratio', unit: 'per bar', better: 'higher' },
  payoffRatio: { label: 'Payoff ratio', kind: 'ratio', unit: 'per bar', better: 'higher' },
  tradeCount: { label: 'Trades', kind: 'count', unit: 'round trips', better: null },
  exposure: { label: 'Exposure', kind: 'percent', unit: 'share of bars in a position', better: null },
  turnover: { label: 'Turnover', kind: 'ratio', unit: '× equity over the run', better: null },
};

/** The label of `metric`, or a readable fallback (`someMetric` → "some metric") for one the table does not know. */
export function metricEntry(metric: string): MetricEntry {
  return metricCatalogue[metric] ?? { label: metric.replace(/([A-Z])/g, ' $1').toLowerCase(), kind: 'ratio', unit: '', better: null };
}

/** Indexes of the best finite values of a row by `better` (several on a tie; none when fewer than two compare). */
export function bestIndexes(values: readonly (number | null)[], better: MetricEntry['better']): number[] {
  if (!better) return [];
  const score = (value: number) => (better === 'higher' ? value : better === 'lower' ? -value : -Math.abs(value));
  const finite = values.flatMap((value, index) => (typeof value === 'number' && Number.isFinite(value) ? [{ value, index }] : []));
  if (finite.length < 2) return [];
  const top = Math.max(...finite.map((entry) => score(entry.value)));
  return finite.filter((entry) => score(entry.value) === top).map((entry) => entry.index);
}

/** A metric value as a report prints it: percent with two decimals, ratios with two (or three below 1), counts whole; "—" when not finite. */
export function formatMetricValue(value: number | null, kind: MetricEntry['kind']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'percent') return `${(value * 100).toFixed(2)} %`;
  if (kind === 'count' || kind === 'bars') return String(Math.round(value));
  return value.toFixed(Math.abs(value) < 1 ? 3 : 2);
}
