import { defaultScoringPolicy, type ScoringPolicy } from '../../engine/index.ts';
import { defaultMonitoringPolicy, type MonitoringPolicy } from '../monitoring/policy/monitoring-policy.ts';
import { defaultCapitalPolicy, type CapitalPolicy } from '../promotion/capital-policy.ts';
import { defaultPromotionPolicy, type PromotionPolicy } from '../promotion/promotion-policy.ts';

/**
 * The policy versions a governance simulation may run (issue 15). The defaults are the production defaults, unchanged
 * (never loosened for a livelier report). The other versions exist only for simulations and say so in their version:
 * - promotion `…-permissive-sim`: the "what the gates prevented" counterfactual — the default with the scorecard
 *   conditions off, a looser candidate rule (top half for 2 evaluation dates) and the stage windows' performance,
 *   risk and operational thresholds off; approvals, the portfolio limits and the demotion triggers stay;
 * - promotion `…-permissive-cooldown-sim`: the permissive version plus the re-entry cool-down
 *   (`reentryCooldown`: 30 days after a rollback or demotion, doubled for each further one within 180 days, and a
 *   scorecard dated after the exit) — the comparison that measures the cool-down (docs/governance-simulation.md);
 * - monitoring `…-lag-1000bps-sim`: the default with the benchmark-lag rollback at −1,000 bps instead of −200 (the
 *   issue's acceptance comparison);
 * - promotion `…-stress-sim` and monitoring `…-stress-sim`: bench only (`governance-simulation.bench.ts --daily
 *   --stress`), to time hourly execution and monitoring with the LIVE set at the live cap. Not a policy anyone should
 *   run: the promotion version is the permissive one with every strategy a candidate after one evaluation date, 1-session
 *   stability windows, the incident allowances and demotion triggers set so they never fire (approvals and the
 *   portfolio limits — live cap, 30 % template share, 0.7 correlation — stay); the monitoring version disables the rules
 *   that move a deployment (benchmark lag, drawdown vs benchmark, underperformance, daily loss); the alerting rules and
 *   data integrity stay.
 */

/** Version of the permissive simulation promotion policy. */
export const permissiveSimulationPromotionVersion = `${defaultPromotionPolicy.version}-permissive-sim`;
/** Version of the permissive simulation promotion policy with the re-entry cool-down. */
export const permissiveCooldownSimulationPromotionVersion = `${defaultPromotionPolicy.version}-permissive-cooldown-sim`;
/** The re-entry cool-down of the `…-permissive-cooldown-sim` version. */
export const simulationReentryCooldown = { days: 30, escalationFactor: 2, lookbackDays: 180, requireScorecardAfterExit: true } as const;
/** Version of the simulation monitoring policy with a 1,000 bps benchmark-lag rollback. */
export const lag1000MonitoringVersion = `${defaultMonitoringPolicy.version}-lag-1000bps-sim`;

/** Version of the bench-only stress promotion policy (reaches the live cap; never a default). */
export const stressSimulationPromotionVersion = `${defaultPromotionPolicy.version}-stress-sim`;
/** Version of the bench-only stress monitoring policy (no rule moves a deployment; never a default). */
export const stressSimulationMonitoringVersion = `${defaultMonitoringPolicy.version}-stress-sim`;

function permissivePromotionPolicy(): PromotionPolicy {
  const policy = structuredClone(defaultPromotionPolicy);
  policy.version = permissiveSimulationPromotionVersion;
  policy.scorecard = { requireComplete: false, requireProductionStandard: false, maxAgeDays: 14 };
  policy.candidate = { topFraction: 0.5, consecutiveEvaluationDays: 2, requireProductionStandard: false, observeStart: null };
  for (const gates of Object.values(policy.gates)) {
    for (const key of Object.keys(gates.signalQuality) as (keyof typeof gates.signalQuality)[]) gates.signalQuality[key] = null;
    gates.risk = { ...gates.risk, minWorstDailyReturn: null, minMaxDrawdown: null, maxConcentrationViolations: null, maxWarningIncidents: null };
    for (const key of Object.keys(gates.operational) as (keyof typeof gates.operational)[]) gates.operational[key] = null;
    gates.stabilityWindow = { ...gates.stabilityWindow, minEvaluations: null, minFills: null, minEvaluationsInsteadOfFills: null, minOrders: null };
  }
  return policy;
}

function permissiveCooldownPromotionPolicy(): PromotionPolicy {
  return { ...permissivePromotionPolicy(), version: permissiveCooldownSimulationPromotionVersion, reentryCooldown: { ...simulationReentryCooldown } };
}

