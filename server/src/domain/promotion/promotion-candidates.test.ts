import { describe, expect, it } from 'vitest';
import { defaultCapitalPolicy } from './capital-policy.ts';
import { assessPromotionCandidates, selectPromotionCandidates, topRankLimit, type CandidateStrategy, type ScorecardHistoryEntry } from './promotion-candidates.ts';
import { defaultPromotionPolicy } from './promotion-policy.ts';

const rule = defaultPromotionPolicy.candidate;
const strategies = new Map<string, CandidateStrategy>(Array.from({ length: 20 }, (_, index) => [`s${index}`, { riskCategory: 'moderate', capitalGuardrails: {} }]));

function date(offset: number): string {
  return new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** `days` evaluation dates of 20 strategies; `rankOf(strategy, day)` gives each rank (1 = best). */
function history(days: number, rankOf: (strategy: number, day: number) => number | null, entry: Partial<ScorecardHistoryEntry> = {}): ScorecardHistoryEntry[] {
  return Array.from({ length: days }, (_, day) =>
    Array.from({ length: 20 }, (_, strategy) => ({
      strategyId: `s${strategy}`,
      strategyVersionId: `v${strategy}`,
      evaluationDate: date(day),
      rank: rankOf(strategy, day),
      normalizedScore: 80 - strategy,
      complete: true,
      researchOnly: false,
      ...entry,
    })),
  ).flat();
}

describe('selectPromotionCandidates (orchestration FR-005)', () => {
  it('top 10 % means rank ≤ max(1, ⌊0.1 × ranked⌋)', () => {
    expect(topRankLimit(rule, 80)).toBe(8);
    expect(topRankLimit(rule, 20)).toBe(2);
    expect(topRankLimit(rule, 5)).toBe(1);
  });

  it('a strategy in the top 10 % on 30 consecutive evaluation dates becomes a candidate with a recommended allocation', () => {
    const candidates = selectPromotionCandidates(history(30, (strategy) => strategy + 1), rule, defaultCapitalPolicy, strategies);
    expect(candidates).toEqual([
      { strategyId: 's0', strategyVersionId: 'v0', consecutiveEvaluationDays: 30, firstDate: '2026-01-01', lastDate: '2026-01-30', rank: 1, rankCount: 20, normalizedScore: 80, recommendedAllocation: 0.04 },
      { strategyId: 's1', strategyVersionId: 'v1', consecutiveEvaluationDays: 30, firstDate: '2026-01-01', lastDate: '2026-01-30', rank: 2, rankCount: 20, normalizedScore: 79, recommendedAllocation: 0.03 },
    ]);
  });

  it('29 days are not enough, and the whole run is counted when longer', () => {
    expect(selectPromotionCandidates(history(29, (strategy) => strategy + 1), rule, defaultCapitalPolicy, strategies)).toEqual([]);
    expect(selectPromotionCandidates(history(45, (strategy) => strategy + 1), rule, defaultCapitalPolicy, strategies)[0]).toMatchObject({ consecutiveEvaluationDays: 45, firstDate: '2026-01-01' });
  });

  it('one day outside the top share breaks the run', () => {
    const slip = history(40, (strategy, day) => (strategy === 0 && day === 15 ? 5 : strategy === 4 && day === 15 ? 1 : strategy + 1));
    const candidates = selectPromotionCandidates(slip, rule, defaultCapitalPolicy, strategies);
    expect(candidates.map((candidate) => candidate.strategyId)).toEqual(['s1']);
    expect(selectPromotionCandidates(history(60, (strategy, day) => (strategy === 0 && day === 15 ? 5 : strategy === 4 && day === 15 ? 1 : strategy + 1)), rule, defaultCapitalPolicy, strategies)[0]).toMatchObject({
      strategyId: 's0',
      consecutiveEvaluationDays: 44,
      firstDate: '2026-01-17',
    });
  });

  it('a date the strategy was not scored on breaks the run', () => {
    const entries = history(35, (strategy) => strategy + 1).filter((entry) => !(entry.strategyId === 's0' && entry.evaluationDate === date(20)));
    expect(selectPromotionCandidates(entries, rule, defaultCapitalPolicy, strategies).map((candidate) => candidate.strategyId)).not.toContain('s0');
  });

  it('research-only or incomplete entries never qualify (the real data today: nobody is a candidate)', () => {
    expect(selectPromotionCandidates(history(30, (strategy) => strategy + 1, { researchOnly: true }), rule, defaultCapitalPolicy, strategies)).toEqual([]);
    expect(selectPromotionCandidates(history(30, (strategy) => strategy + 1, { complete: false }), rule, defaultCapitalPolicy, strategies)).toEqual([]);
    expect(selectPromotionCandidates(history(30, (strategy) => strategy + 1, { researchOnly: true }), { ...rule, requireProductionStandard: false }, defaultCapitalPolicy, strategies)).toHaveLength(2);
  });

  it('skips excluded strategies, unranked entries and strategies without an allocation basis', () => {
    const all = history(30, (strategy) => (strategy === 1 ? null : strategy + 1));
    expect(selectPromotionCandidates(all, rule, defaultCapitalPolicy, strategies).map((candidate) => candidate.strategyId)).toEqual(['s0']);
    expect(selectPromotionCandidates(all, rule, defaultCapitalPolicy, strategies, new Set(['s0']))).toEqual([]);
    expect(selectPromotionCandidates(all, rule, defaultCapitalPolicy, new Map())).toEqual([]);
  });
});

describe('assessPromotionCandidates', () => {
  it('records why each strategy in the latest top share is or is not a candidate, with the rule, threshold and measured value', () => {
    const dates = Array.from({ length: 30 }, (_, day) => new Date(Date.UTC(2026, 10, 1 + day)).toISOString().slice(0, 10));
    const history: ScorecardHistoryEntry[] = dates.flatMap((evaluationDate, day) => [
      // A: rank 1 every day, production standard → candidate.
      { strategyId: 'a', strategyVersionId: 'a1', evaluationDate, rank: 1, normalizedScore: 90, complete: true, researchOnly: false },
      // B: rank 2 only for the last 12 days → 12 of 30.
      { strategyId: 'b', strategyVersionId: 'b1', evaluationDate, rank: day >= 18 ? 2 : 15, normalizedScore: 80, complete: true, researchOnly: false },
      // Ranks 3–20 (one research-only on the latest date): outside the top share, not assessed.
      ...Array.from({ length: 18 }, (_, index) => ({ strategyId: `z${index}`, strategyVersionId: `z${index}v`, evaluationDate, rank: index + 3, normalizedScore: 10, complete: true, researchOnly: day === 29 && index === 0 })),
    ]);
    const facts = new Map(['a', 'b', 'z0'].map((id) => [id, { riskCategory: 'moderate' as const, capitalGuardrails: {} }]));
    const assessed = assessPromotionCandidates(history, defaultPromotionPolicy.candidate, defaultCapitalPolicy, facts);
    // 20 ranked → top 10 % = ranks 1–2.
    expect(assessed.map((item) => [item.strategyId, item.qualified])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(assessed[1]!.refusals).toEqual([expect.objectContaining({ rule: 'candidate.consecutiveEvaluationDays', threshold: 30, measured: 12 })]);
    const excluded = assessPromotionCandidates(history, defaultPromotionPolicy.candidate, defaultCapitalPolicy, facts, new Set(['a']));
    expect(excluded[0]).toMatchObject({ strategyId: 'a', qualified: false, refusals: [expect.objectContaining({ rule: 'candidate.alreadyInLadder' })] });
  });
});
