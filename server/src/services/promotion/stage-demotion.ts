import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { stageLevel } from '../../domain/promotion/promotion-transitions.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { EvidenceReference, PromotionRecord, RecordedApprover } from '../../domain/promotion/promotion-record.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { canonicalJson } from '../audit/audit-chain.ts';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { appendPromotionRecord, currentRuntimeFingerprint } from './promotion-record-chain.ts';
import { moveDeploymentStage } from './promotion-stage-change.ts';

/**
 * Demotion, freeze, unfreeze and regulatory hold (issue 12 "Demotion, freeze and hold"; promotion-framework §2, §5):
 * the in-transaction mechanics the manual mutations (`stage-control.service.ts`) and the monitor's automatic actions
 * share. Each runs on `em`, the caller's use-case transaction, and writes everything of its change there: the stage
 * moved (deployment row locked, through `deploymentStageLifecycle`), the strategy's promotion record chained, the
 * audit event and the published event — so a rollback that also cancels orders and opens an incident commits all of
 * it or nothing. None of them ever moves a deployment up.
 */

/** Who acts: a person (user id and the role they act in), or the platform (`null`: the monitor). */
export interface StageChangeActor {
  userId: string | null;
  role: Role | null;
}

/** What every stage change records: why (code and words), what it saw and the policy that decided. */
export interface StageChangeBasis {
  /** Reason code on the promotion record (e.g. `risk_breach`, `data_integrity`, `benchmark_lag`, `manual`). */
  reasonCode: string;
  /** The reason in words (the operator's, or the monitor's breach message). */
  reason: string;
  /** The policy version that decided (promotion policy for manual changes, monitoring policy for automatic ones). */
  policyVersion: string;
  /** Extra facts the decision saw (measured values, breach key); the deployment's own facts are added. */
  metrics?: Record<string, unknown>;
  /** Extra evidence (id + hash); the deployment's facts are referenced always. */
  evidence?: EvidenceReference[];
  /** When it takes effect (the service's clock). */
  now: Date;
  actor: StageChangeActor;
  /** True for the monitor's automatic actions: refused while the strategy is on regulatory hold. */
  automated: boolean;
}

/** What a demotion or freeze did. */
export interface StageChangeResult {
  deployment: Deployment;
  strategy: Strategy;
  from: DeploymentStage;
  to: DeploymentStage;
  record: PromotionRecord;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Rules a demotion, freeze, unfreeze or hold can break: each refusal's message starts with its rule. */
export const stageDemotionRules = ['demotion.notSafer', 'demotion.regulatoryHold', 'demotion.notActive', 'freeze.notFrozen', 'freeze.alreadyFrozen', 'hold.alreadyHeld', 'hold.notHeld'] as const;

/**
 * Demotes a deployment to a safer stage (`toStage` strictly below its stage: a risk breach sends it to SHADOW), on
 * the caller's transaction: the stage moved, a `demote` promotion record chained, audit `promotion.demoted`,
 * `DEPLOYMENT_UPDATED` (change `demoted`). To SHADOW or PAPER, its orders go to that stage's simulated venue. The runner
 * acts in the new stage from its next bar.
 * @throws NotFoundError; ConflictError `demotion.notSafer` (not below the current stage), `demotion.notActive`
 *   (retired or rolled back), `demotion.regulatoryHold` (an automated demotion of a held strategy).
 */
export async function demoteDeploymentIn(em: EntityManager, audit: AuditRecorder, deploymentId: string, toStage: DeploymentStage, basis: StageChangeBasis): Promise<StageChangeResult> {
  const { deployment, strategy } = await lockSubject(em, deploymentId, basis);
  if (stageLevel(toStage) >= stageLevel(deployment.stage)) {
    throw new ConflictError(`demotion.notSafer: deployment ${deployment.id} is at ${deployment.stage}; a demotion goes to a lower stage than that, not ${toStage}`);
  }
  const { from } = await moveDeploymentStage(em, deployment.id, toStage);
  // SHADOW and PAPER act only on their own simulated venue (the runner fails closed to OBSERVE otherwise): a
  // demotion from LIVE or PAPER moves the orders there too.
  if ((toStage === 'shadow' || toStage === 'paper') && deployment.venue !== toStage) deployment.venue = toStage;
  await em.flush();
  const record = await appendStageRecord(em, deployment, strategy, 'demote', from, toStage, basis);
  await audit.record(em, {
    action: 'promotion.demoted',
    subjectType: 'Deployment',
    subjectId: deployment.id,
    details: { strategyId: strategy.id, stage: { from, to: toStage }, reasonCode: basis.reasonCode, reason: basis.reason, automated: basis.automated, policyVersion: basis.policyVersion, recordId: record.id, recordHash: record.recordHash, sequence: record.sequence },
  });
  await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'demoted' });
  return { deployment, strategy, from, to: toStage, record };
}

