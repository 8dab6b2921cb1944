import { formatDecimal } from '#lib/format/number.ts';
import { formatPercent } from '#lib/format/percent.ts';

/** Readable names of the score factors (ScoreFactor.factor). */
export const factorLabels: Record<string, string> = {
  riskAdjustedReturn: 'Risk-adjusted return',
  drawdownAndTail: 'Drawdown and tail risk',
  winRateStability: 'Win-rate stability',
  robustness: 'Regime robustness',
  overfitting: 'Overfitting',
  drift: 'Live drift',
};

/** Scoring inputs (ScoreFactorMetric.metric): label and how the raw value is shown, with its unit. */
const inputs: Record<string, { label: string; format: (value: number) => string }> = {
  sharpe: { label: 'Sharpe (annualized)', format: (value) => formatDecimal(value, 2) },
  sortino: { label: 'Sortino (annualized)', format: (value) => formatDecimal(value, 2) },
  calmar: { label: 'Calmar', format: (value) => formatDecimal(value, 2) },
  maxDrawdown: { label: 'Max drawdown', format: (value) => formatPercent(value, { digits: 1 }) },
  valueAtRisk: { label: 'VaR 95 % (one bar)', format: (value) => formatPercent(value, { digits: 2 }) },
  conditionalValueAtRisk: { label: 'CVaR 95 % (one bar)', format: (value) => formatPercent(value, { digits: 2 }) },
  winRateDispersion: { label: 'Win-rate dispersion (std)', format: (value) => formatPercent(value, { digits: 1 }) },
  robustnessScore: { label: 'Regimes with positive Sharpe', format: (value) => formatPercent(value, { digits: 0 }) },
  probabilityOfBacktestOverfitting: { label: 'PBO', format: (value) => formatPercent(value, { digits: 0 }) },
  deflatedSharpeRatio: { label: 'Deflated Sharpe (probability)', format: (value) => formatDecimal(value, 2) },
  walkForwardEfficiency: { label: 'Walk-forward efficiency (OOS ÷ IS)', format: (value) => formatDecimal(value, 2) },
  liveDrift: { label: 'Live drift |ΔSharpe|', format: (value) => formatDecimal(value, 2) },
};

export const factorLabel = (factor: string) => factorLabels[factor] ?? factor;
export const inputLabel = (metric: string) => inputs[metric]?.label ?? metric.replace(/([A-Z])/g, ' $1').toLowerCase();
export const formatInput = (metric: string, value: number | null | undefined) => (value === null || value === undefined ? '—' : (inputs[metric]?.format ?? ((v: number) => formatDecimal(v, 3)))(value));

/** The colour of a recommendation chip by what it means: promote good, monitor neutral, demote caution, retire bad. */
export const recommendationTone: Record<string, 'positive' | 'info' | 'warning' | 'negative'> = { PROMOTE: 'positive', MONITOR: 'info', DEMOTE: 'warning', RETIRE: 'negative' };
