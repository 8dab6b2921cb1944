import type { CapitalGuardrails, CapitalState, RiskCategory } from '../strategy/strategy.entity.ts';
import type { CapitalPolicy } from './capital-policy.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import { makeCheck, type GateCheck } from './gate-check.ts';

/** Allocations are whole units of 0.0001 of the portfolio (the `numeric(12,4)` column), so sums are exact integers. */
const unitsPerWhole = 10_000;
const toUnits = (fraction: number) => Math.round(fraction * unitsPerWhole);
const floorUnits = (fraction: number) => Math.floor(fraction * unitsPerWhole + 1e-9);
const toFraction = (units: number) => units / unitsPerWhole;

/** The strategy lifecycle state a stage runs under (README decision: staging = SHADOW or PAPER, production = LIVE). */
export const lifecycleStateOfStage: Readonly<Record<DeploymentStage, CapitalState>> = { observe: 'staging', shadow: 'staging', paper: 'staging', live: 'production' };

/** What allocation depends on for one deployment. */
export interface AllocationSubject {
  deploymentId: string;
  /** The stage it holds (or enters with) capital at. */
  stage: DeploymentStage;
  /** Latest scorecard rank, 1 = best; null = unranked. */
  rank: number | null;
  /** Entries ranked on that scorecard date. */
  rankCount: number;
  riskCategory: RiskCategory;
  /** The strategy's own caps per lifecycle state, fractions (data-model.md `capitalGuardrails`). */
  capitalGuardrails: CapitalGuardrails;
  rolloutWave: 'pilot' | 'full';
}

/** A recommended allocation and the cap it was held to. */
export interface AllocationRecommendation {
  /** Fraction of portfolio, 4 decimals. */
  allocation: number;
  /** The rank tier's allocation (or the base), before the cap and the pilot share. */
  tierAllocation: number;
  /** The guardrail: the smaller of the risk category's and the strategy's own cap for the stage's lifecycle state. */
  cap: number;
  /** The policy field of the binding cap, e.g. `guardrails.moderate` or `strategy.capitalGuardrails.production`. */
  capRule: string;
  /** rank ÷ rankCount; null when unranked. */
  rankPercentile: number | null;
}

/** The cap of one deployment: min(policy guardrail of its risk category, the strategy's own guardrail for the stage). */
export function allocationCap(policy: CapitalPolicy, subject: Pick<AllocationSubject, 'stage' | 'riskCategory' | 'capitalGuardrails'>): { cap: number; capRule: string } {
  const state = lifecycleStateOfStage[subject.stage];
  const own = subject.capitalGuardrails[state];
  const category = policy.guardrails[subject.riskCategory];
  if (own !== undefined && Number.isFinite(own) && own >= 0 && own < category) return { cap: own, capRule: `strategy.capitalGuardrails.${state}` };
  return { cap: category, capRule: `guardrails.${subject.riskCategory}` };
}

/**
 * Rank-driven allocation (lifecycle-spec clarification): the first tier whose `maxRankPercentile` covers
 * rank ÷ rankCount, else `baseAllocation`; held to the guardrail; a pilot wave gets `pilotFraction` of it; floored to
 * 4 decimals.
 */
export function recommendAllocation(policy: CapitalPolicy, subject: AllocationSubject): AllocationRecommendation {
  const rankPercentile = subject.rank === null || !(subject.rankCount > 0) ? null : subject.rank / subject.rankCount;
  const tier = rankPercentile === null ? undefined : policy.rankTiers.find((candidate) => rankPercentile <= candidate.maxRankPercentile + 1e-12);
  const tierAllocation = tier?.allocation ?? policy.baseAllocation;
  const { cap, capRule } = allocationCap(policy, subject);
  const capped = Math.min(floorUnits(tierAllocation), floorUnits(cap));
  const units = subject.rolloutWave === 'pilot' ? Math.floor(capped * policy.pilotFraction + 1e-9) : capped;
  return { allocation: toFraction(units), tierAllocation, cap, capRule, rankPercentile };
}

/** A deployment's current allocation. */
export interface CurrentAllocation {
  deploymentId: string;
  stage: DeploymentStage;
  /** Fraction of portfolio. */
  allocation: number;
}

/** Granted (with the allocation and the stage's total after it) or refused (with the failed check). */
export type AllocationDecision =
  | { allowed: true; allocation: number; totalAfter: number; recommendation: AllocationRecommendation; checks: GateCheck[] }
  | { allowed: false; refusal: GateCheck; recommendation: AllocationRecommendation; checks: GateCheck[] };

/**
 * Capital for one deployment entering (or re-sized at) `subject.stage` (FR-022/FR-024): zero over-allocation. The
 * stage's book is `current` minus the deployment itself and those `releasing` their capital in the same transaction
 * (demoted by the live cap, rolled back). An explicit `requested` allocation must fit the guardrail, the minimum and
 * the headroom, else it is refused with the rule; without one, the recommendation is granted, shrunk to the headroom
 * when needed, and refused when the headroom is below `minAllocation`. A stage that holds no capital gets 0.
 *
 * @param requested fraction of portfolio chosen by the approver; null = the recommendation.
 */
