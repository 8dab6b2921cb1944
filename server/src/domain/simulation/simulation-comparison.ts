import { decisionKey, type SimulationDecision } from './simulation-decision.ts';
import type { SimulationReport } from './simulation-report.ts';

/** A decision one arm took and the other did not (same time, kind, strategy, stages and rule). */
export interface DivergentDecision {
  arm: 'baseline' | 'variant';
  decision: SimulationDecision;
}

/** Two policy versions on the same history and seed (issue 15 "compare two policy versions"). */
export interface SimulationComparison {
  baseline: SimulationReport;
  variant: SimulationReport;
  /** The first position where the two decision sequences differ (null: identical), with each arm's decision there. */
  firstDivergence: { index: number; atMs: number; baseline: SimulationDecision | null; variant: SimulationDecision | null } | null;
  /** Decisions taken by one arm only, in time order (first divergence first), at most `limit`. */
  divergences: DivergentDecision[];
  divergenceCount: number;
  /** Variant minus baseline of the headline figures (what the variant's policy changes). */
  difference: {
    rollbacks: number;
    promotionsToLive: number;
    totalLossPrevented: number;
    finalEquity: number;
    maxDrawdown: number;
    approvalsSigned: number;
  };
}

/**
 * Compares two arms run on the same history and seed. Decisions are matched by {@link decisionKey} (as multisets):
 * the first divergence is the first position where the time-ordered sequences differ.
 */
export function compareSimulations(baseline: SimulationReport, variant: SimulationReport, limit = 1000): SimulationComparison {
  const a = baseline.decisions;
  const b = variant.decisions;
  let firstDivergence: SimulationComparison['firstDivergence'] = null;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index] ?? null;
    const right = b[index] ?? null;
    if (left === null || right === null || decisionKey(left) !== decisionKey(right)) {
      firstDivergence = { index, atMs: Math.min(left?.atMs ?? Number.POSITIVE_INFINITY, right?.atMs ?? Number.POSITIVE_INFINITY), baseline: left, variant: right };
      break;
    }
  }
  const counts = new Map<string, number>();
  for (const decision of b) counts.set(decisionKey(decision), (counts.get(decisionKey(decision)) ?? 0) + 1);
  const onlyBaseline: DivergentDecision[] = [];
  for (const decision of a) {
    const key = decisionKey(decision);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else onlyBaseline.push({ arm: 'baseline', decision });
  }
  const countsA = new Map<string, number>();
  for (const decision of a) countsA.set(decisionKey(decision), (countsA.get(decisionKey(decision)) ?? 0) + 1);
  const onlyVariant: DivergentDecision[] = [];
  for (const decision of b) {
    const key = decisionKey(decision);
    const left = countsA.get(key) ?? 0;
    if (left > 0) countsA.set(key, left - 1);
    else onlyVariant.push({ arm: 'variant', decision });
  }
  const all = [...onlyBaseline, ...onlyVariant].sort((x, y) => x.decision.atMs - y.decision.atMs || (x.arm === y.arm ? x.decision.sequence - y.decision.sequence : x.arm === 'baseline' ? -1 : 1));
  return {
    baseline,
    variant,
    firstDivergence,
    divergences: all.slice(0, limit),
    divergenceCount: all.length,
    difference: {
      rollbacks: variant.counts.rollbacks - baseline.counts.rollbacks,
      promotionsToLive: variant.counts.promotionsToLive - baseline.counts.promotionsToLive,
      totalLossPrevented: variant.sc003.totalLossPrevented - baseline.sc003.totalLossPrevented,
      finalEquity: variant.portfolio.finalEquity - baseline.portfolio.finalEquity,
      maxDrawdown: variant.portfolio.maxDrawdown - baseline.portfolio.maxDrawdown,
      approvalsSigned: variant.counts.approvalsSigned - baseline.counts.approvalsSigned,
    },
  };
}
