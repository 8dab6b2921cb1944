import { calculateDailyReturnCorrelation, millisecondsPerDay, utcDayOf, type DailyReturns } from '../../engine/index.ts';
import { makeCheck, type GateCheck } from './gate-check.ts';
import type { PortfolioLimits } from './promotion-policy.ts';

/**
 * Portfolio constraints on the LIVE set (orchestration FR-006 live cap, SC-010 template diversity, SC-006 / FR-014
 * correlation), checked when a deployment enters LIVE — in the transaction of the promotion. Pure: the caller passes
 * the live set and the return series.
 */

/** A deployment of the LIVE set (or the one entering it). */
export interface LiveMember {
  deploymentId: string;
  strategyId: string;
  /** The strategy template (e.g. `sma_crossover`): its "type" for the diversity limit. */
  templateId: string;
  /** Latest scorecard rank, 1 = best; null = unranked (ranks below every ranked one). */
  rank: number | null;
}

/** The live cap's verdict: admitted (perhaps by demoting the lowest-ranked), or refused. */
export interface LiveCapDecision {
  check: GateCheck;
  /** Live deployments to demote in the same transaction to make room (lowest rank first). */
  demote: LiveMember[];
}

const now = (nowMs: number) => ({ startMs: nowMs, endMs: nowMs });

/** Orders worst first: unranked, then by rank descending, then by deployment id (deterministic). */
function worstFirst(a: LiveMember, b: LiveMember): number {
  const rankA = a.rank ?? Number.POSITIVE_INFINITY;
  const rankB = b.rank ?? Number.POSITIVE_INFINITY;
  return rankB - rankA || (a.deploymentId < b.deploymentId ? 1 : a.deploymentId > b.deploymentId ? -1 : 0);
}

/**
 * Live cap (FR-006; README decision: policy setting, default 35, works at 100): below the cap the candidate enters;
 * at the cap it enters only if it ranks strictly better than the lowest-ranked live deployment, which is demoted in
 * the same transaction (enough of them when the set is somehow above the cap); otherwise refused with the lowest
 * live rank as the measured value.
 */
export function applyLiveCap(limits: PortfolioLimits, live: readonly LiveMember[], candidate: LiveMember, nowMs: number): LiveCapDecision {
  const others = live.filter((member) => member.deploymentId !== candidate.deploymentId);
  if (others.length < limits.liveCap) {
    return { check: makeCheck('portfolio.liveCap', 'portfolio', '<', limits.liveCap, others.length, 'count', now(nowMs), 'Live deployments before entry'), demote: [] };
  }
  const excess = others.length - limits.liveCap + 1;
  const demote = [...others].sort(worstFirst).slice(0, excess);
  const candidateRank = candidate.rank ?? Number.POSITIVE_INFINITY;
  const beatsAll = demote.every((member) => candidateRank < (member.rank ?? Number.POSITIVE_INFINITY));
  const lowest = demote[demote.length - 1];
  const full = `live set full (${others.length}/${limits.liveCap})`;
  const base = { rule: 'portfolio.liveCap', category: 'portfolio', comparator: '<', threshold: lowest.rank ?? Number.MAX_SAFE_INTEGER, measured: candidate.rank, unit: 'rank', window: now(nowMs) } as const;
  if (!beatsAll) {
    const message = `${full} and candidate rank ${candidate.rank ?? 'unranked'} is not better than the lowest-ranked live deployment (rank ${lowest.rank ?? 'unranked'}) (portfolio.liveCap)`;
    return { check: { ...base, status: 'fail', message }, demote: [] };
  }
  const demoted = demote.map((member) => `${member.deploymentId} (rank ${member.rank ?? 'unranked'})`).join(', ');
  return { check: { ...base, status: 'pass', message: `${full}: candidate rank ${candidate.rank} enters and demotes ${demoted} (portfolio.liveCap)` }, demote };
}

/**
 * Template diversity (SC-010): after entry, the candidate's template may hold at most
 * `max(1, ⌊maxTemplateShare × live count⌋)` of the live deployments — a template's first live deployment is always
 * allowed (with one live strategy any template is 100 %). Measured: the template's share after entry.
 *
 * @param liveAfterCap the live set the candidate joins (without those the live cap demotes).
 */
export function checkTemplateDiversity(limits: PortfolioLimits, liveAfterCap: readonly LiveMember[], candidate: LiveMember, nowMs: number): GateCheck {
  const members = [...liveAfterCap.filter((member) => member.deploymentId !== candidate.deploymentId), candidate];
  const sameTemplate = members.filter((member) => member.templateId === candidate.templateId).length;
  const allowed = Math.max(1, Math.floor(limits.maxTemplateShare * members.length + 1e-9));
  const share = sameTemplate / members.length;
  const check = makeCheck('portfolio.maxTemplateShare', 'portfolio', '<=', limits.maxTemplateShare, share, 'fraction', now(nowMs), `Share of live deployments on template "${candidate.templateId}" after entry`);
  const passed = sameTemplate <= allowed;
  return {
    ...check,
    status: passed ? 'pass' : 'fail',
    message: `${check.message.replace(/ \(portfolio\.maxTemplateShare\)$/, '')}; ${sameTemplate} of ${members.length} live, at most ${allowed} allowed (portfolio.maxTemplateShare)`,
  };
}

