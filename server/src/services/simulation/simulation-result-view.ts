import { ValidationError } from '../../domain/errors.ts';
import type { PortfolioDay } from '../../domain/simulation/governance-simulation.ts';
import type { DivergentDecision, SimulationComparison } from '../../domain/simulation/simulation-comparison.ts';
import type { SimulationDecision, SimulationDecisionKind } from '../../domain/simulation/simulation-decision.ts';
import type { SimulationReport } from '../../domain/simulation/simulation-report.ts';

/**
 * Reads of a stored simulation result (the JSON of a {@link SimulationComparison}, written by `simulationJson`):
 * pages of the decision logs and the thinned daily series. Bounds are checked here and name the argument.
 */

/** A stored comparison as read back from the table (plain JSON; `lifecycleSc004` is missing in older results). */
export type StoredSimulationComparison = Omit<SimulationComparison, 'baseline' | 'variant'> & {
  baseline: StoredSimulationReport;
  variant: StoredSimulationReport;
};
export type StoredSimulationReport = Omit<SimulationReport, 'lifecycleSc004' | 'sc004'> & {
  lifecycleSc004?: SimulationReport['lifecycleSc004'];
  sc004: Omit<SimulationReport['sc004'], 'withinTarget'> & { withinTarget?: number };
};

/** Page sizes of the decision logs. */
export const decisionPage = { min: 1, max: 500 } as const;
/** Points of the daily series. */
export const dayPoints = { min: 2, max: 5000 } as const;

export interface PageOf<T> {
  totalCount: number;
  offset: number;
  items: T[];
}

function checkPage(first: number, offset: number): void {
  if (!Number.isInteger(first) || first < decisionPage.min || first > decisionPage.max) throw new ValidationError(`first must be a whole number from ${decisionPage.min} to ${decisionPage.max}`, 'first');
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset must be a whole number ≥ 0', 'offset');
}

/**
 * One arm's decisions in time order, optionally only some kinds and one strategy, `first` (1–500) from `offset`.
 * @throws ValidationError naming `first` or `offset`.
 */
export function pageDecisions(decisions: readonly SimulationDecision[], request: { first: number; offset: number; kinds?: readonly SimulationDecisionKind[] | null; strategyId?: string | null }): PageOf<SimulationDecision> {
  checkPage(request.first, request.offset);
  const kinds = request.kinds && request.kinds.length > 0 ? new Set(request.kinds) : null;
  const matching = kinds === null && !request.strategyId ? decisions : decisions.filter((decision) => (kinds === null || kinds.has(decision.kind)) && (!request.strategyId || decision.strategyId === request.strategyId));
  return { totalCount: matching.length, offset: request.offset, items: matching.slice(request.offset, request.offset + request.first) };
}

/**
 * The divergent decisions (first divergence first), `first` (1–500) from `offset`; `totalCount` counts them all
 * (the stored list keeps the first 1,000).
 * @throws ValidationError naming `first` or `offset`.
 */
export function pageDivergences(comparison: StoredSimulationComparison, request: { first: number; offset: number }): PageOf<DivergentDecision> {
  checkPage(request.first, request.offset);
  return { totalCount: comparison.divergenceCount, offset: request.offset, items: comparison.divergences.slice(request.offset, request.offset + request.first) };
}

/** One day of both arms with their drawdowns from the running peak. */
export interface ComparedDay {
  atMs: number;
  baselineEquity: number;
  variantEquity: number | null;
  benchmarkEquity: number | null;
  baselineDrawdown: number;
  variantDrawdown: number | null;
  baselineLiveCount: number;
  variantLiveCount: number | null;
}

/**
 * Both arms day by day (drawdowns from the running peak over every day), thinned evenly to at most `maxPoints`
 * (2–5,000) keeping the first and the last day.
 * @throws ValidationError naming `maxPoints`.
 */
export function comparedDays(comparison: StoredSimulationComparison, maxPoints: number): ComparedDay[] {
  if (!Number.isInteger(maxPoints) || maxPoints < dayPoints.min || maxPoints > dayPoints.max) throw new ValidationError(`maxPoints must be a whole number from ${dayPoints.min} to ${dayPoints.max}`, 'maxPoints');
  const variantByDay = new Map<number, PortfolioDay>(comparison.variant.days.map((day) => [day.atMs, day]));
  let baselinePeak = Number.NEGATIVE_INFINITY;
  let variantPeak = Number.NEGATIVE_INFINITY;
  const all = comparison.baseline.days.map((day): ComparedDay => {
    const other = variantByDay.get(day.atMs) ?? null;
    baselinePeak = Math.max(baselinePeak, day.equity);
    if (other) variantPeak = Math.max(variantPeak, other.equity);
    return {
      atMs: day.atMs,
      baselineEquity: day.equity,
      variantEquity: other?.equity ?? null,
      benchmarkEquity: day.benchmarkEquity,
      baselineDrawdown: baselinePeak > 0 ? day.equity / baselinePeak - 1 : 0,
      variantDrawdown: other && variantPeak > 0 ? other.equity / variantPeak - 1 : null,
      baselineLiveCount: day.liveCount,
      variantLiveCount: other?.liveCount ?? null,
    };
  });
  if (all.length <= maxPoints) return all;
  const picked: ComparedDay[] = [];
  for (let k = 0; k < maxPoints; k++) picked.push(all[Math.round((k * (all.length - 1)) / (maxPoints - 1))]);
  return picked;
}
