import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { approvalProgress, checkApproval, type RecordedApproval } from '../../domain/promotion/approval-matrix.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { PromotionApproval, PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';
import { promotionRequestLifecycle, promotionRequestValidityMs } from '../../domain/promotion/promotion-request.lifecycle.ts';
import { promotionTransitionBetween, stageLevel } from '../../domain/promotion/promotion-transitions.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { canonicalJson } from '../audit/audit-chain.ts';
import type { Governance } from '../auth/authorize.ts';
import { operatorReason } from '../deployment/operator-reason.ts';
import type { ServiceContext } from '../service-context.ts';
import { appendPromotionRecord, currentRuntimeFingerprint, verifyPromotionRecordChains, type PromotionChainVerdict } from './promotion-record-chain.ts';
import { moveDeploymentStage } from './promotion-stage-change.ts';

/**
 * Rules a promotion request or approval can break besides the approval matrix's own (`approvalRules`): each refusal's
 * message starts with the rule.
 */
export const promotionRequestRules = [
  'promotion.strategyRetired',
  'promotion.strategyHeld',
  'promotion.policyUnavailable',
  'promotion.notOneStageUp',
  'promotion.transitionNotWired',
  'promotion.requestPending',
  'promotion.requestExpired',
  'promotion.requestNotPending',
] as const;

/** A request with its approvals. */
export interface PromotionRequestView {
  request: PromotionRequest;
  approvals: PromotionApproval[];
}

/** What approving did: the request (approved when this was its last approval) and the record written then. */
export interface PromotionApprovalResult extends PromotionRequestView {
  record: PromotionRecord | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Promotion requests and approvals (issue 12 "Requests and approvals"): a production user asks for a deployment's next
 * stage; approvers sign the steps of the policy's approval matrix (`checkApproval`); the last approval, in ONE
 * transaction, approves the request, moves the deployment's stage, appends the strategy's promotion record and the
 * audit event. Only OBSERVE → SHADOW is executed here; SHADOW → PAPER and PAPER → LIVE (activation, capital limits,
 * the LIVE token) are refused with `promotion.transitionNotWired` until they are built.
 */
export class PromotionRequestService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Opens a request to move `deploymentId` one stage up under the active promotion policy (its version is copied into
   * the request). Expires after `promotionRequestValidityMs`. Audited (`promotion.requested`).
   * @throws ValidationError (`deploymentId`, `reason`), NotFoundError, ConflictError naming the rule
   *   (`promotion.strategyRetired`, `promotion.strategyHeld`, `promotion.policyUnavailable`, `promotion.notOneStageUp`,
   *   `promotion.transitionNotWired`, `promotion.requestPending`), ForbiddenError (production with a fresh step-up).
   */
  async request(input: { deploymentId: string; reason: string }): Promise<PromotionRequestView> {
    await this.governance.authorizeUseCase('requestPromotion', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not an id', 'deploymentId');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional(async (em) => {
      const deployment = await em.findOne(Deployment, { id: input.deploymentId }, { populate: ['strategy'], lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!deployment) throw new NotFoundError('Deployment', input.deploymentId);
      await refuseRetiredOrHeld(em, deployment.strategy);
      const { row } = await activePolicy(em);
      const to = deploymentStages[stageLevel(deployment.stage) + 1];
      const transition = to ? promotionTransitionBetween(deployment.stage, to) : null;
      if (!to || !transition) throw new ConflictError(`promotion.notOneStageUp: deployment ${deployment.id} is at ${deployment.stage}; there is no stage above it`);
      if (transition !== 'observeToShadow') throw new ConflictError(`promotion.transitionNotWired: ${deployment.stage} → ${to} is not executed by the ladder yet (only observe → shadow)`);
      const pending = await em.count(PromotionRequest, { deployment: deployment.id, status: 'pending' });
      if (pending > 0) throw new ConflictError(`promotion.requestPending: deployment ${deployment.id} already has a pending promotion request`);
      const now = this.ctx.clock.now();
      const request = em.create(PromotionRequest, {
        strategy: deployment.strategy,
        deployment,
        transition,
        fromStage: deployment.stage,
        toStage: to,
        policyVersion: row.version,
        requestedBy: this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null,
        reason,
        requestedAt: now,
        expiresAt: new Date(now.getTime() + promotionRequestValidityMs),
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'promotion.requested',
        subjectType: 'PromotionRequest',
        subjectId: request.id,
        details: { deploymentId: deployment.id, strategyId: deployment.strategy.id, transition, fromStage: deployment.stage, toStage: to, policyVersion: row.version, reason, expiresAt: request.expiresAt.toISOString() },
      });
      return { request, approvals: [] };
    });
  }

