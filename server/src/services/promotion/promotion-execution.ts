import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { isExchangeVenue } from '../../domain/deployment/venues.ts';
import { LiveConfirmationToken } from '../../domain/deployment/live-confirmation-token.entity.ts';
import { liveConfirmationTokenTtl } from '../../domain/deployment/live-confirmation-token-verdict.ts';
import { ConflictError } from '../../domain/errors.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { allocateCapital, type AllocationDecision } from '../../domain/promotion/capital-allocation.ts';
import { CapitalPolicyVersion } from '../../domain/promotion/capital-policy.entity.ts';
import type { CapitalPolicy } from '../../domain/promotion/capital-policy.ts';
import { parseCapitalPolicy } from '../../domain/promotion/capital-policy.schema.ts';
import type { GateCheck } from '../../domain/promotion/gate-check.ts';
import { evaluatePortfolioEntry, type LiveMember, type PortfolioEntryEvaluation } from '../../domain/promotion/portfolio-constraints.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import type { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import type { PromotionApproval } from '../../domain/promotion/promotion-request.entity.ts';
import { PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';
import { promotionRequestLifecycle } from '../../domain/promotion/promotion-request.lifecycle.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { Logger } from '../../infra/logger.ts';
import { canonicalJson } from '../audit/audit-chain.ts';
import type { Governance } from '../auth/authorize.ts';
import { createLiveConfirmationTokenIn, type CreatedLiveConfirmationToken } from '../deployment/live-confirmation-token.service.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import { loadBook, loadDailyReturns, loadLatestRanks, lockPortfolio, type BookEntry, type ScorecardRanks } from './portfolio-book.ts';
import { appendPromotionRecord, currentRuntimeFingerprint } from './promotion-record-chain.ts';
import { moveDeploymentStage } from './promotion-stage-change.ts';
import { demoteDeploymentIn } from './stage-demotion.ts';
import { evaluateDeploymentGate } from './deployment-gate.ts';
import { closePaperBookForLive } from './live-book-start.ts';
import { monitoringBlockOf } from './monitoring-block.ts';

/**
 * Executing a fully approved promotion (issue 12; lifecycle-spec FR-021…FR-025, NFR-003): everything below runs in
 * the caller's ONE transaction — the approval that completed the matrix, or `executePromotion` — so a promotion is
 * never half done: the request approved, the stage moved (with the venue of the new stage), capital allocated, the
 * live-cap demotions, the promotion records (chained), the audit events, the events, and for LIVE the confirmation
 * token. A refusal (portfolio limit, capital) throws and the caller's transaction writes nothing.
 *
 * Not executed, recorded (the request stays pending with every approval; `executePromotion` runs it again later —
 * see {@link promotionHoldRules}): monitoring blocks it (`promotion.monitoringBlocked`, the incident named); the
 * transition's gates re-evaluated on current evidence no longer pass (`promotion.gatesNotPassed`, each rule with its
 * threshold and measured value); or it is held back:
 * - any kill switch on (global or the strategy's) — no promotion executes while trading is stopped
 *   (`promotion.killSwitchOn`);
 * - LIVE only: the exchange connector did not answer the probe made before the transaction
 *   (`promotion.connectorUnavailable`); production is notified.
 *
 * Activation (data-model.md `rolloutWave`, `activationStartedAt`/`activationCompletedAt`): a promotion into a stage
 * that holds capital (the capital policy's `allocatedStages`: PAPER, LIVE) starts the `pilot` wave at the policy's
 * `pilotFraction` of its rank-driven allocation, `activationStartedAt` = now, `activationCompletedAt` = null;
 * `completeRollout` later moves it to the `full` wave (its full allocation, if the book has room) and sets
 * `activationCompletedAt`. Promotions into SHADOW hold no capital: activation starts and completes at once.
 */

/** What a pre-transaction probe of the exchange connector said (LIVE activation only). */
export interface ConnectorProbe {
  available: boolean;
  /** Why not; null when available. */
  reason: string | null;
}

/** The collaborators an execution needs. */
export interface PromotionExecutionDependencies {
  governance: Governance;
  notifications: NotificationService;
  logger: Logger;
}

/** What the execution did. */
export type PromotionExecutionOutcome =
  | {
      executed: true;
      record: PromotionRecord;
      /** Allocation granted at the new stage, fraction of portfolio; null for a stage that holds no capital. */
      allocation: number | null;
      /** Live deployments displaced by the live cap (demoted to SHADOW in the same transaction). */
      demoted: { deploymentId: string; recordId: string }[];
      /** PAPER → LIVE: the confirmation token, shown once to the final authorizer. */
      liveToken: CreatedLiveConfirmationToken | null;
    }
  | { executed: false; rule: PromotionHoldRule; reason: string };

/**
 * Why a fully approved promotion did not execute, the request staying pending with its approvals
 * (`executionBlockedRule`/`Reason`; `executePromotion` runs it again until the request expires):
 * - `promotion.killSwitchOn`, `promotion.connectorUnavailable`: held back while trading is stopped or the exchange is away;
 * - `promotion.monitoringBlocked`: monitoring blocks promotion of the deployment or its strategy (the incident named);
 * - `promotion.gatesNotPassed`: the transition's gates, re-evaluated on current evidence, no longer pass (every failed
 *   rule with its threshold and measured value).
 */
export const promotionHoldRules = ['promotion.killSwitchOn', 'promotion.connectorUnavailable', 'promotion.monitoringBlocked', 'promotion.gatesNotPassed'] as const;
export type PromotionHoldRule = (typeof promotionHoldRules)[number];

/** Rules a promotion's execution can refuse with (besides each portfolio and capital check's own rule). */
export const promotionExecutionRules = [...promotionHoldRules, 'promotion.noExchangeVenue', 'promotion.capitalPolicyUnavailable'] as const;

/**
 * The record's reason code of a promotion the policy approved by itself (its approval matrix says `autoApprove` for the
 * transition: promotion-framework §1.A "auto-approve"): no person signed; the record's `policyVersion` is the approver.
 */
export const autoApprovedReasonCode = 'auto_approved_by_policy';

/** Where a demotion by the live cap sends a displaced LIVE deployment: SHADOW (no broker, no capital; it keeps collecting evidence). */
export const liveCapDemotionStage = 'shadow' as const satisfies DeploymentStage;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** "rule: message (threshold …, measured …)" — every refusal names the rule, its threshold and the measured value. */
export function describeRefusal(check: GateCheck): string {
  const message = check.message.replace(new RegExp(` \\(${check.rule.replace(/\./g, '\\.')}\\)$`), '');
  return `${check.rule}: ${message} (threshold ${check.comparator} ${check.threshold} ${check.unit}, measured ${check.measured ?? 'not measured'})`;
}

/** The kill switches that are on (global, or the strategy's); a missing global row counts as on (fail closed). */
export async function killSwitchesOn(em: EntityManager, strategyId: string): Promise<string | null> {
  const rows = await em.execute<{ scope: string; state: string; reason: string | null }[]>(
    `select scope, state, reason from kill_switch where scope = 'global' or strategy_id = ? for share`,
    [strategyId],
  );
  if (!rows.some((row) => row.scope === 'global')) return 'global: the global kill switch row is missing';
  const on = rows.filter((row) => row.state === 'on');
  return on.length > 0 ? on.map((row) => `${row.scope}: ${row.reason ?? 'no reason given'}`).join('; ') : null;
}

/** The active capital policy; missing or invalid refuses every promotion into a stage that holds capital. */
export async function activeCapitalPolicy(em: EntityManager): Promise<{ row: CapitalPolicyVersion; policy: CapitalPolicy }> {
  const row = await em.findOne(CapitalPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  if (!row) throw new ConflictError('promotion.capitalPolicyUnavailable: no active capital policy; nothing enters PAPER or LIVE');
  try {
    return { row, policy: parseCapitalPolicy(row.definition) };
  } catch (error) {
    throw new ConflictError(`promotion.capitalPolicyUnavailable: capital policy ${row.version} is invalid (${(error as Error).message}); nothing enters PAPER or LIVE`);
  }
}

const rankOf = (ranks: ScorecardRanks, strategyId: string) => ranks.ranks.get(strategyId) ?? null;
const liveMember = (entry: BookEntry, ranks: ScorecardRanks): LiveMember => ({ deploymentId: entry.deploymentId, strategyId: entry.strategyId, templateId: entry.templateId, rank: rankOf(ranks, entry.strategyId) });
const checkSummary = (check: GateCheck) => ({ rule: check.rule, comparator: check.comparator, threshold: check.threshold, measured: check.measured, unit: check.unit, status: check.status });

/** The capital decision for `entry` entering (or re-sized at) `stage` in `wave`, against that stage's book. */
export async function decideAllocation(em: EntityManager, capital: CapitalPolicy, entry: BookEntry, stage: DeploymentStage, wave: 'pilot' | 'full', ranks: ScorecardRanks, releasing: readonly string[], nowMs: number): Promise<AllocationDecision> {
  const book = await loadBook(em, { stages: [stage] });
  return allocateCapital(
    capital,
    { deploymentId: entry.deploymentId, stage, rank: rankOf(ranks, entry.strategyId), rankCount: ranks.rankCount, riskCategory: entry.riskCategory, capitalGuardrails: entry.capitalGuardrails, rolloutWave: wave },
    book.map((member) => ({ deploymentId: member.deploymentId, stage: member.stage, allocation: member.capitalAllocation })),
    releasing,
    null,
    nowMs,
  );
}

/**
 * Executes the approved promotion `request` in `em` (the caller's transaction, with the request row locked): see the
 * module comment. `approvals` are the request's approvals; the last one's approver is the deployment's `approvedBy`
 * and, for LIVE, the token's creator (the final authorizer). `autoApproved`: the request's policy approved it by itself
 * (no approvals; the record says {@link autoApprovedReasonCode} and `metricsSnapshot.approval.by = 'policy'` with the
 * policy version; `approvedBy` stays null).
 * @throws ConflictError naming the rule, threshold and measured value of a refused portfolio or capital check, or
 *   `promotion.noExchangeVenue`, `promotion.capitalPolicyUnavailable`, or an illegal stage move.
 */
export async function executePromotionIn(
  em: EntityManager,
  dependencies: PromotionExecutionDependencies,
  input: { request: PromotionRequest; approvals: readonly PromotionApproval[]; now: Date; probe: ConnectorProbe | null; autoApproved?: boolean },
): Promise<PromotionExecutionOutcome> {
  const { request, approvals, now } = input;
  const nowMs = now.getTime();
  const to = request.toStage;
  const lastApproverId = approvals.length > 0 ? approvals[approvals.length - 1]!.approver.id : null;

  const entersCapitalStage = to === 'paper' || to === 'live';
  if (entersCapitalStage) {
    const killSwitch = await killSwitchesOn(em, request.strategy.id);
    if (killSwitch !== null) return hold(em, dependencies, request, now, 'promotion.killSwitchOn', `a kill switch is on (${killSwitch}); the promotion runs once it is off`);
    if (to === 'live' && !input.probe?.available) {
      const reason = `the exchange connector did not answer (${input.probe?.reason ?? 'not probed'}); the LIVE activation is halted and the approvals stay`;
      await dependencies.notifications.notifyIn(em, ['production'], {
        kind: 'promotion.activation_halted',
        message: `LIVE activation of deployment ${request.deployment.id} halted: ${input.probe?.reason ?? 'connector not probed'}. Retry with executePromotion once the connector answers.`,
        subjectType: 'PromotionRequest',
        subjectId: request.id,
        details: { deploymentId: request.deployment.id, strategyId: request.strategy.id, rule: 'promotion.connectorUnavailable' },
      });
      return hold(em, dependencies, request, now, 'promotion.connectorUnavailable', reason);
    }
  }

  const policy = await policyOfVersion(em, request.policyVersion);

  // Monitoring's verdict (issue 13): no promotion while a monitoring rule of the deployment or its strategy breaches.
  const block = await monitoringBlockOf(em, request.deployment.id, request.strategy.id);
  if (block) return hold(em, dependencies, request, now, 'promotion.monitoringBlocked', block.reason, { incidents: block.incidents, rules: block.rules, ruleResults: block.ruleResults, blockedDeploymentIds: block.blockedDeploymentIds });

  // The gates, re-evaluated on the evidence as it is now (the approvers read them days ago): same pure function, same policy version.
  const current = await em.findOneOrFail(Deployment, { id: request.deployment.id }, { populate: ['strategy'] });
  const gateNow = await evaluateDeploymentGate(em, current, policy, nowMs, request.transition);
  const gate = gateNow.gate;
  if (!gate?.passed) {
    const failed = gate ? gate.refusals.map(describeRefusal).join('; ') : `the evidence could not be read (${gateNow.evidenceError ?? 'unknown'})`;
    const reason = `the ${request.transition} gates of policy ${request.policyVersion} no longer pass on current evidence: ${failed}`;
    return hold(em, dependencies, request, now, 'promotion.gatesNotPassed', reason, { refusals: gate?.refusals.map(checkSummary) ?? [], evidenceError: gateNow.evidenceError, clock: gateNow.clock });
  }

  let evaluation: PortfolioEntryEvaluation | null = null;
  let allocation: AllocationDecision | null = null;
  let capitalVersion: string | null = null;
  let ranks: ScorecardRanks | null = null;
  let liveVenue: Deployment['venue'] | null = null;
  if (entersCapitalStage) {
    await lockPortfolio(em);
    const [entry] = await loadBook(em, { deploymentId: request.deployment.id });
    if (!entry) throw new ConflictError(`promotion.requestNotPending: deployment ${request.deployment.id} is gone`);
    ranks = await loadLatestRanks(em);
    if (to === 'live') {
      const deployment = await em.findOneOrFail(Deployment, { id: request.deployment.id });
      if (!deployment.feedVenue || !isExchangeVenue(deployment.feedVenue)) {
        throw new ConflictError(`promotion.noExchangeVenue: deployment ${deployment.id} reads a ${deployment.feedKind} feed without an exchange; LIVE trades on the exchange of a live feed`);
      }
      liveVenue = deployment.feedVenue;
      const live = await loadBook(em, { stages: ['live'] });
      const limits = policy.portfolio;
      const returns = await loadDailyReturns(em, [entry, ...live], nowMs, limits.correlationWindowDays, limits.minCorrelationOverlapDays);
      const candidateReturns = returns.find((item) => item.deploymentId === entry.deploymentId)!;
      evaluation = evaluatePortfolioEntry(
        limits,
        live.map((member) => liveMember(member, ranks!)),
        liveMember(entry, ranks),
        candidateReturns.returns,
        returns.filter((item) => item.deploymentId !== entry.deploymentId && item.days > 0).map((item) => ({ deploymentId: item.deploymentId, returns: item.returns })),
        nowMs,
      );
      if (!evaluation.passed) throw new ConflictError(evaluation.refusals.map(describeRefusal).join('; '));
    }
    const capital = await activeCapitalPolicy(em);
    capitalVersion = capital.row.version;
    allocation = await decideAllocation(em, capital.policy, entry, to, 'pilot', ranks, evaluation?.demote.map((member) => member.deploymentId) ?? [], nowMs);
    if (!allocation.allowed) throw new ConflictError(describeRefusal(allocation.refusal));
  }

  await applyTransition(em, promotionRequestLifecycle, {
    entity: PromotionRequest,
    id: request.id,
    field: 'status',
    to: 'approved',
    subject: (row) => `promotion request ${row.id}`,
    change: (row) => {
      row.decidedAt = now;
      row.executionBlockedRule = null;
      row.executionBlockedReason = null;
      row.executionBlockedAt = null;
    },
  });

  // Live-cap demotions first: their capital and live seats are released before the candidate takes its own.
  const demoted: { deploymentId: string; recordId: string }[] = [];
  for (const member of evaluation?.demote ?? []) {
    const record = await demoteForLiveCap(em, dependencies, { deploymentId: member.deploymentId, strategyId: member.strategyId, rank: member.rank, displacedBy: request, policyVersion: request.policyVersion, now });
    demoted.push({ deploymentId: member.deploymentId, recordId: record.id });
  }

  const { deployment, from } = await moveDeploymentStage(em, request.deployment.id, to);
  if (from !== request.fromStage) throw new ConflictError(`promotion.requestNotPending: deployment ${deployment.id} is at ${from}, not ${request.fromStage} as requested`);
  // PAPER → LIVE: LIVE starts flat (the paper position was never bought on the exchange; see closePaperBookForLive).
  const paperBookClosed = to === 'live' ? await closePaperBookForLive(em, deployment, now) : null;
  deployment.venue = to === 'live' ? liveVenue! : to === 'paper' ? 'paper' : 'shadow';
  deployment.approvedBy = lastApproverId ? em.getReference(User, lastApproverId) : null;
  deployment.approvedAt = now;
  deployment.activationStartedAt = now;
  if (allocation?.allowed) {
    deployment.capitalAllocation = allocation.allocation;
    deployment.rolloutWave = 'pilot';
    deployment.activationCompletedAt = null;
  } else {
    deployment.rolloutWave = null;
    deployment.activationCompletedAt = now;
  }
  await em.flush();

  const policyRow = await em.findOneOrFail(PromotionPolicyVersion, { version: request.policyVersion });
  const deploymentFacts = { id: deployment.id, stage: from, equity: deployment.equity, peakEquity: deployment.peakEquity, realizedPnl: deployment.realizedPnl, lastAcceptedBarAt: deployment.lastAcceptedBarAt?.toISOString() ?? null };
  const portfolioChecks = [...(evaluation?.checks ?? []), ...(allocation?.checks ?? [])].map(checkSummary);
  const record = await appendPromotionRecord(em, {
    strategyId: request.strategy.id,
    deploymentId: deployment.id,
    promotionRequestId: request.id,
    decision: 'promote',
    fromStage: request.fromStage,
    toStage: to,
    policyVersion: request.policyVersion,
    requestedById: request.requestedBy?.id ?? null,
    approvers: approvals.map((approval) => ({ step: approval.step, role: approval.role, userId: approval.approver.id, approvedAt: approval.approvedAt.toISOString() })),
    effectiveAt: now,
    reasonCode: input.autoApproved ? autoApprovedReasonCode : 'approvals_complete',
    metricsSnapshot: {
      transition: request.transition,
      // No person signed: the policy itself approved (its matrix auto-approves this transition).
      ...(input.autoApproved ? { approval: { by: 'policy', policyVersion: request.policyVersion } } : {}),
      deployment: deploymentFacts,
      // The gates as re-checked at execution (every check, passed): what the promotion rests on.
      gate: { policyVersion: gate.policyVersion, clock: gateNow.clock, checks: gate.checks.map(checkSummary) },
      ...(entersCapitalStage
        ? {
            capital: { policyVersion: capitalVersion, allocation: allocation?.allowed ? allocation.allocation : null, totalAfter: allocation?.allowed ? allocation.totalAfter : null, rolloutWave: 'pilot', recommended: allocation?.recommendation.allocation ?? null, cap: allocation?.recommendation.cap ?? null, capRule: allocation?.recommendation.capRule ?? null },
            rank: ranks ? { rank: rankOf(ranks, request.strategy.id), rankCount: ranks.rankCount, evaluationDate: ranks.evaluationDate } : null,
            portfolioChecks,
            demoted: demoted.map((item) => item.deploymentId),
            ...(paperBookClosed ? { paperBookClosed } : {}),
          }
        : {}),
    },
    evidenceReferences: [
      { kind: 'deployment', id: deployment.id, hash: sha256(canonicalJson(deploymentFacts)) },
      { kind: 'promotionPolicy', id: policyRow.id, hash: sha256(canonicalJson(policyRow.definition)) },
    ],
    runtimeFingerprint: currentRuntimeFingerprint(),
  });
  await dependencies.governance.audit.record(em, {
    action: 'promotion.stage_changed',
    subjectType: 'Deployment',
    subjectId: deployment.id,
    details: {
      requestId: request.id,
      strategyId: request.strategy.id,
      stage: { from, to },
      venue: deployment.venue,
      policyVersion: request.policyVersion,
      recordId: record.id,
      recordHash: record.recordHash,
      sequence: record.sequence,
      ...(allocation?.allowed ? { capitalAllocation: allocation.allocation, capitalPolicyVersion: capitalVersion, rolloutWave: 'pilot', demoted: demoted.map((item) => item.deploymentId) } : {}),
      ...(paperBookClosed ? { paperBookClosed } : {}),
    },
  });
  let liveToken: CreatedLiveConfirmationToken | null = null;
  if (to === 'live') {
    // Only the final authorizer's token enables LIVE: any token made before the promotion is revoked with it.
    const earlier = await em.find(LiveConfirmationToken, { deployment: deployment.id, revokedAt: null });
    for (const token of earlier) {
      token.revokedAt = now;
      token.revokedBy = em.getReference(User, lastApproverId!);
    }
    if (earlier.length > 0) {
      await em.flush();
      await dependencies.governance.audit.record(em, { action: 'live_confirmation_token.revoked', subjectType: 'Deployment', subjectId: deployment.id, details: { tokenIds: earlier.map((token) => token.id), reason: `promoted into LIVE by request ${request.id}: only its final authorizer's token enables LIVE` } });
    }
    liveToken = await createLiveConfirmationTokenIn(em, dependencies.governance, { deployment, creatorId: lastApproverId!, now, ttlMinutes: liveConfirmationTokenTtl.defaultMs / 60_000 });
  }
  // FR-032: research, production and risk learn of every executed promotion (and of the deployments the live cap displaced).
  const allocated = allocation?.allowed ? allocation.allocation : null;
  await dependencies.notifications.notifyIn(em, ['research', 'production', 'risk'], {
    kind: 'promotion.executed',
    message: `Promoted ${from.toUpperCase()} → ${to.toUpperCase()}: deployment ${deployment.id} (${request.strategy.code}, ${deployment.symbol}) under policy ${request.policyVersion}${allocated !== null ? `, capital allocation ${(allocated * 100).toFixed(2)} % (pilot wave)` : ''}${demoted.length > 0 ? `; the live cap demoted ${demoted.length} lower-ranked deployment(s)` : ''}.`,
    subjectType: 'Deployment',
    subjectId: deployment.id,
    details: { requestId: request.id, strategyId: request.strategy.id, from, to, policyVersion: request.policyVersion, recordId: record.id, capitalAllocation: allocated, demoted: demoted.map((item) => item.deploymentId) },
  });
  await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'promoted' });
  await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: deployment.id, change: 'approved' });
  dependencies.logger.info(
    { deploymentId: deployment.id, strategyId: request.strategy.id, from, to, requestId: request.id, policyVersion: request.policyVersion, recordId: record.id, recordHash: record.recordHash, allocation: allocated, demoted: demoted.length },
    'deployment promoted',
  );
  return { executed: true, record, allocation: allocation?.allowed ? allocation.allocation : null, demoted, liveToken };
}