/** A count no simulated window reaches: the allowance is effectively off (the schema's upper bound). */
const neverReached = 10_000_000;

function stressPromotionPolicy(): PromotionPolicy {
  const policy = permissivePromotionPolicy();
  policy.version = stressSimulationPromotionVersion;
  policy.candidate = { ...policy.candidate, topFraction: 1, consecutiveEvaluationDays: 1 };
  for (const gates of Object.values(policy.gates)) {
    gates.stabilityWindow = { ...gates.stabilityWindow, minSessions: 1 };
    gates.risk = { ...gates.risk, maxCriticalIncidents: neverReached };
  }
  policy.demotion = {
    ...policy.demotion,
    minDailyReturn: -1,
    minDrawdown: -1,
    maxConcentrationViolations: neverReached,
    maxWarningIncidents: neverReached,
    maxOrderErrorRate: 1,
    maxDegradedMs: 366 * 86_400_000,
  };
  return policy;
}

function stressMonitoringPolicy(): MonitoringPolicy {
  const policy = structuredClone(defaultMonitoringPolicy);
  policy.version = stressSimulationMonitoringVersion;
  for (const rule of [policy.rules.benchmarkLag, policy.rules.drawdownVsBenchmark, policy.rules.underperformance, policy.rules.dailyLoss]) rule.enabled = false;
  return policy;
}

function lag1000MonitoringPolicy(): MonitoringPolicy {
  const policy = structuredClone(defaultMonitoringPolicy);
  policy.version = lag1000MonitoringVersion;
  policy.rules.benchmarkLag.minActiveReturn = -0.1;
  return policy;
}

/** Every policy version a simulation can name, per kind. */
export const simulationPolicies = {
  scoring: new Map<string, ScoringPolicy>([[defaultScoringPolicy.version, defaultScoringPolicy]]),
  promotion: new Map<string, PromotionPolicy>([
    [defaultPromotionPolicy.version, defaultPromotionPolicy],
    [permissiveSimulationPromotionVersion, permissivePromotionPolicy()],
    [permissiveCooldownSimulationPromotionVersion, permissiveCooldownPromotionPolicy()],
    [stressSimulationPromotionVersion, stressPromotionPolicy()],
  ]),
  monitoring: new Map<string, MonitoringPolicy>([
    [defaultMonitoringPolicy.version, defaultMonitoringPolicy],
    [lag1000MonitoringVersion, lag1000MonitoringPolicy()],
    [stressSimulationMonitoringVersion, stressMonitoringPolicy()],
  ]),
  capital: new Map<string, CapitalPolicy>([[defaultCapitalPolicy.version, defaultCapitalPolicy]]),
} as const;

/**
 * The versions only the bench may run (`governance-simulation.bench.ts --daily --stress`): the API refuses them
 * (`refuseBenchOnlyPolicyVersions`) and the start form never lists them. The bench calls the domain directly.
 */
export const benchOnlySimulationPolicyVersions: ReadonlySet<string> = new Set([stressSimulationPromotionVersion, stressSimulationMonitoringVersion]);

/** The versions a user may start a simulation with, per kind (every known version but the bench-only ones), in `simulationPolicies` order. */
export function selectableSimulationPolicyVersions(): Record<keyof SimulationPolicyVersions, string[]> {
  const selectable = (versions: Iterable<string>) => [...versions].filter((version) => !benchOnlySimulationPolicyVersions.has(version));
  return {
    scoring: selectable(simulationPolicies.scoring.keys()),
    promotion: selectable(simulationPolicies.promotion.keys()),
    monitoring: selectable(simulationPolicies.monitoring.keys()),
    capital: selectable(simulationPolicies.capital.keys()),
  };
}

/** The policy versions of one simulated arm. */
export interface SimulationPolicyVersions {
  scoring: string;
  promotion: string;
  monitoring: string;
  capital: string;
}

/** The production defaults. */
export const defaultSimulationPolicyVersions: SimulationPolicyVersions = {
  scoring: defaultScoringPolicy.version,
  promotion: defaultPromotionPolicy.version,
  monitoring: defaultMonitoringPolicy.version,
  capital: defaultCapitalPolicy.version,
};

/** The resolved policies of one arm. */
export interface SimulationPolicies {
  scoring: ScoringPolicy;
  promotion: PromotionPolicy;
  monitoring: MonitoringPolicy;
  capital: CapitalPolicy;
}