/** A live deployment's daily returns (from its shadow/paper/live P&L, or its backtest when those are too short). */
export interface MemberReturns {
  deploymentId: string;
  returns: DailyReturns;
}

/** The UTC days `[fromDay, toDay]` the correlation limit measures at `nowMs`: the trailing `correlationWindowDays` full days before now. */
export function correlationDays(limits: PortfolioLimits, nowMs: number): { fromDay: number; toDay: number } {
  const toDay = utcDayOf(nowMs) - 1;
  return { fromDay: toDay - limits.correlationWindowDays + 1, toDay };
}

/**
 * The first of a deployment's equity marks (index into `timestamp`, non-decreasing bar times) that the correlation
 * limit can read at `nowMs`: the last finite mark before the window's first day (the close the first in-window daily
 * return is measured from), or 0. `calculateDailyReturns` of the marks from here gives the same returns on every day
 * of the window as of all the marks, so {@link checkCorrelations} decides the same; a caller holding years of marks
 * (a simulation) passes these only.
 */
export function correlationMarksStart(limits: PortfolioLimits, nowMs: number, timestamp: Float64Array, equity: Float64Array): number {
  const firstMs = correlationDays(limits, nowMs).fromDay * millisecondsPerDay;
  let low = 0;
  let high = timestamp.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timestamp[middle] < firstMs) low = middle + 1;
    else high = middle;
  }
  let start = low - 1;
  while (start > 0 && equity[start] !== equity[start]) start--;
  return Math.max(start, 0);
}

/**
 * Correlation limit (SC-006): the Pearson correlation of the candidate's daily returns with each live deployment's,
 * over the trailing `correlationWindowDays` full UTC days before now (engine `calculateDailyReturnCorrelation`), must
 * stay below `maxPairwiseCorrelation`. Fewer than `minCorrelationOverlapDays` common days, or an undefined
 * correlation (a constant series), refuses: not measured ⇒ not allowed (fail closed). One check per live member.
 */
export function checkCorrelations(limits: PortfolioLimits, candidate: DailyReturns, live: readonly MemberReturns[], nowMs: number): GateCheck[] {
  const { fromDay, toDay } = correlationDays(limits, nowMs);
  const window = { startMs: fromDay * millisecondsPerDay, endMs: (toDay + 1) * millisecondsPerDay };
  return live.map((member) => {
    const { correlation, overlapDays } = calculateDailyReturnCorrelation(candidate, member.returns, fromDay, toDay);
    if (overlapDays < limits.minCorrelationOverlapDays) {
      return makeCheck('portfolio.minCorrelationOverlapDays', 'portfolio', '>=', limits.minCorrelationOverlapDays, overlapDays, 'days', window, `Common days with live deployment ${member.deploymentId}`);
    }
    return makeCheck('portfolio.maxPairwiseCorrelation', 'portfolio', '<', limits.maxPairwiseCorrelation, Number.isFinite(correlation) ? correlation : null, 'ratio', window, `Daily-return correlation with live deployment ${member.deploymentId} over ${overlapDays} days`);
  });
}

/** Everything the portfolio says about a deployment entering LIVE. */
export interface PortfolioEntryEvaluation {
  passed: boolean;
  /** Live deployments to demote in the same transaction (live cap). */
  demote: LiveMember[];
  checks: GateCheck[];
  refusals: GateCheck[];
}

/**
 * The portfolio constraints of an entry into LIVE, in order: live cap (choosing whom to demote), template diversity
 * and correlation over the live set that remains after those demotions.
 */
export function evaluatePortfolioEntry(limits: PortfolioLimits, live: readonly LiveMember[], candidate: LiveMember, candidateReturns: DailyReturns, liveReturns: readonly MemberReturns[], nowMs: number): PortfolioEntryEvaluation {
  const cap = applyLiveCap(limits, live, candidate, nowMs);
  const demoted = new Set(cap.demote.map((member) => member.deploymentId));
  const remaining = live.filter((member) => !demoted.has(member.deploymentId) && member.deploymentId !== candidate.deploymentId);
  const remainingIds = new Set(remaining.map((member) => member.deploymentId));
  const checks = [
    cap.check,
    checkTemplateDiversity(limits, remaining, candidate, nowMs),
    ...checkCorrelations(limits, candidateReturns, liveReturns.filter((member) => remainingIds.has(member.deploymentId)), nowMs),
  ];
  const missing = remaining.filter((member) => !liveReturns.some((returns) => returns.deploymentId === member.deploymentId));
  for (const member of missing) {
    checks.push(makeCheck('portfolio.minCorrelationOverlapDays', 'portfolio', '>=', limits.minCorrelationOverlapDays, 0, 'days', now(nowMs), `No daily returns for live deployment ${member.deploymentId}`));
  }
  const refusals = checks.filter((check) => check.status === 'fail');
  return { passed: refusals.length === 0, demote: refusals.length === 0 ? cap.demote : [], checks, refusals };
}