/**
 * Keeps the request pending with every approval and records why it did not execute (on the request, audited —
 * `promotion.execution_held` for a stop or an absent exchange, `promotion.execution_refused` for monitoring or the
 * gates, with `details` — and published).
 */
async function hold(em: EntityManager, dependencies: PromotionExecutionDependencies, request: PromotionRequest, now: Date, rule: PromotionHoldRule, reason: string, details: Record<string, unknown> = {}): Promise<PromotionExecutionOutcome> {
  request.executionBlockedRule = rule;
  request.executionBlockedReason = reason;
  request.executionBlockedAt = now;
  await em.flush();
  const refused = rule === 'promotion.monitoringBlocked' || rule === 'promotion.gatesNotPassed';
  await dependencies.governance.audit.record(em, {
    action: refused ? 'promotion.execution_refused' : 'promotion.execution_held',
    subjectType: 'PromotionRequest',
    subjectId: request.id,
    details: { rule, reason, deploymentId: request.deployment.id, transition: request.transition, policyVersion: request.policyVersion, ...details },
  });
  await publishEvent(em, 'PROMOTION_REQUEST_UPDATED', { id: request.id, deploymentId: request.deployment.id, change: 'execution_held' });
  dependencies.logger.warn({ requestId: request.id, rule }, 'promotion held back');
  return { executed: false, rule, reason };
}

