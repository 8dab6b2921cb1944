/** Readable names of the score factors (`FactorContribution.factor`). */
export const scoreFactorLabels: Readonly<Record<string, string>> = {
  riskAdjustedReturn: 'Risk-adjusted return',
  drawdownAndTail: 'Drawdown and tail risk',
  winRateStability: 'Win-rate stability',
  robustness: 'Regime robustness',
  overfitting: 'Overfitting',
  drift: 'Live drift',
};

const missing = '—';
/** `12.35` with `digits` decimals, thousands grouped, a true minus sign; "—" when not finite. */
const decimal = (value: number | null | undefined, digits: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace('-', '−') : missing;
/** A fraction as a percentage with `digits` decimals: `0.68` → "68 %". */
const percent = (value: number | null | undefined, digits: number) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) return missing;
  const text = decimal(value * 100, digits);
  return `${text === `−${(0).toFixed(digits)}` ? (0).toFixed(digits) : text} %`;
};

/** Scoring inputs (`ScoringInputs` fields): label and how the raw value reads, with its unit. */
const scoringInputs: Readonly<Record<string, { label: string; format: (value: number) => string }>> = {
  sharpe: { label: 'Sharpe (annualized)', format: (value) => decimal(value, 2) },
  sortino: { label: 'Sortino (annualized)', format: (value) => decimal(value, 2) },
  calmar: { label: 'Calmar', format: (value) => decimal(value, 2) },
  maxDrawdown: { label: 'Max drawdown', format: (value) => percent(value, 1) },
  valueAtRisk: { label: 'VaR 95 % (one bar)', format: (value) => percent(value, 2) },
  conditionalValueAtRisk: { label: 'CVaR 95 % (one bar)', format: (value) => percent(value, 2) },
  winRateDispersion: { label: 'Win-rate dispersion (std)', format: (value) => percent(value, 1) },
  robustnessScore: { label: 'Regimes with positive Sharpe', format: (value) => percent(value, 0) },
  probabilityOfBacktestOverfitting: { label: 'PBO', format: (value) => percent(value, 0) },
  deflatedSharpeRatio: { label: 'Deflated Sharpe (probability)', format: (value) => decimal(value, 2) },
  walkForwardEfficiency: { label: 'Walk-forward efficiency (OOS ÷ IS)', format: (value) => decimal(value, 2) },
  liveDrift: { label: 'Live drift |ΔSharpe|', format: (value) => decimal(value, 2) },
};

/** The label of a score factor, or its name when unknown. */
export const scoreFactorLabel = (factor: string): string => scoreFactorLabels[factor] ?? factor;
/** The label of a scoring input (`maxDrawdown` → "Max drawdown"), or its name spelled out. */
export const scoringInputLabel = (metric: string): string => scoringInputs[metric]?.label ?? metric.replace(/([A-Z])/g, ' $1').toLowerCase();
/** A scoring input's raw value with its unit ("68 %", "1.25"); "—" when missing. */
export const formatScoringInput = (metric: string, value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? missing : (scoringInputs[metric]?.format ?? ((raw: number) => decimal(raw, 3)))(value);

/** What the explanation reads of a factor (a `FactorContribution`). */
export interface ExplainedFactor {
  factor: string;
  /** 0–100; null when the factor had no input. */
  points: number | null;
  /** Normalized weight, a fraction. */
  weight: number;
  /** points × weight, in score points. */
  contribution: number;
  metrics: readonly { metric: string; value: number | null; points: number | null }[];
}

/** What the explanation reads of a scorecard entry. */
export interface ExplainedEntry {
  recommendation: string;
  /** 0–100. */
  normalizedScore: number;
  complete: boolean;
  missingInputs: readonly string[];
  factors: readonly ExplainedFactor[];
}

/** The weakest input of a factor (fewest points), with its value: "PBO 68 %". */
function weakestInput(factor: ExplainedFactor): string {
  const weakest = factor.metrics.filter((metric) => typeof metric.points === 'number').sort((a, b) => a.points! - b.points!)[0];
  return weakest ? `${scoringInputLabel(weakest.metric)} ${formatScoringInput(weakest.metric, weakest.value)}` : 'no input';
}

/**
 * Why a strategy got its recommendation, in one sentence naming the factors that drove it (pure). The points a factor
 * lost (weight × (100 − points)) rank what held the score back — factors under 60 points losing at least 5 score points,
 * the two largest, each with its weakest input — and the points it earned (its contribution) what carried it: the two
 * largest contributions of factors at 60 points or more. Missing inputs are named. E.g. "Monitor at 47.6 / 100: held
 * back by Overfitting (20 of 100 points, weight 20 %: PBO 68 %); carried by Risk-adjusted return (85 of 100 points,
 * weight 25 %)."
 */
export function explainScorecardEntry(entry: ExplainedEntry): string {
  const verb = entry.recommendation.charAt(0).toUpperCase() + entry.recommendation.slice(1).toLowerCase();
  const scored = entry.factors.filter((factor) => typeof factor.points === 'number' && factor.weight > 0);
  const losses = scored.map((factor) => ({ factor, lost: factor.weight * (100 - factor.points!) })).sort((a, b) => b.lost - a.lost);
  const held = losses.filter((loss) => loss.lost >= 5 && loss.factor.points! < 60).slice(0, 2);
  const carried = scored.filter((factor) => factor.points! >= 60).sort((a, b) => b.contribution - a.contribution).slice(0, 2);
  const describe = (factor: ExplainedFactor, withInput: boolean) =>
    `${scoreFactorLabel(factor.factor)} (${decimal(factor.points, 0)} of 100 points, weight ${percent(factor.weight, 0)}${withInput ? `: ${weakestInput(factor)}` : ''})`;
  const parts: string[] = [];
  if (held.length > 0) parts.push(`held back by ${held.map((loss) => describe(loss.factor, true)).join(' and ')}`);
  if (carried.length > 0) parts.push(`carried by ${carried.map((factor) => describe(factor, false)).join(' and ')}`);
  if (!entry.complete) parts.push(`inputs missing: ${entry.missingInputs.map(scoringInputLabel).join(', ') || 'some'}`);
  return `${verb} at ${decimal(entry.normalizedScore, 1)} / 100: ${parts.join('; ') || 'no factor stands out'}.`;
}

/**
 * Places a strategy gained (positive) or lost (negative) since the previous evaluation date (pure): previous rank −
 * current rank; 0 when unchanged; null when it was not ranked then or is not ranked now.
 */
export function scorecardRankChange(rank: number | null, previousRank: number | null | undefined): number | null {
  return rank === null || previousRank === null || previousRank === undefined ? null : previousRank - rank;
}
