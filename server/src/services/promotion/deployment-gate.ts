import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { buildPromotionEvidence } from '../../domain/promotion/build-promotion-evidence.ts';
import type { ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { evaluatePromotionGates, type GateEvaluation } from '../../domain/promotion/promotion-gates.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { promotionTransitionBetween, stageLevel, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { loadDeploymentEvidence, type EvidenceClock, type StageEntry } from './deployment-evidence.ts';
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
  const next = deploymentStages[stageLevel(deployment.stage) + 1];
  const chosen = transition ?? (next ? promotionTransitionBetween(deployment.stage, next) : null);
  const records = await em.find(PromotionRecord, { strategy: deployment.strategy.id }, { orderBy: { sequence: 'desc' } });
  const { stageEnteredAt, stageEntry, frozen, protectiveExitsMs } = stageFacts(deployment, records);
  const scorecard = (await latestScorecards(em, [deployment.strategy.id])).get(deployment.strategy.id) ?? null;
  const concentration = concentrationBasis(await loadConcentrationContext(em), deployment);
  const { input, clock } = await loadDeploymentEvidence(em, deployment, { stageEnteredAt, stageEntry, wallNowMs: platformNowMs, frozen, scorecard, concentration, protectiveExitsMs });
  let gate: GateEvaluation | null = null;
  let evidenceError: string | null = null;
  if (chosen) {
    try {
      gate = evaluatePromotionGates(chosen, buildPromotionEvidence(input, (policy?.measurement ?? fallbackMeasurement)), policy, clock.nowMs, platformNowMs);
    } catch (error) {
      evidenceError = error instanceof Error ? error.message : String(error);
    }
  }
  return { transition: chosen, gate, evidenceError, clock, stageEnteredAt, frozen, scorecard };
}
