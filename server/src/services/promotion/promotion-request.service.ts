import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { VenueCredentialsError, VenueUnavailableError, type VenueProvider } from '../../domain/deployment/venue.ts';
import { isExchangeVenue } from '../../domain/deployment/venues.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { approvalProgress, checkApproval, type RecordedApproval } from '../../domain/promotion/approval-matrix.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import type { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { PromotionRecord as PromotionRecordEntity } from '../../domain/promotion/promotion-record.entity.ts';
import { PromotionApproval, PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';
import { promotionRequestExpiry, promotionRequestLifecycle } from '../../domain/promotion/promotion-request.lifecycle.ts';
import { promotionTransitionBetween, stageLevel, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { Governance } from '../auth/authorize.ts';
import { readVenueAccount } from '../deployment/exchange-credential.service.ts';
import { operatorReason } from '../deployment/operator-reason.ts';
import type { ServiceContext } from '../service-context.ts';
import { verifyPromotionRecordChains, type PromotionChainVerdict } from './promotion-record-chain.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import { lockPortfolio } from './portfolio-book.ts';
import { describeRefusal, executePromotionIn, killSwitchesOn, type ConnectorProbe, type PromotionExecutionOutcome } from './promotion-execution.ts';
import { evaluateDeploymentGate, evaluateDeploymentGates, type DeploymentGate } from './deployment-gate.ts';
import type { RecordedGateVerdict } from '../../domain/promotion/recorded-gate-verdict.ts';
import { monitoringBlockOf } from './monitoring-block.ts';
import { lockStrategyOfDeployment } from './stage-demotion.ts';
import { activePromotionPolicy } from './active-promotion-policy.ts';

/**
 * Rules a promotion request or approval can break besides the approval matrix's own (`approvalRules`): each refusal's
 * message starts with the rule.
 */
/** Deployments whose gates the platform's sweep evaluates in one batch (their evidence rows are held in memory together). */
const gateEvaluationChunk = 50;

export const promotionRequestRules = [
  'promotion.strategyRetired',
  'promotion.strategyHeld',
  'promotion.policyUnavailable',
  'promotion.notOneStageUp',
  'promotion.noExchangeVenue',
  'promotion.approvalsIncomplete',
  'promotion.notFinalAuthorizer',
  'promotion.requestPending',
  'promotion.requestExpired',
  'promotion.requestNotPending',
  'promotion.monitoringBlocked',
] as const;

/** What one run of {@link PromotionRequestService.openDue} did. */
export interface PromotionOpeningRun {
  /** The active policy version that decided; null when none is valid. */
  policyVersion: string | null;
  /** Why nothing was looked at (no valid policy, kill switch on); null otherwise. */
  unavailable: string | null;
  /** The requests opened by the platform; those its policy auto-approves were executed at once (`execution`). */
  opened: PromotionApprovalResult[];
  /**
   * Pending requests their policy version auto-approves whose execution was held back (`executionBlockedRule`), run
   * again now that their monitoring verdict and gates pass: executed, or held again (`execution` says which).
   */
  retried: PromotionApprovalResult[];
  /** Deployments left out, each with the rule and the reason (gates: every failed rule, threshold and measured value). */
  skipped: { deploymentId: string; rule: string; reason: string }[];
}

/** A request with its approvals. */
export interface PromotionRequestView {
  request: PromotionRequest;
  approvals: PromotionApproval[];
}

/**
 * What approving (or `execute`) did: the request (approved when this was its last approval and the promotion
 * executed), the record written then, and what the execution did — `null` while approvals are missing.
 */
export interface PromotionApprovalResult extends PromotionRequestView {
  record: PromotionRecord | null;
  execution: PromotionExecutionOutcome | null;
}

/**
 * Promotion requests and approvals (issue 12 "Requests and approvals"): a production user asks for a deployment's next
 * stage; approvers sign the steps of the policy's approval matrix (`checkApproval`: SHADOW → PAPER a risk and an ops
 * approver, PAPER → LIVE risk, ops, then a final authorizer who is neither); the last approval executes the promotion
 * in ONE transaction (`executePromotionIn`: portfolio limits and capital under the portfolio lock, stage, records,
 * audit, events, and the LIVE confirmation token shown once to the final authorizer).
 *
 * Held back (kill switch on; exchange connector unavailable at LIVE activation): the approval is kept, the request
 * stays pending with `executionBlockedRule`/`Reason`, and production runs it later with {@link execute} (for PAPER →
 * LIVE only the final authorizer, to whom the token is shown). Requests expire after the policy's `requestValidityDays`;
 * {@link expireDue} (cron) moves the overdue ones to `expired`.
 */
export class PromotionRequestService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly notifications: NotificationService;
  private readonly venues: VenueProvider | undefined;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService, venues?: VenueProvider) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
    this.venues = venues;
  }

  /**
   * Opens a request to move `deploymentId` one stage up under the active promotion policy (its version is copied into
   * the request). Expires after the policy's `requestValidityDays`. Audited (`promotion.requested`). When the policy's
   * approval matrix auto-approves the transition, the promotion executes at once in the same transaction, approved by
   * the policy (audit `promotion.auto_approved`, record reason `auto_approved_by_policy`; `execution` says what it did).
   * @throws ValidationError (`deploymentId`, `reason`), NotFoundError, ConflictError naming the rule
   *   (`promotion.strategyRetired`, `promotion.strategyHeld`, `promotion.policyUnavailable`, `promotion.notOneStageUp`,
   *   `promotion.noExchangeVenue` (PAPER → LIVE of a deployment without a live feed's exchange), `promotion.requestPending`,
   *   `promotion.monitoringBlocked` (monitoring blocks the deployment or its strategy; the open incident named)),
   *   ForbiddenError (production with a fresh step-up).
   */
  async request(input: { deploymentId: string; reason: string }): Promise<PromotionApprovalResult> {
    await this.governance.authorizeUseCase('requestPromotion', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not an id', 'deploymentId');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional(async (em) => {
      const opened = await this.openIn(em, input.deploymentId, reason);
      return { request: opened.request, approvals: [], record: opened.execution?.executed ? opened.execution.record : null, execution: opened.execution };
    });
  }

  /**
   * The platform's side of the ladder (issue 12 "Each later stage request is opened automatically when the stage's
   * stability window and gates pass"; cron `open_promotion_requests`): for every active deployment below LIVE, its next
   * transition's gates are evaluated now under the active policy — the same `evaluateDeploymentGate` the board shows
   * and the execution re-checks — and when they pass, the request is opened as the platform (no requester; audited
   * `promotion.requested`, the approvers notified), one transaction per deployment. Idempotent: never a second pending
   * request for a deployment (checked under its row lock). Nothing is opened while a kill switch is on (global or the
   * strategy's), for a retired, held or frozen strategy, while monitoring blocks it, for a PAPER deployment without an
   * exchange (LIVE trades on one), nor again for a transition a person rejected or cancelled since the deployment
   * entered its stage (a person asks again). No valid policy: nothing (fail closed). A pending request its policy
   * version auto-approves whose execution was held back is run again (no person will sign it) once monitoring no longer
   * blocks it and its gates pass under that version — read first, so a still-blocked request writes nothing; then in
   * its own transaction under the request's lock (`retryAutoApprovedIn`): executed once, or held again.
   * @returns what was opened, the held auto-approved requests run again, and each deployment left out with its rule and reason (gates not passing: every failed
   *   rule with threshold and measured value). At most `limit` (1–500) deployments are looked at, oldest first.
   */
  async openDue(limit = 200): Promise<PromotionOpeningRun> {
    await this.governance.authorize('update', 'Deployment');
    const bounded = Math.min(Math.max(Math.trunc(limit), 1), 500);
    const em = this.ctx.em.fork();
    const now = this.ctx.clock.now();
    const run: PromotionOpeningRun = { policyVersion: null, unavailable: null, opened: [], retried: [], skipped: [] };
    let active: { row: PromotionPolicyVersion; policy: PromotionPolicy };
    try {
      active = await activePromotionPolicy(em);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      run.unavailable = error.message;
      return run;
    }
    run.policyVersion = active.row.version;
    const globalSwitch = await killSwitchesOn(em, '00000000-0000-0000-0000-000000000000');
    if (globalSwitch) {
      run.unavailable = `promotion.killSwitchOn: ${globalSwitch}; no request is opened while trading is stopped`;
      return run;
    }
    const deployments = await em.find(
      Deployment,
      { activationState: 'active', stage: { $in: ['observe', 'shadow', 'paper'] } },
      { populate: ['strategy'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: bounded },
    );
    // What the per-deployment rules read, once for the run: the pending and the declined requests of these deployments,
    // each strategy's kill switch and hold (a skipped deployment is left out before its gates are evaluated).
    const deploymentIds = deployments.map((deployment) => deployment.id);
    const requests = deploymentIds.length
      ? await em.find(PromotionRequest, { deployment: { $in: deploymentIds }, status: { $in: ['pending', 'rejected', 'cancelled'] } }, { fields: ['id', 'deployment', 'transition', 'status', 'decidedAt', 'policyVersion', 'executionBlockedRule'] })
      : [];
    const pendingOf = new Set(requests.filter((request) => request.status === 'pending').map((request) => request.deployment.id));
    // Held auto-approved requests (no person will sign them: nobody would run them again otherwise), by deployment.
    const heldAutoApproved = new Map<string, { requestId: string; transition: PromotionTransition; policy: PromotionPolicy }>();
    const requestPolicies = new Map<string, PromotionPolicy | null>();
    for (const request of requests) {
      if (request.status !== 'pending' || request.executionBlockedRule == null) continue;
      if (!requestPolicies.has(request.policyVersion)) requestPolicies.set(request.policyVersion, await policyOfVersion(em, request.policyVersion).catch(() => null));
      const policy = requestPolicies.get(request.policyVersion);
      if (policy?.approvalMatrix[request.transition].autoApprove) heldAutoApproved.set(request.deployment.id, { requestId: request.id, transition: request.transition, policy });
    }
    const retries: { deployment: Deployment; requestId: string; transition: PromotionTransition; policy: PromotionPolicy }[] = [];
    const strategyRules = new Map<string, { rule: string; reason: string } | null>();
    const strategyRule = async (strategy: Strategy) => {
      if (!strategyRules.has(strategy.id)) {
        const strategySwitch = await killSwitchesOn(em, strategy.id);
        const held = strategySwitch ? null : await refuseRetiredOrHeld(em, strategy).then(() => null, (error: unknown) => (error instanceof ConflictError ? error : Promise.reject(error)));
        strategyRules.set(strategy.id, strategySwitch ? { rule: 'promotion.killSwitchOn', reason: strategySwitch } : held ? { rule: held.message.split(':')[0]!, reason: held.message } : null);
      }
      return strategyRules.get(strategy.id)!;
    };
    const candidates: Deployment[] = [];
    for (const deployment of deployments) {
      const skip = (rule: string, reason: string) => void run.skipped.push({ deploymentId: deployment.id, rule, reason });
      const held = heldAutoApproved.get(deployment.id);
      if (pendingOf.has(deployment.id) && !held) {
        skip('promotion.requestPending', 'a request is already pending');
        continue;
      }
      const refused = await strategyRule(deployment.strategy);
      if (refused) {
        skip(refused.rule, refused.reason);
        continue;
      }
      if (held) retries.push({ deployment, ...held });
      else candidates.push(deployment);
    }
    // The gates of the rest, their shared evidence read once per chunk (bounded memory).
    const gates = new Map<string, DeploymentGate>();
    for (let start = 0; start < candidates.length; start += gateEvaluationChunk) {
      const chunk = candidates.slice(start, start + gateEvaluationChunk);
      const evaluated = await evaluateDeploymentGates(em, chunk.map((deployment) => ({ deployment })), active.policy, now.getTime());
      chunk.forEach((deployment, index) => gates.set(deployment.id, evaluated[index]!));
    }
    for (const deployment of candidates) {
      const skip = (rule: string, reason: string) => void run.skipped.push({ deploymentId: deployment.id, rule, reason });
      const gate = gates.get(deployment.id)!;
      if (!gate.transition) continue;
      if (gate.transition === 'paperToLive' && !(deployment.feedVenue && isExchangeVenue(deployment.feedVenue))) {
        skip('promotion.noExchangeVenue', `deployment ${deployment.id} reads a ${deployment.feedKind} feed without an exchange; LIVE trades on the exchange of a live feed`);
        continue;
      }
      const declined = requests.some(
        (request) => request.deployment.id === deployment.id && request.transition === gate.transition && (request.status === 'rejected' || request.status === 'cancelled') && request.decidedAt != null && request.decidedAt.getTime() >= gate.stageEnteredAt.getTime(),
      );
      if (declined) {
        skip('promotion.declinedAtThisStage', `a ${gate.transition} request of this deployment was rejected or cancelled since it entered ${deployment.stage}; a person asks again`);
        continue;
      }
      if (!gate.gate?.passed) {
        const refusals = gate.gate?.refusals.map(describeRefusal).join('; ');
        skip('promotion.gatesNotPassed', gate.evidenceError ? `the evidence could not be read: ${gate.evidenceError}` : (refusals ?? 'no gate evaluation'));
        continue;
      }
      const reason = `Opened by the platform: the ${gate.transition} stability window and gates pass under policy ${active.row.version} (${gate.gate.checks.length} checks, evidence up to ${new Date(gate.clock.nowMs).toISOString()} on the deployment's ${gate.clock.kind} clock).`;
      try {
        const opened = await this.ctx.em.fork().transactional((tx) => this.openIn(tx, deployment.id, reason, { expectedTransition: gate.transition!, gate, evaluatedAt: now }));
        run.opened.push({ request: opened.request, approvals: [], record: opened.execution?.executed ? opened.execution.record : null, execution: opened.execution });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        skip(error.message.split(':')[0]!, error.message);
      }
    }
    for (const retry of retries) {
      const skip = (rule: string, reason: string) => void run.skipped.push({ deploymentId: retry.deployment.id, rule, reason });
      // Read first, write only when it may pass: a request still blocked is left as it is (no audit row every run).
      const block = await monitoringBlockOf(em, retry.deployment.id, retry.deployment.strategy.id);
      if (block) {
        skip('promotion.monitoringBlocked', `held auto-approved request ${retry.requestId}: ${block.reason}`);
        continue;
      }
      const gate = await evaluateDeploymentGate(em, retry.deployment, retry.policy, now.getTime(), retry.transition);
      if (!gate.gate?.passed) {
        const refusals = gate.gate?.refusals.map(describeRefusal).join('; ');
        skip('promotion.gatesNotPassed', `held auto-approved request ${retry.requestId}: ${gate.evidenceError ? `the evidence could not be read: ${gate.evidenceError}` : (refusals ?? 'no gate evaluation')}`);
        continue;
      }
      try {
        run.retried.push(await this.ctx.em.fork().transactional((tx) => this.retryAutoApprovedIn(tx, retry.requestId)));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        skip(error.message.split(':')[0]!, error.message);
      }
    }
    // Left-out deployments in the order they were looked at (oldest first), whichever rule left them out.
    const position = new Map(deploymentIds.map((id, index) => [id, index]));
    run.skipped.sort((a, b) => position.get(a.deploymentId)! - position.get(b.deploymentId)!);
    return run;
  }

  /**
   * Runs a held auto-approved request again in `em`, as the platform (`openDue`): under the request's lock it must still
   * be pending, unexpired, its strategy not retired, held or frozen, and its policy version must still auto-approve its
   * transition; audited `promotion.execution_retried` (by the platform), then `executePromotionIn` with the policy as
   * approver — every check again, so it executes once or is held again with its rule. Idempotent: a request executed
   * meanwhile is no longer pending (`promotion.requestNotPending`).
   */
  private async retryAutoApprovedIn(em: EntityManager, requestId: string): Promise<PromotionApprovalResult> {
    const request = await this.lockPending(em, requestId, 'stageChange');
    await refuseRetiredOrHeld(em, request.strategy);
    const policy = await policyOfVersion(em, request.policyVersion);
    if (!policy.approvalMatrix[request.transition].autoApprove) throw new ConflictError(`promotion.approvalsIncomplete: policy ${request.policyVersion} does not auto-approve ${request.transition}`);
    await this.governance.audit.record(em, {
      action: 'promotion.execution_retried',
      subjectType: 'PromotionRequest',
      subjectId: request.id,
      details: { deploymentId: request.deployment.id, transition: request.transition, previouslyHeldBy: request.executionBlockedRule ?? null, retriedBy: 'platform', policyVersion: request.policyVersion },
    });
    const execution = await executePromotionIn(em, this.executionDependencies(), { request, approvals: [], now: this.ctx.clock.now(), probe: null, autoApproved: true });
    return { request, approvals: [], record: execution.executed ? execution.record : null, execution };
  }

  /**
   * Opens the request for `deploymentId`'s next stage in `em` (its row locked; every rule of {@link request} checked;
   * the requester is the acting user, none for the platform). Audited and published; the platform's requests also
   * notify the roles of the transition's approval matrix.
   */
  private async openIn(em: EntityManager, deploymentId: string, reason: string, options: { expectedTransition?: PromotionTransition; gate?: DeploymentGate; evaluatedAt?: Date } = {}): Promise<{ request: PromotionRequest; execution: PromotionExecutionOutcome | null }> {
    // A stage change's lock order (stage-demotion's lockSubject): the strategy row, then the deployment row, both FOR
    // NO KEY UPDATE. Deployment first (as a joined FOR UPDATE read took them), an opening waiting for a freeze that held
    // the strategy held the deployment row the freeze waited for: a deadlock.
    await lockStrategyOfDeployment(em, deploymentId);
    await em.execute('select 1 from deployment where id = ? for no key update', [deploymentId]);
    const deployment = await em.findOne(Deployment, { id: deploymentId }, { populate: ['strategy'], refresh: true });
    if (!deployment) throw new NotFoundError('Deployment', deploymentId);
    await refuseRetiredOrHeld(em, deployment.strategy);
    const { row, policy } = await activePromotionPolicy(em);
    const to = deploymentStages[stageLevel(deployment.stage) + 1];
    const transition = to ? promotionTransitionBetween(deployment.stage, to) : null;
    if (!to || !transition) throw new ConflictError(`promotion.notOneStageUp: deployment ${deployment.id} is at ${deployment.stage}; there is no stage above it`);
    if (options.expectedTransition && transition !== options.expectedTransition) throw new ConflictError(`promotion.notOneStageUp: deployment ${deployment.id} moved to ${deployment.stage} meanwhile`);
    if (to === 'live' && !(deployment.feedVenue && isExchangeVenue(deployment.feedVenue))) {
      throw new ConflictError(`promotion.noExchangeVenue: deployment ${deployment.id} reads a ${deployment.feedKind} feed without an exchange; LIVE trades on the exchange of a live feed`);
    }
    const block = await monitoringBlockOf(em, deployment.id, deployment.strategy.id);
    if (block) throw new ConflictError(`promotion.monitoringBlocked: ${block.reason}`);
    const pending = await em.count(PromotionRequest, { deployment: deployment.id, status: 'pending' });
    if (pending > 0) throw new ConflictError(`promotion.requestPending: deployment ${deployment.id} already has a pending promotion request`);
    const now = this.ctx.clock.now();
    // The verdict the request is opened on (the platform's own evaluation, or one made now for a person), recorded with it.
    const gate = options.gate ?? (await evaluateDeploymentGate(em, deployment, policy, now.getTime(), transition));
    const request = em.create(PromotionRequest, {
      strategy: deployment.strategy,
      deployment,
      transition,
      fromStage: deployment.stage,
      toStage: to,
      policyVersion: row.version,
      requestedBy: this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null,
      reason,
      gateVerdict: recordedVerdict(gate, transition, row.version, options.evaluatedAt ?? now),
      requestedAt: now,
      expiresAt: promotionRequestExpiry(now, policy.requestValidityDays),
    });
    await em.flush();
    await this.governance.audit.record(em, {
      action: 'promotion.requested',
      subjectType: 'PromotionRequest',
      subjectId: request.id,
      details: { deploymentId: deployment.id, strategyId: deployment.strategy.id, transition, fromStage: deployment.stage, toStage: to, policyVersion: row.version, reason, expiresAt: request.expiresAt.toISOString(), openedByPlatform: request.requestedBy === null },
    });
    const requirement = policy.approvalMatrix[transition];
    if (requirement.autoApprove) {
      // The policy approves this transition by itself (promotion-framework §1.A "auto-approve"; the schema allows it
      // only for OBSERVE → SHADOW): no person signs, the promotion executes now in this transaction, recorded as
      // approved by policy `row.version`.
      await this.governance.audit.record(em, {
        action: 'promotion.auto_approved',
        subjectType: 'PromotionRequest',
        subjectId: request.id,
        details: { deploymentId: deployment.id, strategyId: deployment.strategy.id, transition, approvedBy: 'policy', policyVersion: row.version },
      });
      await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: deployment.id, change: 'requested' });
      const execution = await executePromotionIn(em, this.executionDependencies(), { request, approvals: [], now, probe: null, autoApproved: true });
      return { request, execution };
    }
    if (request.requestedBy === null) {
      const roles = [...new Set(requirement.steps.flatMap((step) => step.roles))];
      await this.notifications.notifyIn(em, roles.length > 0 ? roles : ['production'], {
        kind: 'promotion.request_opened',
        message: `${deployment.strategy.code}: the platform opened its ${deployment.stage.toUpperCase()} → ${to.toUpperCase()} promotion request (policy ${row.version}); it waits for ${requirement.steps.map((step) => step.key).join(', ')} until ${request.expiresAt.toISOString()}.`,
        subjectType: 'PromotionRequest',
        subjectId: request.id,
        details: { deploymentId: deployment.id, strategyId: deployment.strategy.id, transition },
      });
    }
    await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: deployment.id, change: 'requested' });
    return { request, execution: null };
  }

  /**
   * Signs one step of a pending request's approval matrix as the acting user (role from their roles, per
   * `checkApproval`). When it is the last step, in the same transaction the promotion executes (`executePromotionIn`):
   * request approved, stage moved, capital allocated, live-cap demotions, chained records, audit, events, and for
   * PAPER → LIVE the confirmation token (in `execution.liveToken`, shown this once). When the execution is held back
   * (kill switch, connector) the approval is kept and the request stays pending. Nothing is written when refused.
   * @throws ValidationError (`requestId`, `step`, `comment`), NotFoundError, ConflictError naming the rule (the matrix's
   *   `approval.*` rules, `promotion.requestNotPending`, `promotion.requestExpired`, `promotion.strategyRetired`,
   *   `promotion.strategyHeld`, `promotion.policyUnavailable`, and a refused portfolio or capital check with its
   *   threshold and measured value), ForbiddenError (production or risk with a fresh step-up).
   */
  async approve(input: { requestId: string; step: string; comment: string }): Promise<PromotionApprovalResult> {
    await this.governance.authorizeUseCase('approvePromotionRequest', input.requestId);
    if (!isUuid(input.requestId)) throw new ValidationError('requestId is not an id', 'requestId');
    if (!input.step || input.step.length > 100) throw new ValidationError('step: give the approval matrix step (1–100 characters)', 'step');
    const comment = operatorReason(input.comment);
    const approverId = this.ctx.actor.userId;
    if (!approverId) throw new ValidationError('an approval is given by a person', 'approver');
    // The exchange is probed before the transaction (no network call while rows are locked), only when this approval
    // may complete a promotion into LIVE.
    const probe = await this.probeBeforeLiveActivation(input.requestId);
    return this.ctx.em.transactional(async (em) => {
      const request = await this.lockPending(em, input.requestId, 'stageChange');
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
      if (!progress.complete) {
        await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: request.deployment.id, change: 'step_approved' });
        return { request, approvals, record: null, execution: null };
      }
      const execution = await executePromotionIn(em, this.executionDependencies(), { request, approvals, now, probe });
      return { request, approvals, record: execution.executed ? execution.record : null, execution };
    });
  }

  /**
   * Runs a pending request whose approvals are all given but whose execution was held back (kill switch was on,
   * exchange connector unavailable), exactly as its last approval would have: one transaction, same checks. Production
   * with a fresh step-up; for PAPER → LIVE only the request's final authorizer (the token is shown to them).
   * @throws ValidationError, NotFoundError, ConflictError (`promotion.approvalsIncomplete`, `promotion.notFinalAuthorizer`,
   *   `promotion.requestNotPending`, `promotion.requestExpired`, and every refusal of the execution), ForbiddenError.
   */
  async execute(input: { requestId: string }): Promise<PromotionApprovalResult> {
    await this.governance.authorizeUseCase('executePromotion', input.requestId);
    if (!isUuid(input.requestId)) throw new ValidationError('requestId is not an id', 'requestId');
    const probe = await this.probeBeforeLiveActivation(input.requestId, true);
    return this.ctx.em.transactional(async (em) => {
      const request = await this.lockPending(em, input.requestId, 'stageChange');
      await refuseRetiredOrHeld(em, request.strategy);
      const policy = await policyOfVersion(em, request.policyVersion);
      const requirement = policy.approvalMatrix[request.transition];
      const approvals = await em.find(PromotionApproval, { request: request.id }, { orderBy: { approvedAt: 'asc', id: 'asc' } });
      const progress = approvalProgress(requirement, approvals.map((approval) => ({ step: approval.step, approverId: approval.approver.id, role: approval.role })));
      if (!progress.complete) throw new ConflictError(`promotion.approvalsIncomplete: request ${request.id} still needs ${progress.pendingSteps.join(', ')}`);
      const last = approvals[approvals.length - 1];
      if (request.toStage === 'live' && last?.approver.id !== this.ctx.actor.userId) {
        throw new ConflictError(`promotion.notFinalAuthorizer: only the final authorizer of request ${request.id} runs a promotion into LIVE (the confirmation token is shown to them)`);
      }
      await this.governance.audit.record(em, { action: 'promotion.execution_retried', subjectType: 'PromotionRequest', subjectId: request.id, details: { deploymentId: request.deployment.id, transition: request.transition, previouslyHeldBy: request.executionBlockedRule ?? null } });
      const execution = await executePromotionIn(em, this.executionDependencies(), { request, approvals, now: this.ctx.clock.now(), probe });
      return { request, approvals, record: execution.executed ? execution.record : null, execution };
    });
  }

  /**
   * Expires every pending request past its `expiresAt` (cron `expire_promotion_requests`): each moves to `expired`
   * through the request lifecycle, audited (`promotion.expired`) and published, in one transaction per request.
   * @returns the ids expired.
   */
  async expireDue(limit = 500): Promise<string[]> {
    const now = this.ctx.clock.now();
    const due = await this.ctx.em.fork().find(PromotionRequest, { status: 'pending', expiresAt: { $lt: now } }, { orderBy: { expiresAt: 'asc' }, limit, fields: ['id'] });
    const expired: string[] = [];
    for (const { id } of due) {
      const done = await this.ctx.em.fork().transactional(async (em) => {
        const row = await em.findOne(PromotionRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        if (!row || row.status !== 'pending' || !(row.expiresAt.getTime() < now.getTime())) return false;
        await applyTransition(em, promotionRequestLifecycle, {
          entity: PromotionRequest,
          id,
          field: 'status',
          to: 'expired',
          subject: (request) => `promotion request ${request.id}`,
          change: (request) => {
            request.decidedAt = now;
          },
        });
        await this.governance.audit.record(em, { action: 'promotion.expired', subjectType: 'PromotionRequest', subjectId: id, details: { deploymentId: row.deployment.id, transition: row.transition, expiresAt: row.expiresAt.toISOString() } });
        await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id, deploymentId: row.deployment.id, change: 'expired' });
        return true;
      }).catch((error: unknown) => {
        if (error instanceof ConflictError) return false;
        throw error;
      });
      if (done) expired.push(id);
    }
    return expired;
  }

  private executionDependencies() {
    return { governance: this.governance, notifications: this.notifications, logger: this.ctx.logger };
  }

  /**
   * Probes the exchange connector of a pending PAPER → LIVE request's deployment (its live feed's exchange): connector
   * configured, credentials readable, balance answered. Outside any transaction; null for other requests. Only when the
   * matrix would be complete after this approval (or `force`, for `execute`).
   */
  private async probeBeforeLiveActivation(requestId: string, force = false): Promise<ConnectorProbe | null> {
    if (!isUuid(requestId)) return null;
    const em = this.ctx.em.fork();
    const request = await em.findOne(PromotionRequest, { id: requestId }, { populate: ['deployment'] });
    if (!request || request.status !== 'pending' || request.toStage !== 'live') return null;
    if (!force) {
      const policy = await policyOfVersion(em, request.policyVersion).catch(() => null);
      const given = await em.count(PromotionApproval, { request: request.id });
      if (!policy || given + 1 < policy.approvalMatrix[request.transition].steps.length) return null;
    }
    const venueName = request.deployment.feedVenue;
    if (!venueName || !isExchangeVenue(venueName)) return { available: false, reason: 'the deployment has no exchange' };
    if (!this.venues) return { available: false, reason: `no exchange connector is configured for ${venueName}` };
    try {
      // The connectors hold no credentials of their own: the probe signs with the venue's sealed account, as the
      // runner's LIVE order path does (none configured → unavailable, named).
      const account = await readVenueAccount(em, this.governance.security, venueName);
      if (!account) return { available: false, reason: `${venueName}: no exchange credentials are configured (setExchangeCredentials)` };
      const venue = await this.venues.venueFor(venueName, account);
      await venue.fetchBalance();
      return { available: true, reason: null };
    } catch (error) {
      if (error instanceof VenueUnavailableError || error instanceof VenueCredentialsError) return { available: false, reason: `${venueName}: ${error.message}` };
      throw error;
    }
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
      const request = await this.lockPending(em, input.requestId, 'request');
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
      await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: request.deployment.id, change: 'rejected' });
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

  /**
   * A request as of an event (`PROMOTION_REQUEST_UPDATED`): its row from the event's snapshot, and the approvals given
   * by then (append-only: those approved at or before the snapshot's last change). @throws ForbiddenError, NotFoundError
   */
  async asOfEvent(delivery: EventDelivery<'PROMOTION_REQUEST_UPDATED'>): Promise<PromotionRequestView> {
    await this.governance.authorize('read', 'Deployment');
    if (!delivery.snapshot) throw new NotFoundError('PromotionRequest', delivery.payload.id);
    const em = this.ctx.em.fork();
    const request = em.map(PromotionRequest, delivery.snapshot as never);
    const approvals = await em.find(PromotionApproval, { request: request.id }, { orderBy: { approvedAt: 'asc', id: 'asc' } });
    const asOf = [request.decidedAt, request.executionBlockedAt].filter((date): date is Date => date != null).map((date) => date.getTime());
    const cutoff = asOf.length > 0 ? Math.max(...asOf) : null;
    return { request, approvals: cutoff === null ? approvals : approvals.filter((approval) => approval.approvedAt.getTime() <= cutoff) };
  }

  /** A strategy's promotion records, oldest first (its chain order). */
  async records(strategyId: string): Promise<PromotionRecord[]> {
    await this.governance.authorize('read', 'Deployment');
    if (!isUuid(strategyId)) throw new ValidationError('strategyId is not an id', 'strategyId');
    return this.ctx.em.find(PromotionRecordEntity, { strategy: strategyId }, { orderBy: { sequence: 'asc' } });
  }

  /** The first broken link of each strategy's chain (or only `strategyId`'s). */
  async verifyChains(strategyId?: string | null): Promise<PromotionChainVerdict[]> {
    await this.governance.authorize('read', 'Deployment');
    if (strategyId != null && !isUuid(strategyId)) throw new ValidationError('strategyId is not an id', 'strategyId');
    return verifyPromotionRecordChains(this.ctx.em.fork(), strategyId ?? undefined);
  }

  /**
   * Locks a request that is still pending and not past its expiry (its row FOR UPDATE). `stageChange` (an approval or
   * execution, which may move the deployment's stage) then takes a stage change's locks in their one order: the
   * portfolio (into PAPER or LIVE: before any strategy or deployment row, as a live-cap demotion under it locks other
   * strategies' rows; and before the audit chain's lock), the strategy row, the deployment row — both FOR NO KEY UPDATE
   * as in stage-demotion's lockSubject, so rows that only reference them (an incident, an order) are inserted meanwhile.
   * The request's strategy and deployment are read after their locks. `request` (a rejection) locks the request only.
   */
  private async lockPending(em: EntityManager, requestId: string, scope: 'request' | 'stageChange'): Promise<PromotionRequest> {
    await em.execute('select 1 from promotion_request where id = ? for update', [requestId]);
    const request = await em.findOne(PromotionRequest, { id: requestId }, { refresh: true });
    if (!request) throw new NotFoundError('PromotionRequest', requestId);
    if (request.status !== 'pending') throw new ConflictError(`promotion.requestNotPending: promotion request ${request.id} is ${request.status}; only a pending request is decided`);
    const now = this.ctx.clock.now();
    if (now.getTime() > request.expiresAt.getTime()) throw new ConflictError(`promotion.requestExpired: promotion request ${request.id} expired at ${request.expiresAt.toISOString()}`);
    if (scope === 'stageChange') {
      if (request.toStage === 'paper' || request.toStage === 'live') await lockPortfolio(em);
      await em.execute('select 1 from strategy where id = ? for no key update', [request.strategy.id]);
      await em.execute('select 1 from deployment where id = ? for no key update', [request.deployment.id]);
    }
    await em.populate(request, ['strategy', 'deployment'], { refresh: true });
    return request;
  }
}

