import type { CapitalGuardrails, RiskCategory } from '../strategy/strategy.entity.ts';
import { recommendAllocation } from './capital-allocation.ts';
import type { CapitalPolicy } from './capital-policy.ts';
import type { CandidateRule } from './promotion-policy.ts';

/** One scorecard entry of the history (every entry of each date: the ranked count is taken per date). */
export interface ScorecardHistoryEntry {
  strategyId: string;
  strategyVersionId: string;
  /** `YYYY-MM-DD` (UTC). */
  evaluationDate: string;
  /** Competition rank within the date, 1 = best; null = unranked. */
  rank: number | null;
  /** Unified score, 0–100. */
  normalizedScore: number;
  complete: boolean;
  researchOnly: boolean;
}

/** What the candidate rule needs to know about a strategy to recommend its allocation. */
export interface CandidateStrategy {
  riskCategory: RiskCategory;
  capitalGuardrails: CapitalGuardrails;
}

/** A strategy that earned a promotion request into OBSERVE. */
export interface PromotionCandidate {
  strategyId: string;
  /** The version scored on the latest date. */
  strategyVersionId: string;
  /** Consecutive evaluation dates in the top share, ending at the latest date. */
  consecutiveEvaluationDays: number;
  firstDate: string;
  lastDate: string;
  /** Rank and ranked count on the latest date. */
  rank: number;
  rankCount: number;
  normalizedScore: number;
  /** Rank-driven allocation it would get in LIVE (full wave), fraction of portfolio (capital policy). */
  recommendedAllocation: number;
}

/** Largest rank inside the top share of a date: max(1, ⌊topFraction × ranked⌋). */
export function topRankLimit(rule: CandidateRule, rankedCount: number): number {
  return Math.max(1, Math.floor(rule.topFraction * rankedCount + 1e-9));
}

/**
 * Orchestration FR-005 ("consistent top 10 % performance for 30 days"): a strategy is a candidate when, on each of
 * the last `consecutiveEvaluationDays` evaluation dates (the distinct dates of the history, latest last), it was
 * ranked within the top share (`topRankLimit` of that date's ranked entries) and — when the rule says so — its entry
 * was complete and met the minimum production standard. A date it was not scored on breaks the run. Candidates come
 * best rank first (then strategy id), each with its recommended allocation; `exclude` drops strategies that already
 * have a deployment or an open request. Strategies missing from `strategies` are skipped (no allocation basis: fail
 * closed).
 */
export function selectPromotionCandidates(
  history: readonly ScorecardHistoryEntry[],
  rule: CandidateRule,
  capitalPolicy: CapitalPolicy,
  strategies: ReadonlyMap<string, CandidateStrategy>,
  exclude: ReadonlySet<string> = new Set(),
): PromotionCandidate[] {
  const byDate = new Map<string, ScorecardHistoryEntry[]>();
  for (const entry of history) {
    const entries = byDate.get(entry.evaluationDate);
    if (entries) entries.push(entry);
    else byDate.set(entry.evaluationDate, [entry]);
  }
  const dates = [...byDate.keys()].sort();
  if (dates.length < rule.consecutiveEvaluationDays) return [];
  const qualifiedCache = new Map<string, Map<string, ScorecardHistoryEntry>>();
  const qualifiedOn = (date: string) => {
    let qualified = qualifiedCache.get(date);
    if (!qualified) {
      const entries = byDate.get(date)!;
      const limit = topRankLimit(rule, entries.filter((entry) => entry.rank !== null).length);
      qualified = new Map(
        entries
          .filter((entry) => entry.rank !== null && entry.rank <= limit && (!rule.requireProductionStandard || (entry.complete && !entry.researchOnly)))
          .map((entry) => [entry.strategyId, entry]),
      );
      qualifiedCache.set(date, qualified);
    }
    return qualified;
  };
  const lastDate = dates[dates.length - 1];
  const latestRanked = byDate.get(lastDate)!.filter((entry) => entry.rank !== null).length;
  const candidates: PromotionCandidate[] = [];
  for (const [strategyId, entry] of qualifiedOn(lastDate)) {
    if (exclude.has(strategyId)) continue;
    let run = 0;
    while (run < dates.length && qualifiedOn(dates[dates.length - 1 - run]).has(strategyId)) run++;
    if (run < rule.consecutiveEvaluationDays) continue;
    const strategy = strategies.get(strategyId);
    if (!strategy) continue;
    const recommendation = recommendAllocation(capitalPolicy, {
      deploymentId: strategyId,
      stage: 'live',
      rank: entry.rank,
      rankCount: latestRanked,
      riskCategory: strategy.riskCategory,
      capitalGuardrails: strategy.capitalGuardrails,
      rolloutWave: 'full',
    });
    candidates.push({
      strategyId,
      strategyVersionId: entry.strategyVersionId,
      consecutiveEvaluationDays: run,
      firstDate: dates[dates.length - run],
      lastDate,
      rank: entry.rank!,
      rankCount: latestRanked,
      normalizedScore: entry.normalizedScore,
      recommendedAllocation: recommendation.allocation,
    });
  }
  return candidates.sort((a, b) => a.rank - b.rank || (a.strategyId < b.strategyId ? -1 : 1));
}

