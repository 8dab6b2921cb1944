import { defaultPromotionPolicy, type PromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { promotionTransitions } from '../../src/domain/promotion/promotion-transitions.ts';

/**
 * Test promotion policies, pure (no database, no entity): the server tests activate them through
 * promotion-gate-fixtures.ts, the e2e stack seeds {@link gatesOpenE2ePolicyVersion} (scripts/e2e-stack.ts). Their
 * versions say what they are; the default policy is never changed.
 */

/**
 * Version of the e2e stack's TEST policy whose evidence gates are open ({@link gatesOpenTestPolicy}): seeded inactive by
 * scripts/e2e-stack.ts; a spec activates it only while it opens the request whose execution it wants to watch
 * (web/e2e/support/promotion-test-policy.ts), so the strict default decides everything else.
 */
export const gatesOpenE2ePolicyVersion = `${defaultPromotionPolicy.version}-gates-open-e2e-test`;

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