/** Refuses a retired strategy, one on regulatory hold, or one whose promotions are frozen (held until unfrozen with a new approval). */
async function refuseRetiredOrHeld(em: EntityManager, strategy: Strategy): Promise<void> {
  if (strategy.lifecycleState === 'retired') throw new ConflictError(`promotion.strategyRetired: strategy ${strategy.code} is retired`);
  const [last] = await em.find(PromotionRecordEntity, { strategy: strategy.id }, { orderBy: { sequence: 'desc' }, limit: 1 });
  if (strategy.regulatoryHoldAt) throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is on regulatory hold since ${strategy.regulatoryHoldAt.toISOString()}`);
  if (strategy.promotionsFrozenAt) throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is frozen since ${strategy.promotionsFrozenAt.toISOString()} (${strategy.promotionsFrozenReason}); unfreeze it first`);
  if (last?.decision === 'freeze') throw new ConflictError(`promotion.strategyHeld: strategy ${strategy.code} is frozen since ${last.effectiveAt.toISOString()} (${last.reasonCode}); unfreeze it first`);
}

/** A deployment's gate evaluation as recorded on its request (no evaluation — evidence unreadable — records a failed verdict with the reason). */
function recordedVerdict(gate: DeploymentGate, transition: PromotionTransition, policyVersion: string, evaluatedAt: Date): RecordedGateVerdict {
  const evaluation = gate.gate ?? { transition, policyVersion, passed: false, checks: [], refusals: [] };
  return { ...evaluation, evaluatedAt: evaluatedAt.toISOString(), clock: { stageEnteredAtMs: gate.clock.stageEnteredAtMs, nowMs: gate.clock.nowMs, kind: gate.clock.kind }, evidenceError: gate.evidenceError };
}

/** The policy version a request follows. */
async function policyOfVersion(em: EntityManager, version: string): Promise<PromotionPolicy> {
  const row = await em.findOne(PromotionPolicyVersion, { version });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!resolution.valid) throw new ConflictError(`promotion.policyUnavailable: policy ${version} is missing or invalid; everything stays OBSERVE`);
  return resolution.policy;
}