/** Why a strategy near the top of the latest scorecard is not a candidate: the rule, its threshold and the measured value. */
export interface CandidateRefusal {
  rule: 'candidate.requireProductionStandard' | 'candidate.consecutiveEvaluationDays' | 'candidate.alreadyInLadder' | 'candidate.noAllocationBasis';
  threshold: number;
  measured: number | null;
  message: string;
}

/** The FR-005 assessment of one strategy in the top share of the latest scorecard date. */
export type CandidateAssessment =
  | { strategyId: string; strategyVersionId: string; rank: number; rankCount: number; qualified: true; candidate: PromotionCandidate; refusals: [] }
  | { strategyId: string; strategyVersionId: string; rank: number; rankCount: number; qualified: false; consecutiveEvaluationDays: number; refusals: CandidateRefusal[] };

/**
 * Every strategy ranked within the top share on the latest evaluation date, assessed by the candidate rule
 * (orchestration FR-005): qualified (as {@link selectPromotionCandidates} selects it, with its recommended allocation),
 * or refused with every reason — the latest entry not complete / not at the production standard, fewer consecutive
 * qualifying dates than the rule asks (measured: the run), already deployed or requested, or no allocation basis. Pure;
 * the candidate job records each assessment.
 */
export function assessPromotionCandidates(
  history: readonly ScorecardHistoryEntry[],
  rule: CandidateRule,
  capitalPolicy: CapitalPolicy,
  strategies: ReadonlyMap<string, CandidateStrategy>,
  exclude: ReadonlySet<string> = new Set(),
): CandidateAssessment[] {
  const dates = [...new Set(history.map((entry) => entry.evaluationDate))].sort();
  if (dates.length === 0) return [];
  const lastDate = dates[dates.length - 1];
  const latest = history.filter((entry) => entry.evaluationDate === lastDate);
  const rankCount = latest.filter((entry) => entry.rank !== null).length;
  const limit = topRankLimit(rule, rankCount);
  const selected = new Map(selectPromotionCandidates(history, rule, capitalPolicy, strategies, exclude).map((candidate) => [candidate.strategyId, candidate]));
  const standardOn = (entry: ScorecardHistoryEntry | undefined) => entry !== undefined && entry.complete && !entry.researchOnly;
  const inTopShare = (date: string, strategyId: string) => {
    const entries = history.filter((entry) => entry.evaluationDate === date);
    const dateLimit = topRankLimit(rule, entries.filter((entry) => entry.rank !== null).length);
    const entry = entries.find((candidate) => candidate.strategyId === strategyId);
    return entry !== undefined && entry.rank !== null && entry.rank <= dateLimit && (!rule.requireProductionStandard || standardOn(entry));
  };
  return latest
    .filter((entry): entry is ScorecardHistoryEntry & { rank: number } => entry.rank !== null && entry.rank <= limit)
    .sort((a, b) => a.rank - b.rank || (a.strategyId < b.strategyId ? -1 : 1))
    .map((entry): CandidateAssessment => {
      const base = { strategyId: entry.strategyId, strategyVersionId: entry.strategyVersionId, rank: entry.rank, rankCount };
      const candidate = selected.get(entry.strategyId);
      if (candidate) return { ...base, qualified: true, candidate, refusals: [] };
      let run = 0;
      while (run < dates.length && inTopShare(dates[dates.length - 1 - run], entry.strategyId)) run++;
      const refusals: CandidateRefusal[] = [];
      if (rule.requireProductionStandard && !standardOn(entry)) {
        refusals.push({ rule: 'candidate.requireProductionStandard', threshold: 1, measured: 0, message: `the latest entry (${lastDate}) is ${entry.complete ? 'research-only (below the minimum production standard)' : 'incomplete'}` });
      }
      if (run < rule.consecutiveEvaluationDays) {
        refusals.push({ rule: 'candidate.consecutiveEvaluationDays', threshold: rule.consecutiveEvaluationDays, measured: run, message: `${run} consecutive evaluation date(s) in the top ${rule.topFraction * 100} %, at least ${rule.consecutiveEvaluationDays} needed` });
      }
      if (exclude.has(entry.strategyId)) refusals.push({ rule: 'candidate.alreadyInLadder', threshold: 0, measured: 1, message: 'the strategy already has a deployment or an open promotion request' });
      if (!strategies.has(entry.strategyId)) refusals.push({ rule: 'candidate.noAllocationBasis', threshold: 1, measured: 0, message: 'the strategy’s risk category and guardrails could not be read' });
      return { ...base, qualified: false, consecutiveEvaluationDays: run, refusals };
    });
}