export function allocateCapital(
  policy: CapitalPolicy,
  subject: AllocationSubject,
  current: readonly CurrentAllocation[],
  releasing: readonly string[],
  requested: number | null,
  nowMs: number,
): AllocationDecision {
  const recommendation = recommendAllocation(policy, subject);
  const window = { startMs: nowMs, endMs: nowMs };
  if (!policy.allocatedStages.includes(subject.stage)) return { allowed: true, allocation: 0, totalAfter: 0, recommendation, checks: [] };
  const released = new Set([...releasing, subject.deploymentId]);
  const usedUnits = current.filter((entry) => entry.stage === subject.stage && !released.has(entry.deploymentId)).reduce((sum, entry) => sum + toUnits(entry.allocation), 0);
  const maxUnits = floorUnits(policy.maxTotalAllocation);
  const minUnits = Math.ceil(policy.minAllocation * unitsPerWhole - 1e-9);
  const capUnits = floorUnits(recommendation.cap);
  const checks: GateCheck[] = [];
  const refuse = (check: GateCheck): AllocationDecision => ({ allowed: false, refusal: check, recommendation, checks: [...checks, check] });

  const totalCheck = (units: number) => makeCheck('capital.maxTotalAllocation', 'capital', '<=', toFraction(maxUnits), toFraction(usedUnits + units), 'fraction', window, `Total ${subject.stage} allocation with this deployment`);
  const minimumCheck = (units: number) => makeCheck('capital.minAllocation', 'capital', '>=', toFraction(minUnits), toFraction(units), 'fraction', window, 'Allocation');

  let units: number;
  if (requested !== null) {
    if (!Number.isFinite(requested) || requested <= 0 || requested > 1) {
      return refuse(makeCheck('capital.requested', 'capital', '<=', 1, Number.isFinite(requested) ? requested : null, 'fraction', window, 'Requested allocation must be a fraction in (0, 1]'));
    }
    units = toUnits(requested);
    const guardrail = makeCheck(`capital.${recommendation.capRule}`, 'capital', '<=', toFraction(capUnits), toFraction(units), 'fraction', window, 'Requested allocation vs its guardrail');
    if (guardrail.status === 'fail') return refuse(guardrail);
    checks.push(guardrail);
    const minimum = minimumCheck(units);
    if (minimum.status === 'fail') return refuse(minimum);
    checks.push(minimum);
    const total = totalCheck(units);
    if (total.status === 'fail') return refuse(total);
    checks.push(total);
  } else {
    const recommended = toUnits(recommendation.allocation);
    const minimum = minimumCheck(recommended);
    if (minimum.status === 'fail') return refuse(minimum);
    checks.push(minimum);
    // Shrink to the headroom, but never below the minimum: then the total refuses with what it would have been.
    if (maxUnits - usedUnits < minUnits) return refuse(totalCheck(recommended));
    units = Math.min(recommended, maxUnits - usedUnits);
    checks.push(totalCheck(units));
  }
  return { allowed: true, allocation: toFraction(units), totalAfter: toFraction(usedUnits + units), recommendation, checks };
}

/** One deployment's allocation after a rebalance. */
export interface RebalancedAllocation {
  deploymentId: string;
  stage: DeploymentStage;
  /** New allocation, fraction of portfolio (4 decimals). */
  allocation: number;
  /** Its recommendation before scaling. */
  recommended: number;
  /** True when the stage's recommendations exceeded `maxTotalAllocation` and were scaled down pro rata. */
  scaled: boolean;
  /** True when scaling left it below `minAllocation` (the caller decides: keep, or demote the lowest-ranked). */
  belowMinimum: boolean;
}

/**
 * Rebalance (FR-024, after promotions and demotions): every deployment of an allocated stage gets its recommendation;
 * where a stage's sum exceeds `maxTotalAllocation`, all of that stage are scaled by max ÷ sum and floored to 4
 * decimals, so the sum never exceeds the maximum. Deployments of other stages get 0. Deterministic, order-preserving.
 */
export function rebalanceAllocations(policy: CapitalPolicy, subjects: readonly AllocationSubject[]): RebalancedAllocation[] {
  const recommended = subjects.map((subject) => (policy.allocatedStages.includes(subject.stage) ? toUnits(recommendAllocation(policy, subject).allocation) : 0));
  const maxUnits = floorUnits(policy.maxTotalAllocation);
  const minUnits = Math.ceil(policy.minAllocation * unitsPerWhole - 1e-9);
  const sumByStage = new Map<DeploymentStage, number>();
  subjects.forEach((subject, index) => sumByStage.set(subject.stage, (sumByStage.get(subject.stage) ?? 0) + recommended[index]));
  return subjects.map((subject, index) => {
    const sum = sumByStage.get(subject.stage)!;
    const scaled = sum > maxUnits;
    const units = scaled ? Math.floor((recommended[index] * maxUnits) / sum) : recommended[index];
    return {
      deploymentId: subject.deploymentId,
      stage: subject.stage,
      allocation: toFraction(units),
      recommended: toFraction(recommended[index]),
      scaled,
      belowMinimum: policy.allocatedStages.includes(subject.stage) && units < minUnits,
    };
  });
}
