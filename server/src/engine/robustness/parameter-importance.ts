import type { ParameterValue } from '../parameters/parameter-space.ts';

/** One evaluated trial: its parameter values and its objective value (NaN/±∞ are ignored). */
export interface ImportanceTrial {
  parameters: Readonly<Record<string, ParameterValue>>;
  objective: number;
}

/** Share of the objective's variance one parameter explains. */
export interface ParameterImportance {
  parameter: string;
  /** Fraction 0–1; the importances of one call sum to 1 (all 0 when the objective never varies). */
  importance: number;
  /** Correlation ratio η² of this parameter alone (fraction 0–1, before normalization). */
  explainedVariance: number;
}

/** Number of quantile bins a numeric parameter with many distinct values is grouped into. */
export const importanceBins = 8;

function groupKeys(values: readonly ParameterValue[]): string[] {
  const distinct = new Set(values.map(String));
  const numeric = values.every((value) => typeof value === 'number');
  if (!numeric || distinct.size <= importanceBins) return values.map(String);
  const sorted = (values as number[]).slice().sort((a, b) => a - b);
  // Upper edges of equal-count bins; a value belongs to the first bin whose edge it does not exceed.
  const edges = Array.from({ length: importanceBins - 1 }, (_, index) => sorted[Math.floor(((index + 1) * sorted.length) / importanceBins)]!);
  return (values as number[]).map((value) => {
    let bin = 0;
    while (bin < edges.length && value > edges[bin]!) bin += 1;
    return `bin${bin}`;
  });
}

/**
 * Variance-based parameter importance (a one-way ANOVA per parameter, in the spirit of fANOVA's main effects):
 * trials are grouped by the parameter's value — numbers with more than {@link importanceBins} distinct values into
 * that many equal-count quantile bins — and η² = Σ nᵍ(ȳᵍ − ȳ)² / Σ (yᵢ − ȳ)² is the share of the objective's variance
 * explained by the groups. Importances are the η² normalized to sum 1, sorted descending (ties by name).
 * Trials with a non-finite objective are left out; fewer than 2 finite trials or a constant objective give 0 for all.
 * Interactions are not attributed (each parameter is judged alone), so it ranks main effects, it does not decompose.
 */
export function calculateParameterImportance(trials: readonly ImportanceTrial[], parameterNames: readonly string[]): ParameterImportance[] {
  const finite = trials.filter((trial) => Number.isFinite(trial.objective));
  const mean = finite.reduce((sum, trial) => sum + trial.objective, 0) / Math.max(1, finite.length);
  const total = finite.reduce((sum, trial) => sum + (trial.objective - mean) ** 2, 0);
  const raw = parameterNames.map((parameter) => {
    if (finite.length < 2 || total <= 0) return { parameter, explainedVariance: 0 };
    const keys = groupKeys(finite.map((trial) => trial.parameters[parameter] ?? ''));
    const groups = new Map<string, { sum: number; count: number }>();
    keys.forEach((key, index) => {
      const group = groups.get(key) ?? { sum: 0, count: 0 };
      group.sum += finite[index]!.objective;
      group.count += 1;
      groups.set(key, group);
    });
    let between = 0;
    for (const group of groups.values()) between += group.count * (group.sum / group.count - mean) ** 2;
    return { parameter, explainedVariance: Math.min(1, between / total) };
  });
  const sum = raw.reduce((total, entry) => total + entry.explainedVariance, 0);
  return raw
    .map((entry) => ({ ...entry, importance: sum > 0 ? entry.explainedVariance / sum : 0 }))
    .sort((a, b) => b.importance - a.importance || a.parameter.localeCompare(b.parameter));
}