  /**
   * Signs one step of a pending request's approval matrix as the acting user (role from their roles, per
   * `checkApproval`). When it is the last step, in the same transaction: the request becomes approved, the deployment
   * moves to the new stage, the promotion record is appended to the strategy's chain, and `promotion.stage_changed` is
   * audited and `DEPLOYMENT_UPDATED` published. Nothing is written when it is refused.
   * @throws ValidationError (`requestId`, `step`, `comment`), NotFoundError, ConflictError naming the rule (the matrix's
   *   `approval.*` rules, `promotion.requestNotPending`, `promotion.requestExpired`, `promotion.strategyRetired`,
   *   `promotion.strategyHeld`, `promotion.policyUnavailable`), ForbiddenError (production with a fresh step-up).
   */
  async approve(input: { requestId: string; step: string; comment: string }): Promise<PromotionApprovalResult> {
    await this.governance.authorizeUseCase('approvePromotionRequest', input.requestId);
    if (!isUuid(input.requestId)) throw new ValidationError('requestId is not an id', 'requestId');
    if (!input.step || input.step.length > 100) throw new ValidationError('step: give the approval matrix step (1–100 characters)', 'step');
    const comment = operatorReason(input.comment);
    const approverId = this.ctx.actor.userId;
    if (!approverId) throw new ValidationError('an approval is given by a person', 'approver');
    return this.ctx.em.transactional(async (em) => {
      const request = await this.lockPending(em, input.requestId);
      await refuseRetiredOrHeld(em, request.strategy);
      const policy = await policyOfVersion(em, request.policyVersion);
      const requirement = policy.approvalMatrix[request.transition];
      const approvals = await em.find(PromotionApproval, { request: request.id }, { orderBy: { approvedAt: 'asc', id: 'asc' } });
      const recorded: RecordedApproval[] = approvals.map((approval) => ({ step: approval.step, approverId: approval.approver.id, role: approval.role }));
      const check = checkApproval(requirement, request.requestedBy?.id ?? null, recorded, { step: input.step, approverId, approverRoles: this.ctx.actor.roles });
      if (!check.allowed) throw new ConflictError(`${check.rule}: ${check.message}`);
      const now = this.ctx.clock.now();
      const approval = em.create(PromotionApproval, { request, step: input.step, role: check.role, approver: em.getReference(User, approverId), approvedAt: now, comment });
      await em.flush();
      approvals.push(approval);
      await this.governance.audit.record(em, {
        action: 'promotion.approved',
        subjectType: 'PromotionRequest',
        subjectId: request.id,
        details: { step: input.step, role: check.role, comment, deploymentId: request.deployment.id, transition: request.transition },
      });
      const progress = approvalProgress(requirement, [...recorded, { step: input.step, approverId, role: check.role }]);
      if (!progress.complete) return { request, approvals, record: null };
      const record = await this.complete(em, request, approvals, now);
      return { request, approvals, record };
    });
  }

