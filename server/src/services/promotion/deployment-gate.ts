import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { buildPromotionEvidence } from '../../domain/promotion/build-promotion-evidence.ts';
import type { ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { evaluatePromotionGates, type GateEvaluation } from '../../domain/promotion/promotion-gates.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { promotionTransitionBetween, stageLevel, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { loadDeploymentsEvidence, type EvidenceClock, type StageEntry } from './deployment-evidence.ts';
import { latestScorecards } from './latest-scorecards.ts';
import { concentrationBasis, loadConcentrationContext } from './portfolio-concentration.ts';

/** Fallback measurement settings when no valid policy exists (its gates refuse everything; the evidence is still shown). */
export const fallbackMeasurement: PromotionPolicy['measurement'] = { forwardHorizonEvaluations: 1, informationCoefficientMinObservations: 5, calibrationBuckets: 5, discreteSignalMaxDistinctValues: 3, maxQuoteAgeMs: 60_000, concentrationLimit: 0.2 };

/** Demotion reason of a live-cap displacement: not a protective exit (the re-entry cool-down ignores it). */
const notProtective = new Set(['live_cap_displaced']);

/**
 * What a deployment's stage entry and freeze state are, and when it left a stage by a protective exit (its `demote`
 * records except live-cap displacements: the re-entry cool-down's evidence), read from its strategy's promotion
 * records (newest first). The entry is its newest record into the current stage (`stageEntry: 'record'`), else its
 * start (`'start'`).
 */
export function stageFacts(deployment: Deployment, strategyRecordsNewestFirst: readonly PromotionRecord[]): { stageEnteredAt: Date; stageEntry: StageEntry; frozen: boolean; protectiveExitsMs: number[] } {
  const entry = strategyRecordsNewestFirst.find((record) => record.deployment?.id === deployment.id && record.toStage === deployment.stage);
  return {
    stageEnteredAt: entry?.effectiveAt ?? deployment.activationStartedAt ?? deployment.createdAt,
    stageEntry: entry ? 'record' : 'start',
    frozen: deployment.strategy.promotionsFrozenAt != null || strategyRecordsNewestFirst[0]?.decision === 'freeze',
    protectiveExitsMs: strategyRecordsNewestFirst
      .filter((record) => record.deployment?.id === deployment.id && record.decision === 'demote' && !notProtective.has(record.reasonCode))
      .map((record) => record.effectiveAt.getTime()),
  };
}

/** One deployment's next-transition gates, evaluated now. */
export interface DeploymentGate {
  transition: PromotionTransition | null;
  gate: GateEvaluation | null;
  /** Why the evidence could not be read (the gates then refuse: fail closed); null otherwise. */
  evidenceError: string | null;
  clock: EvidenceClock;
  stageEnteredAt: Date;
  frozen: boolean;
  scorecard: ScorecardEvidence | null;
}

/**
 * Evaluates `transition` (default: the promotion out of the deployment's stage) for one deployment (its strategy
 * populated) in `em` under `policy` — the same pure `evaluatePromotionGates` over `buildPromotionEvidence` of the
 * deployment's own records that the board shows, so what the approver read is what the execution re-checks. Read-only.
 * @param platformNowMs the platform's injected clock (the scorecard's age is measured on it).
 */
export async function evaluateDeploymentGate(em: EntityManager, deployment: Deployment, policy: PromotionPolicy | null, platformNowMs: number, transition?: PromotionTransition): Promise<DeploymentGate> {
  return (await evaluateDeploymentGates(em, [{ deployment, transition }], policy, platformNowMs))[0]!;
}

/**
 * {@link evaluateDeploymentGate} of many deployments (the platform's promotion sweep): what they share — their
 * strategies' promotion records, the latest scorecards, the portfolio's concentration context — is read once, and
 * their evidence in one batch (`loadDeploymentsEvidence`); each gate is then the same pure evaluation. Read-only.
 * @returns one gate per subject, in their order.
 */
export async function evaluateDeploymentGates(
  em: EntityManager,
  subjects: readonly { deployment: Deployment; transition?: PromotionTransition }[],
  policy: PromotionPolicy | null,
  platformNowMs: number,
): Promise<DeploymentGate[]> {
  if (subjects.length === 0) return [];
  const strategyIds = [...new Set(subjects.map(({ deployment }) => deployment.strategy.id))];
  const [records, scorecards, concentrationContext] = await Promise.all([
    em.find(PromotionRecord, { strategy: { $in: strategyIds } }, { orderBy: { sequence: 'desc' } }),
    latestScorecards(em, strategyIds),
    loadConcentrationContext(em),
  ]);
  const recordsByStrategy = new Map<string, PromotionRecord[]>(strategyIds.map((id) => [id, []]));
  for (const record of records) recordsByStrategy.get(record.strategy.id)!.push(record);
  const prepared = subjects.map(({ deployment, transition }) => {
    const next = deploymentStages[stageLevel(deployment.stage) + 1];
    const chosen = transition ?? (next ? promotionTransitionBetween(deployment.stage, next) : null);
    const facts = stageFacts(deployment, recordsByStrategy.get(deployment.strategy.id)!);
    const scorecard = scorecards.get(deployment.strategy.id) ?? null;
    const concentration = concentrationBasis(concentrationContext, deployment);
    return { deployment, chosen, facts, scorecard, context: { stageEnteredAt: facts.stageEnteredAt, stageEntry: facts.stageEntry, wallNowMs: platformNowMs, frozen: facts.frozen, scorecard, concentration, protectiveExitsMs: facts.protectiveExitsMs } };
  });
  const evidence = await loadDeploymentsEvidence(em, prepared);
  return prepared.map(({ chosen, facts, scorecard }, index) => {
    const { input, clock } = evidence[index]!;
    let gate: GateEvaluation | null = null;
    let evidenceError: string | null = null;
    if (chosen) {
      try {
        gate = evaluatePromotionGates(chosen, buildPromotionEvidence(input, policy?.measurement ?? fallbackMeasurement), policy, clock.nowMs, platformNowMs);
      } catch (error) {
        evidenceError = error instanceof Error ? error.message : String(error);
      }
    }
    return { transition: chosen, gate, evidenceError, clock, stageEnteredAt: facts.stageEnteredAt, frozen: facts.frozen, scorecard };
  });
}
