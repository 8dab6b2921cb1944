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

interface Factor {
  factor: string;
  points?: number | null;
  weight: number;
  contribution: number;
  metrics: readonly { metric: string; value?: number | null; points?: number | null }[];
}

/** The weakest input of a factor (lowest points), shown with its value: "PBO 68 %". */
function weakestInput(factor: Factor): string {
  const scored = factor.metrics.filter((metric) => typeof metric.points === 'number');
  const weakest = scored.sort((a, b) => (a.points ?? 0) - (b.points ?? 0))[0];
  return weakest ? `${inputLabel(weakest.metric)} ${formatInput(weakest.metric, weakest.value)}` : 'no input';
}

/**
 * Why a strategy got its recommendation, in one sentence naming the factors: the points each factor lost
 * (weight × (100 − points)) rank what held the score back, the points it earned (its contribution) what carried it.
 * E.g. "Monitor at 47.6 / 100: held back by Overfitting (20 of 100 points, weight 20 %: PBO 68 %) and …; carried by
 * Risk-adjusted return (85 points, weight 25 %)."
 */
export function explainRecommendation(entry: { recommendation: string; normalizedScore?: number | null; complete: boolean; missingInputs?: readonly string[]; factors: readonly Factor[] }): string {
  const verb = entry.recommendation.charAt(0) + entry.recommendation.slice(1).toLowerCase();
  const scored = entry.factors.filter((factor) => typeof factor.points === 'number' && factor.weight > 0);
  const losses = scored.map((factor) => ({ factor, lost: factor.weight * (100 - (factor.points ?? 0)) })).sort((a, b) => b.lost - a.lost);
  const held = losses.filter((entry) => entry.lost >= 5 && (entry.factor.points ?? 0) < 60).slice(0, 2);
  const carried = [...scored].filter((factor) => (factor.points ?? 0) >= 60).sort((a, b) => b.contribution - a.contribution).slice(0, 2);
  const describe = (factor: Factor, withInput: boolean) =>
    `${factorLabel(factor.factor)} (${formatDecimal(factor.points, 0)} of 100 points, weight ${formatPercent(factor.weight, { digits: 0 })}${withInput ? `: ${weakestInput(factor)}` : ''})`;
  const parts = [`${verb} at ${formatDecimal(entry.normalizedScore, 1)} / 100`];
  if (held.length > 0) parts.push(`held back by ${held.map((entry) => describe(entry.factor, true)).join(' and ')}`);
  if (carried.length > 0) parts.push(`carried by ${carried.map((factor) => describe(factor, false)).join(' and ')}`);
  if (!entry.complete) parts.push(`inputs missing: ${(entry.missingInputs ?? []).map(inputLabel).join(', ') || 'some'}`);
  return `${parts[0]}: ${parts.slice(1).join('; ') || 'no factor stands out'}.`;
}

/** The colour of a recommendation chip by what it means: promote good, monitor neutral, demote caution, retire bad. */
export const recommendationTone: Record<string, 'positive' | 'info' | 'warning' | 'negative'> = { PROMOTE: 'positive', MONITOR: 'info', DEMOTE: 'warning', RETIRE: 'negative' };
