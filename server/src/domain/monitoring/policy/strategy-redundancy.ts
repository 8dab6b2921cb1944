import { calculatePearsonCorrelation } from '../../../engine/index.ts';
import { dailyReturnsBetween, indexAtOrBefore, millisecondsPerDay } from './deployment-marks.ts';
import type { MonitoringActionDecision } from './evaluate-monitoring-rules.ts';
import type { MonitoringPolicy } from './monitoring-policy.ts';
import { cleanPersistence, stepPersistence, type RulePersistenceState } from './monitoring-state.ts';

/** A live strategy's marks and its rank on the scorecard (1 = best). */
export interface RankedStrategyMarks {
  deploymentId: string;
  /** Scorecard rank, 1 = best; the higher number is "the lower-ranked". */
  rank: number;
  /** Bar open times of the marks, ms, strictly increasing. */
  timestamp: Float64Array;
  /** Equity at each mark, quote currency. */
  equity: Float64Array;
}

/** One pair of live strategies. */
export interface RedundancyPair {
  /** Deployment ids, `first < second` (string order), so the pair has one name. */
  first: string;
  second: string;
  /** `pass`, `breach`, `unknown` (NaN correlation: a constant series) or `not_applicable` (too few shared days). */
  status: 'pass' | 'breach' | 'unknown' | 'not_applicable';
  /** Pearson correlation of the daily returns on the shared UTC days of the window; null unless measured. */
  correlation: number | null;
  /** Shared UTC days measured. */
  overlapDays: number;
  /** On a breach: the lower-ranked deployment, suggested for deactivation (ties: the later id). */
  suggestDeactivating: string | null;
  breachKey: string | null;
}

/** Redundancy over all live strategies: the pairs, the actions to take once, and the pairs' persistence. */
export interface RedundancyEvaluation {
  pairs: RedundancyPair[];
  actions: MonitoringActionDecision[];
  state: Record<string, RulePersistenceState>;
}

/**
 * Pairwise correlation redundancy of live strategies (issue 13: "correlation between two live strategies > 0.8 →
 * redundancy flag, suggest deactivating the lower-ranked"). For each pair: the daily returns of each
 * (`dailyReturnsBetween`, last mark of each UTC day) over the rule's window ending at the later of the two last marks,
 * kept on the UTC days both have, correlated with `calculatePearsonCorrelation` (the engine's one definition). Fewer
 * than `minOverlapDays` shared days → not applicable; NaN → unknown (fails closed: a warning once). A breach above
 * `maxCorrelation` persists per pair (`state`, key `<first>|<second>:correlation:<first breaching day ms>`) and acts
 * once when sustained. Pure; O(pairs × window days).
 */
