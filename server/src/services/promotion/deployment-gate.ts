import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { buildPromotionEvidence } from '../../domain/promotion/build-promotion-evidence.ts';
import type { ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { evaluatePromotionGates, type GateEvaluation } from '../../domain/promotion/promotion-gates.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { promotionTransitionBetween, stageLevel, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { loadDeploymentsEvidence, type DeploymentEvidenceContext, type EvidenceClock, type StageEntry } from './deployment-evidence.ts';
import { evaluateDemotionTriggers, type DemotionDecision } from '../../domain/promotion/demotion-triggers.ts';
import { millisecondsPerDay } from '../../engine/index.ts';
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
  const prepared = (await prepareEvidenceSubjects(em, subjects.map(({ deployment }) => deployment), platformNowMs)).map((subject, index) => {
    const { deployment, transition } = subjects[index]!;
    const next = deploymentStages[stageLevel(deployment.stage) + 1];
    return { ...subject, chosen: transition ?? (next ? promotionTransitionBetween(deployment.stage, next) : null) };
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

/** A deployment with what its evidence is read against (see {@link prepareEvidenceSubjects}). */
interface PreparedSubject {
  deployment: Deployment;
  facts: ReturnType<typeof stageFacts>;
  scorecard: ScorecardEvidence | null;
  context: DeploymentEvidenceContext;
}

/**
 * What the gates and the demotion triggers of many deployments (their strategies populated) read besides their own
 * records, read once: their strategies' promotion records (stage entry, freeze, protective exits), the latest
 * scorecards and the portfolio's concentration context. Read-only.
 */
async function prepareEvidenceSubjects(em: EntityManager, deployments: readonly Deployment[], platformNowMs: number): Promise<PreparedSubject[]> {
  const strategyIds = [...new Set(deployments.map((deployment) => deployment.strategy.id))];
  const [records, scorecards, concentrationContext] = await Promise.all([
    em.find(PromotionRecord, { strategy: { $in: strategyIds } }, { orderBy: { sequence: 'desc' } }),
    latestScorecards(em, strategyIds),
    loadConcentrationContext(em),
  ]);
  const recordsByStrategy = new Map<string, PromotionRecord[]>(strategyIds.map((id) => [id, []]));
  for (const record of records) recordsByStrategy.get(record.strategy.id)!.push(record);
  return deployments.map((deployment) => {
    const facts = stageFacts(deployment, recordsByStrategy.get(deployment.strategy.id)!);
    const scorecard = scorecards.get(deployment.strategy.id) ?? null;
    const concentration = concentrationBasis(concentrationContext, deployment);
    const context: DeploymentEvidenceContext = { stageEnteredAt: facts.stageEnteredAt, stageEntry: facts.stageEntry, wallNowMs: platformNowMs, frozen: facts.frozen, scorecard, concentration, protectiveExitsMs: facts.protectiveExitsMs };
    return { deployment, facts, scorecard, context };
  });
}

/** One deployment's automatic demotion triggers, evaluated now (see {@link evaluateDeploymentDemotions}). */
export interface DeploymentDemotion {
  deployment: Deployment;
  /** The pure decision; null when the evidence could not be read (`evidenceError`): nothing is decided on it. */
  decision: DemotionDecision | null;
  evidenceError: string | null;
  /** The triggers' evidence window on the deployment's clock (market time for a replay, wall time live), ms. */
  window: { startMs: number; endMs: number };
  clock: EvidenceClock;
}

/**
 * The automatic demotion triggers (promotion-framework §2) of many deployments (their strategies populated) under
 * `policy` (null: none is valid — the triggers then send everything to OBSERVE): the same pure
 * `evaluateDemotionTriggers` over `buildPromotionEvidence` that the governance simulation calls, on each deployment's
 * own records over the last `policy.demotion.lookbackDays` at its stage (from its stage entry when that is later; its
 * clock: a replay's bars' time, the wall clock live). Read-only: the caller acts on the decisions.
 * @returns one evaluation per deployment, in their order.
 */
export async function evaluateDeploymentDemotions(em: EntityManager, deployments: readonly Deployment[], policy: PromotionPolicy | null, platformNowMs: number): Promise<DeploymentDemotion[]> {
  if (deployments.length === 0) return [];
  const lookbackMs = (policy?.demotion.lookbackDays ?? fallbackDemotionLookbackDays) * millisecondsPerDay;
  // A live feed's records are read from the lookback's start when its stage began earlier (a LIVE deployment of a year
  // has a year of hourly signals and marks; the triggers read 30 days of them). A replay's window is in market time,
  // which its records' wall-clock stamps cannot select: it is read whole and cut below.
  const lookbackStart = new Date(platformNowMs - lookbackMs);
  const prepared = (await prepareEvidenceSubjects(em, deployments, platformNowMs)).map((subject) =>
    subject.deployment.feedKind !== 'replay' && subject.context.stageEnteredAt < lookbackStart ? { ...subject, context: { ...subject.context, stageEnteredAt: lookbackStart, stageEntry: 'start' as const } } : subject,
  );
  const evidence = await loadDeploymentsEvidence(em, prepared);
  return prepared.map(({ deployment }, index) => {
    const { input, clock } = evidence[index]!;
    const window = { startMs: Math.max(input.window.startMs, input.window.endMs - lookbackMs), endMs: input.window.endMs };
    try {
      const decision = evaluateDemotionTriggers(buildPromotionEvidence({ ...input, window }, policy?.measurement ?? fallbackMeasurement), policy);
      return { deployment, decision, evidenceError: null, window, clock };
    } catch (error) {
      return { deployment, decision: null, evidenceError: error instanceof Error ? error.message : String(error), window, clock };
    }
  });
}

/** The triggers' lookback when no valid policy exists (the default policy's): the decision is then OBSERVE whatever it reads. */
const fallbackDemotionLookbackDays = 30;