/**
 * Freezes a deployment (data integrity, promotion-framework §2.C/§5): moves it to `toStage` (OBSERVE unless said;
 * the demotion triggers' critical breaker freezes at SHADOW) when above it and freezes its strategy's promotions until
 * a person unfreezes them ({@link unfreezeStrategyIn}), on the caller's transaction: a `freeze` promotion record, audit
 * `promotion.frozen`, `DEPLOYMENT_UPDATED` (change `frozen`) and `STRATEGY_UPDATED`. An already frozen strategy stays
 * frozen (its first reason is kept) and the deployment still moves.
 * @throws NotFoundError; ConflictError `demotion.notActive`, `demotion.regulatoryHold` (automated, held strategy).
 */
export async function freezeDeploymentIn(em: EntityManager, audit: AuditRecorder, deploymentId: string, basis: StageChangeBasis, toStage: DeploymentStage = 'observe'): Promise<StageChangeResult> {
  const { deployment, strategy } = await lockSubject(em, deploymentId, basis);
  const from = deployment.stage;
  const to = stageLevel(from) > stageLevel(toStage) ? toStage : from;
  if (to !== from) await moveDeploymentStage(em, deployment.id, to);
  const record = await appendStageRecord(em, deployment, strategy, 'freeze', from, to, basis);
  if (!strategy.promotionsFrozenAt) {
    strategy.promotionsFrozenAt = basis.now;
    strategy.promotionsFrozenReason = `${basis.reasonCode}: ${basis.reason}`.slice(0, 2000);
  }
  await em.flush();
  await audit.record(em, {
    action: 'promotion.frozen',
    subjectType: 'Deployment',
    subjectId: deployment.id,
    details: { strategyId: strategy.id, stage: { from, to }, reasonCode: basis.reasonCode, reason: basis.reason, automated: basis.automated, policyVersion: basis.policyVersion, recordId: record.id, recordHash: record.recordHash, sequence: record.sequence },
  });
  await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'frozen' });
  await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'frozen' });
  return { deployment, strategy, from, to, record };
}

/**
 * Unfreezes a strategy's promotions — only a person, with a fresh approval (the caller authorizes it as a production
 * action): an `unfreeze` promotion record (OBSERVE → OBSERVE, the approver recorded), audit `promotion.unfrozen`,
 * `STRATEGY_UPDATED`. No stage moves: going back up needs new evidence through the ladder's gates and approvals.
 * @throws NotFoundError; ConflictError `freeze.notFrozen`, `demotion.regulatoryHold` (a held strategy stays as it is).
 */