  /**
   * Rejects a pending request (an approver of the matrix says no; the requester cannot): it becomes `rejected` with the
   * comment; nothing moves. Audited (`promotion.rejected`).
   * @throws ValidationError (`requestId`, `comment`), NotFoundError, ConflictError (`approval.approverIsRequester`,
   *   `promotion.requestNotPending`, `promotion.requestExpired`), ForbiddenError.
   */
  async reject(input: { requestId: string; comment: string }): Promise<PromotionRequestView> {
    await this.governance.authorizeUseCase('rejectPromotionRequest', input.requestId);
    if (!isUuid(input.requestId)) throw new ValidationError('requestId is not an id', 'requestId');
    const comment = operatorReason(input.comment);
    const userId = this.ctx.actor.userId;
    return this.ctx.em.transactional(async (em) => {
      const request = await this.lockPending(em, input.requestId);
      if (userId && request.requestedBy?.id === userId) throw new ConflictError('approval.approverIsRequester: the requester cannot reject their own request (cancel it instead)');
      const now = this.ctx.clock.now();
      await applyTransition(em, promotionRequestLifecycle, {
        entity: PromotionRequest,
        id: request.id,
        field: 'status',
        to: 'rejected',
        subject: (row) => `promotion request ${row.id}`,
        change: (row) => {
          row.decidedAt = now;
          row.decidedBy = userId ? em.getReference(User, userId) : null;
          row.decisionComment = comment;
        },
      });
      await this.governance.audit.record(em, { action: 'promotion.rejected', subjectType: 'PromotionRequest', subjectId: request.id, details: { comment, deploymentId: request.deployment.id, transition: request.transition } });
      return { request, approvals: await em.find(PromotionApproval, { request: request.id }, { orderBy: { approvedAt: 'asc', id: 'asc' } }) };
    });
  }