export function evaluateStrategyRedundancy(strategies: readonly RankedStrategyMarks[], policy: MonitoringPolicy, state: Record<string, RulePersistenceState>): RedundancyEvaluation {
  const rule = policy.rules.correlation;
  const pairs: RedundancyPair[] = [];
  const actions: MonitoringActionDecision[] = [];
  const nextState: Record<string, RulePersistenceState> = {};
  if (!rule.enabled) return { pairs, actions, state: nextState };
  const daily = strategies.map((strategy) => dailyByDay(strategy));
  const sorted = strategies.map((strategy, index) => ({ strategy, index })).sort((a, b) => (a.strategy.deploymentId < b.strategy.deploymentId ? -1 : 1));
  for (let a = 0; a < sorted.length; a++) {
    for (let b = a + 1; b < sorted.length; b++) {
      const one = sorted[a];
      const two = sorted[b];
      const x = daily[one.index];
      const y = daily[two.index];
      const endDay = Math.max(x.lastDay, y.lastDay);
      const startDay = endDay - rule.windowDays + 1;
      const left: number[] = [];
      const right: number[] = [];
      for (const [dayIndex, value] of x.returns) {
        if (dayIndex < startDay || dayIndex > endDay) continue;
        const other = y.returns.get(dayIndex);
        if (other === undefined) continue;
        left.push(value);
        right.push(other);
      }
      const subject = `${one.strategy.deploymentId}|${two.strategy.deploymentId}`;
      const previous = state[subject] ?? cleanPersistence;
      const markMs = endDay * millisecondsPerDay;
      const base = { first: one.strategy.deploymentId, second: two.strategy.deploymentId, overlapDays: left.length, suggestDeactivating: null, breachKey: null };
      const window = { startMs: startDay * millisecondsPerDay, endMs: markMs };
      if (left.length < rule.minOverlapDays) {
        pairs.push({ ...base, status: 'not_applicable', correlation: null });
        continue;
      }
      const correlation = calculatePearsonCorrelation(Float64Array.from(left), Float64Array.from(right));
      if (Number.isNaN(correlation)) {
        const step = stepPersistence(previous, 'unknown', markMs, false, rule.persistence, subject, 'correlation');
        nextState[subject] = step.state;
        pairs.push({ ...base, status: 'unknown', correlation: null });
        if (step.act) actions.push({ kind: 'warning', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false, rule: 'correlation', breachKey: step.key!, threshold: rule.maxCorrelation, measured: null, unit: 'ratio', window, message: `Correlation of ${subject}: unknown (a constant daily return series); fails closed (rules.correlation)` });
        continue;
      }
      const breached = correlation > rule.maxCorrelation;
      const step = stepPersistence(previous, breached ? 'breach' : 'clear', markMs, false, rule.persistence, subject, 'correlation');
      nextState[subject] = step.state;
      if (!breached) {
        pairs.push({ ...base, status: 'pass', correlation });
        continue;
      }
      const lower = one.strategy.rank > two.strategy.rank ? one.strategy : two.strategy;
      pairs.push({ ...base, status: 'breach', correlation, suggestDeactivating: lower.deploymentId, breachKey: step.key });
      if (step.act) {
        actions.push({ ...rule.action, rule: 'correlation', breachKey: step.key!, threshold: rule.maxCorrelation, measured: correlation, unit: 'ratio', window, message: `Correlation of ${subject} over ${left.length} shared days: ${Math.round(correlation * 10_000) / 10_000} above ${rule.maxCorrelation}; suggest deactivating the lower-ranked ${lower.deploymentId} (rank ${lower.rank}) (rules.correlation)` });
      }
    }
  }
  return { pairs, actions, state: nextState };
}

/**
 * The first of a strategy's marks (index into its `timestamp`) that {@link evaluateStrategyRedundancy} can read with
 * the rule's `windowDays`: the last mark before the UTC day `windowDays − 1` days before its last mark's day (the base
 * of the first daily return in any window), or 0. A pair's window ends at the later of the two last days, never before
 * this strategy's, so no window reaches an earlier day: passing the marks from here (a caller holding years of them, a
 * simulation) gives the same pairs, correlations and actions as passing them all.
 */
export function redundancyMarksStart(timestamp: Float64Array, windowDays: number): number {
  const count = timestamp.length;
  if (count === 0) return 0;
  const firstDay = Math.floor(timestamp[count - 1] / millisecondsPerDay) - windowDays + 1;
  return Math.max(0, indexAtOrBefore(timestamp, firstDay * millisecondsPerDay - 1));
}

/** Daily returns of a strategy keyed by UTC day index (ms / day), and its last day. */
function dailyByDay(strategy: RankedStrategyMarks): { returns: Map<number, number>; lastDay: number } {
  const count = strategy.timestamp.length;
  const returns = new Map<number, number>();
  if (count === 0) return { returns, lastDay: Number.NEGATIVE_INFINITY };
  const values = dailyReturnsBetween(strategy.timestamp, strategy.equity, 0, count - 1);
  // The k-th daily return belongs to the k-th UTC day that has a mark after the first one.
  let position = 0;
  for (let k = 1; k < count; k++) {
    const isLast = k === count - 1 || Math.floor(strategy.timestamp[k + 1] / millisecondsPerDay) !== Math.floor(strategy.timestamp[k] / millisecondsPerDay);
    if (isLast) returns.set(Math.floor(strategy.timestamp[k] / millisecondsPerDay), values[position++]);
  }
  return { returns, lastDay: Math.floor(strategy.timestamp[count - 1] / millisecondsPerDay) };
}