export async function unfreezeStrategyIn(em: EntityManager, audit: AuditRecorder, strategyId: string, basis: StageChangeBasis & { actor: { userId: string; role: Role } }): Promise<{ strategy: Strategy; record: PromotionRecord }> {
  const strategy = await em.findOne(Strategy, { id: strategyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!strategy) throw new NotFoundError('Strategy', strategyId);
  if (!strategy.promotionsFrozenAt) throw new ConflictError(`freeze.notFrozen: strategy ${strategy.code} is not frozen`);
  if (strategy.regulatoryHoldAt) throw new ConflictError(`demotion.regulatoryHold: strategy ${strategy.code} is on regulatory hold since ${strategy.regulatoryHoldAt.toISOString()}; compliance clears the hold first`);
  const frozenSince = strategy.promotionsFrozenAt;
  const frozenReason = strategy.promotionsFrozenReason;
  strategy.promotionsFrozenAt = null;
  strategy.promotionsFrozenReason = null;
  await em.flush();
  const approver: RecordedApprover = { step: 'unfreeze', role: basis.actor.role, userId: basis.actor.userId, approvedAt: basis.now.toISOString() };
  const facts = { strategyId: strategy.id, frozenSince: frozenSince.toISOString(), frozenReason };
  const record = await appendPromotionRecord(em, {
    strategyId: strategy.id,
    deploymentId: null,
    promotionRequestId: null,
    decision: 'unfreeze',
    fromStage: 'observe',
    toStage: 'observe',
    policyVersion: basis.policyVersion,
    requestedById: basis.actor.userId,
    approvers: [approver],
    effectiveAt: basis.now,
    reasonCode: basis.reasonCode,
    metricsSnapshot: { reason: basis.reason, freeze: facts, ...(basis.metrics ?? {}) },
    evidenceReferences: [{ kind: 'strategyFreeze', id: strategy.id, hash: sha256(canonicalJson(facts)) }, ...(basis.evidence ?? [])],
    runtimeFingerprint: currentRuntimeFingerprint(),
  });
  await audit.record(em, {
    action: 'promotion.unfrozen',
    subjectType: 'Strategy',
    subjectId: strategy.id,
    details: { frozenSince: frozenSince.toISOString(), frozenReason, reason: basis.reason, recordId: record.id, recordHash: record.recordHash, sequence: record.sequence },
  });
  await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'unfrozen' });
  return { strategy, record };
}

/**
 * Sets a regulatory hold on a strategy (compliance): every automated action on it stops — no promotion, no monitoring
 * action (the monitor records its findings as incidents and acts on nothing) — and all evidence is kept. Audit
 * `strategy.regulatory_hold_set`, `STRATEGY_UPDATED`. No stage moves and no promotion record is written (a hold is
 * not a stage change).
 * @throws NotFoundError; ConflictError `hold.alreadyHeld`.
 */
export async function setRegulatoryHoldIn(em: EntityManager, audit: AuditRecorder, strategyId: string, reason: string, now: Date, userId: string | null): Promise<Strategy> {
  const strategy = await em.findOne(Strategy, { id: strategyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!strategy) throw new NotFoundError('Strategy', strategyId);
  if (strategy.regulatoryHoldAt) throw new ConflictError(`hold.alreadyHeld: strategy ${strategy.code} is on regulatory hold since ${strategy.regulatoryHoldAt.toISOString()}`);
  strategy.regulatoryHoldAt = now;
  strategy.regulatoryHoldReason = reason;
  strategy.regulatoryHoldBy = userId ? em.getReference(User, userId) : null;
  await em.flush();
  await audit.record(em, { action: 'strategy.regulatory_hold_set', subjectType: 'Strategy', subjectId: strategy.id, details: { reason } });
  await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'regulatory_hold_set' });
  return strategy;
}

/**
 * Clears a strategy's regulatory hold (compliance). Automated actions resume from the next evaluation; a freeze set
 * before or during the hold stays until a person unfreezes. Audit `strategy.regulatory_hold_cleared`, `STRATEGY_UPDATED`.
 * @throws NotFoundError; ConflictError `hold.notHeld`.
 */
export async function clearRegulatoryHoldIn(em: EntityManager, audit: AuditRecorder, strategyId: string, reason: string): Promise<Strategy> {
  const strategy = await em.findOne(Strategy, { id: strategyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!strategy) throw new NotFoundError('Strategy', strategyId);
  if (!strategy.regulatoryHoldAt) throw new ConflictError(`hold.notHeld: strategy ${strategy.code} is not on regulatory hold`);
  const heldSince = strategy.regulatoryHoldAt;
  const heldFor = strategy.regulatoryHoldReason;
  strategy.regulatoryHoldAt = null;
  strategy.regulatoryHoldReason = null;
  strategy.regulatoryHoldBy = null;
  await em.flush();
  await audit.record(em, { action: 'strategy.regulatory_hold_cleared', subjectType: 'Strategy', subjectId: strategy.id, details: { reason, heldSince: heldSince.toISOString(), heldFor } });
  await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'regulatory_hold_cleared' });
  return strategy;
}

