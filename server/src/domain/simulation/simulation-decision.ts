import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';

/** Kinds of simulated decision, each taken by the production decision function named in its evidence. */
export const simulationDecisionKinds = [
  'evaluation_cycle',
  'candidate',
  'gate_refused',
  'promotion_requested',
  'approval_signed',
  'promotion_rejected',
  'promotion_blocked',
  'promotion_executed',
  'live_cap_demotion',
  'demotion',
  'rollback',
  'deactivation',
  'throttle',
  'observe_freeze',
  'incident',
  'revalidation',
] as const;
export type SimulationDecisionKind = (typeof simulationDecisionKinds)[number];

/** One number a decision rested on: the rule (policy field), the measured value, its limit and the verdict. */
export interface SimulationEvidence {
  rule: string;
  measured: number | null;
  threshold: number | null;
  status: string;
}

/**
 * One simulated decision with its evidence (issue 15: "every simulated decision with its evidence"). Everything a
 * simulation produces is simulated: no real deployment, request or record is touched.
 */
export interface SimulationDecision {
  /** Order within the run (0, 1, …). */
  sequence: number;
  /** Simulated time of the decision, ms since the epoch. */
  atMs: number;
  kind: SimulationDecisionKind;
  deploymentId: string | null;
  strategyId: string | null;
  fromStage: DeploymentStage | 'retired' | null;
  toStage: DeploymentStage | 'retired' | null;
  /** The policy version that decided (promotion, monitoring, capital or scoring), null for simulated people. */
  policyVersion: string | null;
  /** The rule that decided (first failing check, the monitoring rule, the approval step…), null when none. */
  rule: string | null;
  message: string;
  evidence: SimulationEvidence[];
}

/** The identity of a decision when two runs are compared: what, to whom, when and to which stage. */
export function decisionKey(decision: SimulationDecision): string {
  return `${decision.atMs}|${decision.kind}|${decision.strategyId ?? ''}|${decision.fromStage ?? ''}>${decision.toStage ?? ''}|${decision.rule ?? ''}`;
}
