import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { approvalProgress } from '../../domain/promotion/approval-matrix.ts';
import { buildPromotionEvidence } from '../../domain/promotion/build-promotion-evidence.ts';
import type { ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { evaluatePromotionGates, type GateEvaluation } from '../../domain/promotion/promotion-gates.ts';
import { selectPromotionCandidates, type PromotionCandidate } from '../../domain/promotion/promotion-candidates.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { ApprovalStep, PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import { readActivePromotionPolicy } from './active-promotion-policy.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { PromotionApproval, PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';
import { promotionTransitionBetween, stageLevel, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import type { PromotionRequestView } from './promotion-request.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { loadCandidateInputs } from './candidate-inputs.ts';
import { loadDeploymentsEvidence, type EvidenceClock } from './deployment-evidence.ts';
import { stageFacts } from './deployment-gate.ts';
import { latestScorecards } from './latest-scorecards.ts';
import { concentrationBasis, loadConcentrationContext } from './portfolio-concentration.ts';

/** Deployments the board shows: those not rolled back or retired, newest first, at most this many. */
const boardDeploymentLimit = 200;

/** One step of a pending request's approval matrix and who signed it. */
export interface BoardApprovalStep extends ApprovalStep {
  approval: { role: Role; approverName: string; approvedAt: Date; comment: string } | null;
}

/** A pending request as the board shows it: the request and its matrix steps (from the request's own policy version). */
export interface BoardRequest extends PromotionRequestView {
  requesterName: string | null;
  steps: BoardApprovalStep[];
  /** Every step is signed (or the transition auto-approves). */
  complete: boolean;
}

/** One deployment's card. */
export interface BoardCard {
  deployment: Deployment;
  /** When it entered its stage (wall clock: its last promotion record, else its start). */
  stageEnteredAt: Date;
  clock: EvidenceClock;
  /** The promotion out of its stage; null at LIVE. */
  nextTransition: PromotionTransition | null;
  /** The next transition's stability window in sessions (UTC days); null at LIVE or without a valid policy. */
  stabilityWindowSessions: number | null;
  scorecard: ScorecardEvidence | null;
  /**
   * The next transition's gates; null at LIVE. With a pending request that recorded its verdict (`gateSource`
   * `recorded`), that verdict — what the approvers sign on, under the request's policy version; otherwise evaluated now
   * under the policy in force (`live`).
   */
  gate: GateEvaluation | null;
  /** Where `gate` comes from: `recorded` on the pending request when it was opened, or evaluated `live` now. */
  gateSource: BoardGateSource;
  /** When `gate` was evaluated: the recorded verdict's time, else the board's. */
  gateEvaluatedAt: Date;
  /** Why the evidence could not be read (the gates then refuse: fail closed) — for a recorded verdict, when it was recorded; null otherwise. */
  evidenceError: string | null;
  /** The strategy's promotions are frozen (its freeze mark, or its newest promotion record is a freeze). */
  frozen: boolean;
  pendingRequest: BoardRequest | null;
}

/** Where a card's gate verdict comes from: recorded on its pending request, or evaluated live by the board. */
export type BoardGateSource = 'recorded' | 'live';

/** The production pipeline board. */
export interface PromotionBoard {
  policy: { version: string | null; valid: boolean; invalidReason: string | null; definition: PromotionPolicy | null };
  /** Strategies the candidate rule selects today (no deployment and no open request yet). */
  candidates: (PromotionCandidate & { strategy: Strategy })[];
  /** Why no candidate can be computed (no valid promotion or capital policy), or null. */
  candidatesUnavailable: string | null;
  cards: BoardCard[];
  evaluatedAt: Date;
}

/**
 * The production pipeline board (issue 12 "API and web"), read-only: candidates by the policy's candidate rule, every
 * running deployment with its rank, score, time at stage against the next transition's stability window, its pending
 * request with the approval matrix's steps, and the next transition's gates: for a deployment with a pending request,
 * the verdict recorded when it was opened (what its approvers sign on); for the others, evaluated now by the same pure
 * function the ladder uses (`evaluatePromotionGates` over `buildPromotionEvidence` of the deployment's own records).
 */
export class PromotionBoardService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The board as of now. @throws ForbiddenError (needs `read Deployment`). */
  async board(): Promise<PromotionBoard> {
    await this.governance.authorize('read', 'Deployment');
    const em = this.ctx.em.fork();
    const now = this.ctx.clock.now();
    const { row: policyRow, resolution } = await readActivePromotionPolicy(em);
    const policy = resolution.valid ? resolution.policy : null;
    const deployments = await em.find(
      Deployment,
      { activationState: { $in: ['pending', 'active', 'paused'] } },
      { populate: ['strategy'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: boardDeploymentLimit },
    );
    const strategyIds = [...new Set(deployments.map((deployment) => deployment.strategy.id))];
    const [scorecards, pending, lastRecords, concentrationContext] = await Promise.all([latestScorecards(em, strategyIds), pendingRequests(em, deployments), newestRecords(em, strategyIds), loadConcentrationContext(em)]);

    const subjects = deployments.map((deployment) => {
      const facts = stageFacts(deployment, lastRecords.get(deployment.strategy.id) ?? []);
      const scorecard = scorecards.get(deployment.strategy.id) ?? null;
      const concentration = concentrationBasis(concentrationContext, deployment);
      return { deployment, context: { stageEnteredAt: facts.stageEnteredAt, stageEntry: facts.stageEntry, wallNowMs: now.getTime(), frozen: facts.frozen, scorecard, concentration, protectiveExitsMs: facts.protectiveExitsMs } };
    });
    // Every card's evidence in one batch (six statements whatever the number of deployments).
    const evidence = await loadDeploymentsEvidence(em, subjects);
    const cards: BoardCard[] = [];
    for (const [index, { deployment, context }] of subjects.entries()) {
      const to = deploymentStages[stageLevel(deployment.stage) + 1];
      const nextTransition = to ? promotionTransitionBetween(deployment.stage, to) : null;
      const { stageEnteredAt, frozen, scorecard } = context;
      const { input, clock } = evidence[index]!;
      const pendingRequest = pending.get(deployment.id) ?? null;
      const recorded = recordedVerdictFor(pendingRequest, nextTransition);
      let gate: GateEvaluation | null = recorded?.gate ?? null;
      let evidenceError: string | null = recorded?.evidenceError ?? null;
      if (nextTransition && !recorded) {
        try {
          gate = evaluatePromotionGates(nextTransition, buildPromotionEvidence(input, (policy ?? defaultMeasurementSource(policyRow)).measurement), policy, clock.nowMs, now.getTime());
        } catch (error) {
          evidenceError = error instanceof Error ? error.message : String(error);
        }
      }
      cards.push({
        deployment,
        stageEnteredAt,
        clock,
        nextTransition,
        stabilityWindowSessions: nextTransition && policy ? policy.gates[nextTransition].stabilityWindow.minSessions : null,
        scorecard,
        gate,
        gateSource: recorded ? 'recorded' : 'live',
        gateEvaluatedAt: recorded?.evaluatedAt ?? now,
        evidenceError,
        frozen,
        pendingRequest,
      });
    }
    const { candidates, unavailable } = await this.candidates(em, policy, now);
    return {
      policy: { version: policyRow?.version ?? null, valid: resolution.valid, invalidReason: resolution.valid ? null : resolution.reason, definition: policy },
      candidates,
      candidatesUnavailable: unavailable,
      cards,
      evaluatedAt: now,
    };
  }

  /** FR-005 candidates over the last `consecutiveEvaluationDays` scorecard dates, excluding strategies already deployed or requested. */
  private async candidates(em: EntityManager, policy: PromotionPolicy | null, now: Date) {
    if (!policy) return { candidates: [], unavailable: 'no valid promotion policy: everything stays OBSERVE' };
    const inputs = await loadCandidateInputs(em, policy, now);
    if ('unavailable' in inputs) return { candidates: [], unavailable: inputs.unavailable };
    const selected = selectPromotionCandidates(inputs.history, policy.candidate, inputs.capitalPolicy, inputs.facts, inputs.inLadder);
    return { candidates: selected.map((candidate) => ({ ...candidate, strategy: inputs.strategies.get(candidate.strategyId)! })), unavailable: null };
  }
}

/**
 * The verdict a card shows for its pending request: the one recorded when the request was opened (what the approvers
 * sign on; the execution re-checks the gates on the evidence as it is then), when the request has one for the card's
 * next transition. Null — the board evaluates live — without a pending request, or for a request opened before
 * verdicts were recorded.
 */
function recordedVerdictFor(pending: BoardRequest | null, nextTransition: PromotionTransition | null): { gate: GateEvaluation; evidenceError: string | null; evaluatedAt: Date } | null {
  const verdict = pending?.request.gateVerdict ?? null;
  if (!verdict || !nextTransition || verdict.transition !== nextTransition) return null;
  const { transition, policyVersion, passed, checks, refusals } = verdict;
  return { gate: { transition, policyVersion, passed, checks, refusals }, evidenceError: verdict.evidenceError, evaluatedAt: new Date(verdict.evaluatedAt) };
}

/** An invalid policy still needs measurement settings to build the evidence shown (its gates refuse everything). */
function defaultMeasurementSource(row: PromotionPolicyVersion | null): Pick<PromotionPolicy, 'measurement'> {
  const measurement = row?.definition?.measurement;
  return { measurement: measurement ?? { forwardHorizonEvaluations: 1, informationCoefficientMinObservations: 5, calibrationBuckets: 5, discreteSignalMaxDistinctValues: 3, maxQuoteAgeMs: 60_000, concentrationLimit: 0.2 } };
}

/** The pending request of each deployment, with its matrix steps under the request's own policy version. */
async function pendingRequests(em: EntityManager, deployments: Deployment[]): Promise<Map<string, BoardRequest>> {
  const result = new Map<string, BoardRequest>();
  if (deployments.length === 0) return result;
  const requests = await em.find(PromotionRequest, { status: 'pending', deployment: { $in: deployments.map((deployment) => deployment.id) } }, { populate: ['strategy', 'deployment'], orderBy: { requestedAt: 'desc' } });
  if (requests.length === 0) return result;
  const approvals = await em.find(PromotionApproval, { request: { $in: requests.map((request) => request.id) } }, { orderBy: { approvedAt: 'asc', id: 'asc' } });
  const userIds = [...new Set([...approvals.map((approval) => approval.approver.id), ...requests.flatMap((request) => (request.requestedBy ? [request.requestedBy.id] : []))])];
  const users = new Map((await em.find(User, { id: { $in: userIds } })).map((user) => [user.id, user]));
  const policies = new Map<string, PromotionPolicy | null>();
  for (const request of requests) {
    if (result.has(request.deployment.id)) continue;
    if (!policies.has(request.policyVersion)) {
      const row = await em.findOne(PromotionPolicyVersion, { version: request.policyVersion });
      const resolution = resolvePromotionPolicy(row?.definition ?? null);
      policies.set(request.policyVersion, resolution.valid ? resolution.policy : null);
    }
    const policy = policies.get(request.policyVersion) ?? null;
    const own = approvals.filter((approval) => approval.request.id === request.id);
    const requirement = policy?.approvalMatrix[request.transition] ?? null;
    const name = (id: string) => users.get(id)?.email ?? id;
    const steps: BoardApprovalStep[] = (requirement?.steps ?? []).map((step) => {
      const approval = own.find((candidate) => candidate.step === step.key);
      return { ...step, approval: approval ? { role: approval.role, approverName: name(approval.approver.id), approvedAt: approval.approvedAt, comment: approval.comment } : null };
    });
    const recorded = own.map((approval) => ({ step: approval.step, approverId: approval.approver.id, role: approval.role }));
    result.set(request.deployment.id, {
      request,
      approvals: own,
      requesterName: request.requestedBy ? name(request.requestedBy.id) : null,
      steps,
      complete: requirement ? approvalProgress(requirement, recorded).complete : false,
    });
  }
  return result;
}

/** Each strategy's promotion records, newest first (the board reads the stage entries and the freeze state). */
async function newestRecords(em: EntityManager, strategyIds: string[]): Promise<Map<string, PromotionRecord[]>> {
  const result = new Map<string, PromotionRecord[]>();
  if (strategyIds.length === 0) return result;
  const records = await em.find(PromotionRecord, { strategy: { $in: strategyIds } }, { orderBy: { sequence: 'desc' } });
  for (const record of records) {
    const list = result.get(record.strategy.id);
    if (list) list.push(record);
    else result.set(record.strategy.id, [record]);
  }
  return result;
}