  /** Requests (whoever reads deployments), newest first, optionally of one strategy or in one status (at most `limit`, 1–200). */
  async list(filter: { strategyId?: string | null; status?: PromotionRequest['status'] | null; limit?: number | null } = {}): Promise<PromotionRequestView[]> {
    await this.governance.authorize('read', 'Deployment');
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const em = this.ctx.em;
    const requests = await em.find(
      PromotionRequest,
      { ...(filter.strategyId ? { strategy: filter.strategyId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      { orderBy: { requestedAt: 'desc', id: 'desc' }, limit },
    );
    const approvals = requests.length ? await em.find(PromotionApproval, { request: { $in: requests.map((request) => request.id) } }, { orderBy: { approvedAt: 'asc', id: 'asc' } }) : [];
    return requests.map((request) => ({ request, approvals: approvals.filter((approval) => approval.request.id === request.id) }));
  }

  /** A strategy's promotion records, oldest first (its chain order). */
  async records(strategyId: string): Promise<PromotionRecord[]> {
    await this.governance.authorize('read', 'Deployment');
    if (!isUuid(strategyId)) throw new ValidationError('strategyId is not an id', 'strategyId');
    return this.ctx.em.find(PromotionRecord, { strategy: strategyId }, { orderBy: { sequence: 'asc' } });
  }

  /** The first broken link of each strategy's chain (or only `strategyId`'s). */
  async verifyChains(strategyId?: string | null): Promise<PromotionChainVerdict[]> {
    await this.governance.authorize('read', 'Deployment');
    if (strategyId != null && !isUuid(strategyId)) throw new ValidationError('strategyId is not an id', 'strategyId');
    return verifyPromotionRecordChains(this.ctx.em.fork(), strategyId ?? undefined);
  }

  /** Locks a request that is still pending and not past its expiry. */
  private async lockPending(em: EntityManager, requestId: string): Promise<PromotionRequest> {
    const request = await em.findOne(PromotionRequest, { id: requestId }, { populate: ['strategy', 'deployment'], lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!request) throw new NotFoundError('PromotionRequest', requestId);
    if (request.status !== 'pending') throw new ConflictError(`promotion.requestNotPending: promotion request ${request.id} is ${request.status}; only a pending request is decided`);
    const now = this.ctx.clock.now();
    if (now.getTime() > request.expiresAt.getTime()) throw new ConflictError(`promotion.requestExpired: promotion request ${request.id} expired at ${request.expiresAt.toISOString()}`);
    return request;
  }

  /** The last approval landed: approve, move the stage, append the record, audit and publish (the caller's transaction). */
  private async complete(em: EntityManager, request: PromotionRequest, approvals: PromotionApproval[], now: Date): Promise<PromotionRecord> {
    await applyTransition(em, promotionRequestLifecycle, {
      entity: PromotionRequest,
      id: request.id,
      field: 'status',
      to: 'approved',
      subject: (row) => `promotion request ${row.id}`,
      change: (row) => {
        row.decidedAt = now;
      },
    });
    const { deployment, from } = await moveDeploymentStage(em, request.deployment.id, request.toStage);
    if (from !== request.fromStage) throw new ConflictError(`promotion.requestNotPending: deployment ${deployment.id} is at ${from}, not ${request.fromStage} as requested`);
    const policyRow = await em.findOneOrFail(PromotionPolicyVersion, { version: request.policyVersion });
    const deploymentFacts = { id: deployment.id, stage: from, equity: deployment.equity, peakEquity: deployment.peakEquity, realizedPnl: deployment.realizedPnl, lastAcceptedBarAt: deployment.lastAcceptedBarAt?.toISOString() ?? null };
    const record = await appendPromotionRecord(em, {
      strategyId: request.strategy.id,
      deploymentId: deployment.id,
      promotionRequestId: request.id,
      decision: 'promote',
      fromStage: request.fromStage,
      toStage: request.toStage,
      policyVersion: request.policyVersion,
      requestedById: request.requestedBy?.id ?? null,
      approvers: approvals.map((approval) => ({ step: approval.step, role: approval.role, userId: approval.approver.id, approvedAt: approval.approvedAt.toISOString() })),
      effectiveAt: now,
      reasonCode: 'approvals_complete',
      metricsSnapshot: { transition: request.transition, deployment: deploymentFacts },
      evidenceReferences: [
        { kind: 'deployment', id: deployment.id, hash: sha256(canonicalJson(deploymentFacts)) },
        { kind: 'promotionPolicy', id: policyRow.id, hash: sha256(canonicalJson(policyRow.definition)) },
      ],
      runtimeFingerprint: currentRuntimeFingerprint(),
    });
    await this.governance.audit.record(em, {
      action: 'promotion.stage_changed',
      subjectType: 'Deployment',
      subjectId: deployment.id,
      details: { requestId: request.id, strategyId: request.strategy.id, stage: { from, to: request.toStage }, policyVersion: request.policyVersion, recordId: record.id, recordHash: record.recordHash, sequence: record.sequence },
    });
    await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'promoted' });
    this.ctx.logger.info({ deploymentId: deployment.id, from, to: request.toStage, requestId: request.id }, 'deployment promoted');
    return record;
  }
}

/** Refuses a retired strategy, one on regulatory hold, or one whose promotions are frozen (held until unfrozen with a new approval). */
async function refuseRetiredOrHeld(em: EntityManager, strategy: Strategy): Promise<void> {
  if (strategy.lifecycleState === 'retired') throw new ConflictError(`promotion.strategyRetired: strategy ${strategy.code} is retired`);
  const [last] = await em.find(PromotionRecord, { strategy: strategy.id }, { orderBy: { sequence: 'desc' }, limit: 1 });
  if (strategy.regulatoryHoldAt) throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is on regulatory hold since ${strategy.regulatoryHoldAt.toISOString()}`);
  if (strategy.promotionsFrozenAt) throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is frozen since ${strategy.promotionsFrozenAt.toISOString()} (${strategy.promotionsFrozenReason}); unfreeze it first`);
  if (last?.decision === 'freeze') throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is frozen since ${last.effectiveAt.toISOString()} (${last.reasonCode}); unfreeze it first`);
}

/** The active policy; an invalid or missing one refuses every promotion (fail closed: everything stays OBSERVE). */
async function activePolicy(em: EntityManager): Promise<{ row: PromotionPolicyVersion; policy: PromotionPolicy }> {
  const row = await em.findOne(PromotionPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!row || !resolution.valid) throw new ConflictError(`promotion.policyUnavailable: ${row ? `policy ${row.version} is invalid (${resolution.valid ? '' : resolution.reason})` : 'no active promotion policy'}; everything stays OBSERVE`);
  return { row, policy: resolution.policy };
}

/** The policy version a request follows. */
async function policyOfVersion(em: EntityManager, version: string): Promise<PromotionPolicy> {
  const row = await em.findOne(PromotionPolicyVersion, { version });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!resolution.valid) throw new ConflictError(`promotion.policyUnavailable: policy ${version} is missing or invalid; everything stays OBSERVE`);
  return resolution.policy;
}