/**
 * Demotes a LIVE deployment displaced by the live cap (orchestration FR-006) to {@link liveCapDemotionStage}, in the
 * promotion's transaction, through the shared demotion primitive (`demoteDeploymentIn`: stage, `demote` record with
 * reason `live_cap_displaced`, audit `promotion.demoted`, `DEPLOYMENT_UPDATED`), as an automated action of the platform
 * (refused for a strategy on regulatory hold — then the promotion is refused too); its venue becomes `shadow` and its
 * rollout ends (SHADOW holds no capital, which releases it).
 */
async function demoteForLiveCap(
  em: EntityManager,
  dependencies: PromotionExecutionDependencies,
  input: { deploymentId: string; strategyId: string; rank: number | null; displacedBy: PromotionRequest; policyVersion: string; now: Date },
): Promise<PromotionRecord> {
  const { deployment, record } = await demoteDeploymentIn(em, dependencies.governance.audit, input.deploymentId, liveCapDemotionStage, {
    reasonCode: 'live_cap_displaced',
    reason: `live cap reached: displaced by deployment ${input.displacedBy.deployment.id} (request ${input.displacedBy.id}), which ranks better`,
    policyVersion: input.policyVersion,
    metrics: { rank: input.rank, displacedByDeploymentId: input.displacedBy.deployment.id, displacedByRequestId: input.displacedBy.id },
    now: input.now,
    actor: { userId: null, role: null },
    automated: true,
  });
  deployment.venue = liveCapDemotionStage;
  deployment.rolloutWave = null;
  await em.flush();
  return record;
}

/** The policy version a request follows (invalid or missing: nothing executes — fail closed). */
async function policyOfVersion(em: EntityManager, version: string): Promise<PromotionPolicy> {
  const row = await em.findOne(PromotionPolicyVersion, { version });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!resolution.valid) throw new ConflictError(`promotion.policyUnavailable: policy ${version} is missing or invalid; everything stays OBSERVE`);
  return resolution.policy;
}