/** True when the strategy's automated actions are stopped: on regulatory hold. */
export function automationStopped(strategy: Strategy): boolean {
  return strategy.regulatoryHoldAt != null;
}

/**
 * Locks the strategy row of a deployment FOR NO KEY UPDATE — the first lock of a stage change (see {@link lockSubject}):
 * the strategy's stage changes (its promotion records form one chain, its freeze and hold are read under it) run one
 * at a time, and one waiting for another holds no deployment row meanwhile. A deployment's strategy never changes, so
 * it is read without a lock. Nothing is locked for an unknown deployment.
 */
export async function lockStrategyOfDeployment(em: EntityManager, deploymentId: string): Promise<void> {
  await em.execute('select 1 from strategy where id = (select strategy_id from deployment where id = ?) for no key update', [deploymentId]);
}

/**
 * Locks the strategy row, then the deployment row (the runner's per-bar lock: no bar transaction is in flight once it
 * returns), and refuses what may not change. The strategy first: a burst of automated freezes of one strategy's
 * deployments queues on the strategy without holding their deployment rows, whose bar jobs go on (deployment first,
 * each freeze held its deployment row while it waited for the others, and bar jobs waited up to 14 s behind it). Both
 * FOR NO KEY UPDATE: they serialize every change of the rows as FOR UPDATE did, but rows that only reference them (an
 * incident, a notification, an order, an event of another of the strategy's deployments) are inserted meanwhile.
 */
async function lockSubject(em: EntityManager, deploymentId: string, basis: StageChangeBasis): Promise<{ deployment: Deployment; strategy: Strategy }> {
  await lockStrategyOfDeployment(em, deploymentId);
  await em.execute('select 1 from deployment where id = ? for no key update', [deploymentId]);
  const deployment = await em.findOne(Deployment, { id: deploymentId }, { refresh: true });
  if (!deployment) throw new NotFoundError('Deployment', deploymentId);
  if (deployment.activationState === 'retired' || deployment.activationState === 'rolled_back') {
    throw new ConflictError(`demotion.notActive: deployment ${deployment.id} is ${deployment.activationState}; its stage no longer changes`);
  }
  const strategy = await em.findOneOrFail(Strategy, { id: deployment.strategy.id }, { refresh: true });
  if (basis.automated && automationStopped(strategy)) {
    throw new ConflictError(`demotion.regulatoryHold: strategy ${strategy.code} is on regulatory hold since ${strategy.regulatoryHoldAt!.toISOString()}: no automated action`);
  }
  return { deployment, strategy };
}

/** Appends the strategy's record of a demotion or freeze: the deployment's facts (hashed) and the caller's metrics and evidence. */
async function appendStageRecord(em: EntityManager, deployment: Deployment, strategy: Strategy, decision: 'demote' | 'freeze', from: DeploymentStage, to: DeploymentStage, basis: StageChangeBasis): Promise<PromotionRecord> {
  const deploymentFacts = {
    id: deployment.id,
    stage: from,
    equity: deployment.equity,
    peakEquity: deployment.peakEquity,
    realizedPnl: deployment.realizedPnl,
    positionQuantity: deployment.positionQuantity,
    lastAcceptedBarAt: deployment.lastAcceptedBarAt?.toISOString() ?? null,
  };
  const approvers: RecordedApprover[] = basis.actor.userId && basis.actor.role ? [{ step: decision, role: basis.actor.role, userId: basis.actor.userId, approvedAt: basis.now.toISOString() }] : [];
  return appendPromotionRecord(em, {
    strategyId: strategy.id,
    deploymentId: deployment.id,
    promotionRequestId: null,
    decision,
    fromStage: from,
    toStage: to,
    policyVersion: basis.policyVersion,
    requestedById: basis.actor.userId,
    approvers,
    effectiveAt: basis.now,
    reasonCode: basis.reasonCode,
    metricsSnapshot: { reason: basis.reason, automated: basis.automated, deployment: deploymentFacts, ...(basis.metrics ?? {}) },
    evidenceReferences: [{ kind: 'deployment', id: deployment.id, hash: sha256(canonicalJson(deploymentFacts)) }, ...(basis.evidence ?? [])],
    runtimeFingerprint: currentRuntimeFingerprint(),
  });
}
