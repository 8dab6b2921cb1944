import type { EntityManager } from '@mikro-orm/postgresql';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { defaultPromotionPolicy, type PromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { promotionTransitions } from '../../src/domain/promotion/promotion-transitions.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';

/**
 * A TEST policy whose evidence gates are open — every threshold null, every stability window 0 sessions, the scorecard
 * conditions off (an entry at most 7 days old is still required), zero critical incidents — with the default's approval
 * matrix and portfolio limits: for tests of the ladder's mechanics (approvals, transactions, portfolio, capital), not of
 * the gates (promotion-gates.test.ts and promotion-ladder.test.ts test those). Its version says so.
 */
export function gatesOpenTestPolicy(version = `${defaultPromotionPolicy.version}-gates-open-test`, change: (policy: PromotionPolicy) => void = () => {}): PromotionPolicy {
  const policy: PromotionPolicy = { ...structuredClone(defaultPromotionPolicy), version, scorecard: { requireComplete: false, requireProductionStandard: false, maxAgeDays: 7 } };
  for (const transition of promotionTransitions) {
    const gates = policy.gates[transition];
    gates.stabilityWindow = { minSessions: 0, minEvaluations: null, minFills: null, minEvaluationsInsteadOfFills: null, minOrders: null };
    for (const key of Object.keys(gates.signalQuality) as (keyof typeof gates.signalQuality)[]) gates.signalQuality[key] = null;
    gates.risk = { minWorstDailyReturn: null, minMaxDrawdown: null, maxConcentrationViolations: null, maxCriticalIncidents: 0, maxWarningIncidents: null };
    for (const key of Object.keys(gates.operational) as (keyof typeof gates.operational)[]) gates.operational[key] = null;
  }
  change(policy);
  return policy;
}

/**
 * A PERMISSIVE test policy for end-to-end runs of the ladder on synthetic data (its version says so): the default's
 * stability windows in sessions (5 / 10 / 20), candidate rule (top 10 % on 30 consecutive evaluation days) and
 * approval matrix, research-only scorecards allowed (`candidate.requireProductionStandard` off), the evidence
 * thresholds open as in {@link gatesOpenTestPolicy}.
 */
export function permissiveWindowsTestPolicy(version = `${defaultPromotionPolicy.version}-permissive-acceptance-test`): PromotionPolicy {
  return gatesOpenTestPolicy(version, (policy) => {
    for (const transition of promotionTransitions) policy.gates[transition].stabilityWindow.minSessions = defaultPromotionPolicy.gates[transition].stabilityWindow.minSessions;
    policy.candidate = { ...defaultPromotionPolicy.candidate, requireProductionStandard: false };
  });
}

/** Adds `policy` as the newest active version (created a second ahead, so it is the newest). */
export async function activatePolicy(em: EntityManager, policy: PromotionPolicy): Promise<PromotionPolicy> {
  em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: true, createdAt: new Date(Date.now() + 1000) });
  await em.flush();
  return policy;
}

/** A scorecard entry of today (UTC) for the strategy version — complete, production standard — so the scorecard gate has evidence (none added when the strategy has one today). */
export async function scoreToday(em: EntityManager, strategy: { id: string }, strategyVersion: { id: string }, rank: number | null = null): Promise<void> {
  if ((await em.count(ScorecardEntry, { strategy: strategy.id, evaluationDate: new Date().toISOString().slice(0, 10) })) > 0) return;
  const generatedBy = (await em.findOne(User, { email: 'pat@production.test' })) ?? em.create(User, { email: 'pat@production.test', displayName: 'Pat', roles: ['production'], kind: 'human' });
  em.create(ScorecardEntry, {
    strategy: strategy.id,
    strategyVersion: strategyVersion.id,
    evaluationDate: new Date().toISOString().slice(0, 10),
    normalizedScore: 90,
    recommendation: 'promote',
    generatedBy,
    rank,
    complete: true,
    researchOnly: false,
  });
  await em.flush();
}
