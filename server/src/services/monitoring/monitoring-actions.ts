import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { deploymentActivationLifecycle } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { tradingStateLifecycle } from '../../domain/deployment/trading-state.lifecycle.ts';
import { stageLevel } from '../../domain/promotion/promotion-transitions.ts';
import type { MonitoringActionDecision } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { MonitoringIncident, type IncidentType } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { TriggerLink } from '../../domain/trigger/trigger-link.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { cancelOpenOrders } from '../deployment/open-order-cancellation.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import { demoteDeploymentIn, freezeDeploymentIn, type StageChangeBasis } from '../promotion/stage-demotion.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';

/** Who hears of a monitoring action (lifecycle-spec FR-032: research, production and risk stakeholders). */
export const monitoringAudiences: readonly Role[] = ['research', 'production', 'risk'];

/** What acting needs: the recorder, the triggers (re-validation), the notifications, the clock's now. */
export interface MonitoringActionContext {
  audit: AuditRecorder;
  triggers: TriggerService;
  notifications: NotificationService;
  now: Date;
  /** The monitoring policy version that decided. */
  policyVersion: string;
}

/** The incident type a rule's finding is filed under. */
function incidentTypeOf(rule: MonitoringActionDecision['rule']): IncidentType {
  switch (rule) {
    case 'benchmarkLag':
    case 'underperformance':
    case 'drawdownVsBenchmark':
      return 'benchmark_lag';
    case 'drawdown':
      return 'drawdown';
    case 'regimeChange':
      return 'regime_shift';
    case 'dataIntegrity':
      return 'operational';
    default:
      return 'risk_threshold';
  }
}

/** What was done to the deployment (the incident's `autoActions`). */
type AutoActions = Record<string, unknown>;

/**
 * Takes one monitoring action on `em` — the evaluation's transaction, which holds the deployment's row lock — ONCE per
 * breach key: the incident carrying the key is written first (the key is UNIQUE in the database; a second evaluation
 * of the same breach finds it and does nothing). In the same transaction, by kind (promotion-framework §2, issue 13):
 * - `rollback`: stage → the action's stage when above it (DEMOTE record, `stage-demotion.ts`), open orders cancelled,
 *   the position flattened per policy (trading state REDUCING and a flatten the runner places at the next bar, in the
 *   new stage), capital to the reserve (allocation 0: nothing new opens), `rollbackReason`, audit
 *   `deployment.rolled_back`;
 * - `deactivate`: the same without the stage move (audit `deployment.deactivated`);
 * - `demote`: stage → the action's stage when above it;
 * - `pause`: activation ACTIVE → PAUSED (the runner stops processing its bars; nothing cancelled, the position held;
 *   a person resumes it), audit `deployment.paused` — refused (recorded as skipped) when it is not ACTIVE;
 * - `throttle`: position sizes × `positionSizeFactor` (maximum position fraction and capital allocation), audit
 *   `deployment.throttled`;
 * - `observe_freeze`: to OBSERVE, promotions frozen (FREEZE record);
 * - `re_rank`: a `regime_change` trigger for the strategies deployed on the same instrument (re-score, re-rank,
 *   regime-specific backtests), linked to the incident;
 * - `drift_alert`, `redundancy_flag`, `warning`: the incident alone (a drift alert re-validates: see below, and queues
 *   its re-backtest: the deployed configuration re-run over the live window and reconciled, recorded on the incident);
 * Then: the incident with its auto-actions, impacted capital (equity at the mark) and the promotion record; when the
 * action re-validates (FR-030), a `monitoring_incident` trigger that queues the strategy's re-validation cycle at
 * remediation priority, linked to the incident; the notifications (`notifyIn`); audit `monitoring.breach_acted`;
 * `INCIDENT_UPDATED`. Nothing moves a deployment up; re-arming needs new evidence through the gates and a person.
 * A strategy on regulatory hold gets the incident (evidence kept) and no automated action; so does an action
 * `superseded` by one taken before it in the same evaluation, and a trading change on a deployment that trades no
 * capital ({@link capitalAtRisk}: OBSERVE and SHADOW deployments that were never demoted there by the monitor) — the
 * reason is recorded.
 * @returns the incident, or null when the breach key was already acted on.
 */
export async function takeMonitoringAction(
  em: EntityManager,
  deployment: Deployment,
  strategy: Strategy,
  action: MonitoringActionDecision,
  context: MonitoringActionContext,
  supersededBy: string | null = null,
): Promise<MonitoringIncident | null> {
  const [seen] = await em.execute<{ id: string }[]>('select id from monitoring_incident where breach_key = ?', [action.breachKey]);
  if (seen) return null;
  const held = strategy.regulatoryHoldAt != null;
  let superseded = supersededBy;
  const moves = action.kind === 'rollback' || action.kind === 'deactivate' || action.kind === 'demote' || action.kind === 'pause' || action.kind === 'throttle';
  if (!superseded && moves && !(await capitalAtRisk(em, deployment))) {
    superseded = `stage ${deployment.stage} trades no capital: the breach is recorded, the simulation is left as it is (its record stays comparable with the backtest)`;
  }
  const basis: StageChangeBasis = {
    reasonCode: action.rule,
    reason: action.message,
    policyVersion: context.policyVersion,
    metrics: { breachKey: action.breachKey, rule: action.rule, threshold: action.threshold, measured: action.measured, unit: action.unit, window: action.window },
    now: context.now,
    actor: { userId: null, role: null },
    automated: true,
  };
  const impactedCapital = deployment.equity;
  let record: PromotionRecord | null = null;
  let autoActions: AutoActions = { kind: action.kind, rule: action.rule };
  if (held) autoActions = { ...autoActions, skipped: `strategy ${strategy.code} is on regulatory hold: no automated action` };
  else if (superseded) autoActions = { ...autoActions, skipped: superseded };
  else {
    switch (action.kind) {
      case 'rollback':
      case 'deactivate': {
        const fromStage = deployment.stage;
        if (action.kind === 'rollback' && action.toStage && stageLevel(action.toStage) < stageLevel(deployment.stage)) {
          record = (await demoteDeploymentIn(em, context.audit, deployment.id, action.toStage, basis)).record;
        }
        autoActions = { ...autoActions, stage: { from: fromStage, to: deployment.stage }, ...(await releaseCapital(em, deployment, action, context)) };
        await context.audit.record(em, {
          action: action.kind === 'rollback' ? 'deployment.rolled_back' : 'deployment.deactivated',
          subjectType: 'Deployment',
          subjectId: deployment.id,
          details: { breachKey: action.breachKey, rule: action.rule, measured: action.measured, threshold: action.threshold, ...autoActions, recordId: record?.id ?? null },
        });
        break;
      }
      case 'demote': {
        if (action.toStage && stageLevel(action.toStage) < stageLevel(deployment.stage)) {
          const result = await demoteDeploymentIn(em, context.audit, deployment.id, action.toStage, basis);
          record = result.record;
          autoActions = { ...autoActions, stage: { from: result.from, to: result.to } };
        } else autoActions = { ...autoActions, skipped: `already at ${deployment.stage}, at or below ${action.toStage}` };
        break;
      }
      case 'observe_freeze': {
        const result = await freezeDeploymentIn(em, context.audit, deployment.id, basis);
        record = result.record;
        autoActions = { ...autoActions, stage: { from: result.from, to: result.to }, promotionsFrozen: true };
        break;
      }
      case 'pause': {
        const from = deployment.activationState;
        const refusal = deploymentActivationLifecycle.refusal(from, 'paused', undefined, `deployment ${deployment.id}`);
        if (refusal !== null) {
          autoActions = { ...autoActions, skipped: refusal };
          break;
        }
        deployment.activationState = 'paused';
        await em.flush();
        autoActions = { ...autoActions, activationState: { from, to: 'paused' } };
        await context.audit.record(em, { action: 'deployment.paused', subjectType: 'Deployment', subjectId: deployment.id, details: { breachKey: action.breachKey, rule: action.rule, measured: action.measured, threshold: action.threshold, automated: true, ...autoActions } });
        await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'paused' });
        break;
      }
      case 'throttle': {
        const factor = action.positionSizeFactor ?? 1;
        const before = { maxPositionFraction: deployment.maxPositionFraction, capitalAllocation: deployment.capitalAllocation };
        deployment.maxPositionFraction = deployment.maxPositionFraction * factor;
        deployment.capitalAllocation = deployment.capitalAllocation * factor;
        await em.flush();
        autoActions = { ...autoActions, positionSizeFactor: factor, maxPositionFraction: { from: before.maxPositionFraction, to: deployment.maxPositionFraction }, capitalAllocation: { from: before.capitalAllocation, to: deployment.capitalAllocation } };
        await context.audit.record(em, { action: 'deployment.throttled', subjectType: 'Deployment', subjectId: deployment.id, details: { breachKey: action.breachKey, rule: action.rule, measured: action.measured, threshold: action.threshold, ...autoActions } });
        await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'throttled' });
        break;
      }
      default:
        break;
    }
  }
  const incident = em.create(MonitoringIncident, {
    deployment,
    strategy,
    incidentType: incidentTypeOf(action.rule),
    detectedAt: context.now,
    severity: action.severity,
    status: 'open',
    summary: action.message.slice(0, 2000),
    context: { strategyCode: strategy.code, deploymentStage: deployment.stage, rule: action.rule, threshold: action.threshold, measured: action.measured, unit: action.unit, windowStart: new Date(action.window.startMs).toISOString(), windowEnd: new Date(action.window.endMs).toISOString(), policyVersion: context.policyVersion, quoteCurrency: deployment.quoteCurrency, regulatoryHold: held },
    openedBy: null,
    autoActions,
    impactedCapital,
    promotionRecord: record,
    breachKey: action.breachKey,
  });
  await em.flush();
  let cycleId: string | null = null;
  if (action.kind === 're_rank' && !held && !superseded) cycleId = await reRankAffectedStrategies(em, deployment, incident, action, context);
  if (action.revalidate && !held && !superseded) {
    const trigger = await context.triggers.recordIn(em, {
      type: 'monitoring_incident',
      subjectType: 'MonitoringIncident',
      subjectId: incident.id,
      strategyIds: [strategy.id],
      priority: 'remediation',
      details: { incidentType: incident.incidentType, severity: incident.severity, summary: incident.summary, deploymentId: deployment.id, breachKey: action.breachKey },
    });
    const cycleLink = await em.findOne(TriggerLink, { triggerEvent: trigger, targetType: 'evaluation_cycle' });
    incident.triggerEvent = trigger;
    incident.followUpCycle = cycleLink ? em.getReference(EvaluationCycle, cycleLink.targetId) : null;
    cycleId = cycleLink?.targetId ?? null;
    incident.autoActions = { ...incident.autoActions, revalidationCycleId: cycleId, triggerEventId: trigger.id };
    await em.flush();
  }
  if (action.kind === 'drift_alert' && !held && !superseded) {
    // The re-backtest of the DEPLOYED configuration over the live window, reconciled with the live record and recorded
    // on the incident (`reconciliation`) by its job, queued in this transaction: it exists exactly when the alert does.
    await enqueueJob(em, 'reconcile_monitoring_incident', { incidentId: incident.id }, { jobKey: `reconcile:${incident.id}` });
    incident.autoActions = { ...incident.autoActions, reconciliation: 'queued' };
    await em.flush();
  }
  await context.notifications.notifyIn(em, monitoringAudiences, {
    kind: 'incident.opened',
    message: `${action.severity === 'critical' ? 'Critical' : 'Warning'} monitoring incident on ${strategy.code} (deployment ${deployment.id}): ${action.message}${held ? ' — regulatory hold: no automated action.' : describeActions(incident.autoActions)}`,
    subjectType: 'MonitoringIncident',
    subjectId: incident.id,
    details: { strategyId: strategy.id, deploymentId: deployment.id, rule: action.rule, kind: action.kind, severity: action.severity, breachKey: action.breachKey, followUpCycleId: cycleId },
  });
  await em.flush();
  await context.audit.record(em, {
    action: 'monitoring.breach_acted',
    subjectType: 'MonitoringIncident',
    subjectId: incident.id,
    details: { deploymentId: deployment.id, strategyId: strategy.id, breachKey: action.breachKey, rule: action.rule, kind: action.kind, severity: action.severity, measured: action.measured, threshold: action.threshold, impactedCapital, promotionRecordId: record?.id ?? null, followUpCycleId: cycleId },
  });
  await publishEvent(em, 'INCIDENT_UPDATED', { id: incident.id, severity: incident.severity, change: 'opened' });
  return incident;
}

/**
 * True when the deployment trades capital (stage PAPER or LIVE), or the monitor itself demoted it from there (its
 * newest promotion record is an automated demotion from PAPER or LIVE): only then do throttle, demotion, rollback and
 * deactivation change how it trades. OBSERVE and SHADOW deployments started there are evidence for the ladder; their
 * breaches are recorded as incidents and block promotion, and their simulation stays comparable with the backtest.
 */
async function capitalAtRisk(em: EntityManager, deployment: Deployment): Promise<boolean> {
  if (deployment.stage === 'paper' || deployment.stage === 'live') return true;
  const [last] = await em.execute<{ decision: string; from_stage: string; automated: boolean | null }[]>(
    `select decision, from_stage, (metrics_snapshot->>'automated')::boolean as automated from promotion_record where deployment_id = ? order by sequence desc limit 1`,
    [deployment.id],
  );
  return last !== undefined && last.decision === 'demote' && last.automated === true && (last.from_stage === 'paper' || last.from_stage === 'live');
}

/**
 * Rollback and deactivation: open orders cancelled, the position flattened per policy (trading state REDUCING and a
 * flatten request the runner executes at its next bar in the deployment's stage), the capital allocation to 0 (the
 * reserve), `rollbackReason` (the first release's reason kept, later ones appended). Publishes `DEPLOYMENT_UPDATED`.
 */
async function releaseCapital(em: EntityManager, deployment: Deployment, action: MonitoringActionDecision, context: MonitoringActionContext): Promise<AutoActions> {
  const why = `${action.kind} by the monitor: ${action.message}`.slice(0, 2000);
  const cancellation = await cancelOpenOrders(em, { deploymentId: deployment.id }, 'flatten', why, context.now);
  const tradingFrom = deployment.tradingState;
  if (tradingFrom === 'active') {
    const refusal = tradingStateLifecycle.refusal(tradingFrom, 'reducing', undefined, `deployment ${deployment.id}`);
    if (refusal !== null) throw new Error(refusal);
    deployment.tradingState = 'reducing';
  }
  deployment.tradingStateReason = why;
  const flatten = deployment.positionQuantity !== 0;
  if (flatten) deployment.flattenRequestedAt = context.now;
  const allocationFrom = deployment.capitalAllocation;
  deployment.capitalAllocation = 0;
  deployment.rollbackReason = withReleaseHistory(deployment.rollbackReason ?? null, why.replace(/\n/g, ' '), context.now);
  await em.flush();
  await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: action.kind === 'rollback' ? 'rolled_back' : 'deactivated' });
  return {
    ordersCancelled: cancellation.cancelled.length,
    ordersLeftForVenue: cancellation.leftForVenue,
    positionFlattened: flatten ? `flatten of ${deployment.positionQuantity} requested at the next bar` : 'already flat',
    tradingState: { from: tradingFrom, to: deployment.tradingState },
    capitalAllocation: { from: allocationFrom, to: 0 },
  };
}

/** At most this many characters of release history are kept after the first reason (the incidents keep every action in full). */
const releaseHistoryLimit = 4_000;

/**
 * The deployment's `rollbackReason` after another release of its capital: the FIRST reason stays as it was (a replay
 * left running after a rollback that then deactivates must not rewrite why it was rolled back); each later one is
 * appended on its own line, `<ISO time> <kind> by the monitor: <message>`, the oldest appended lines dropped beyond
 * {@link releaseHistoryLimit} characters.
 */
function withReleaseHistory(previous: string | null, why: string, now: Date): string {
  if (previous === null) return why;
  const [first, ...later] = previous.split('\n');
  const appended = [...later, `${now.toISOString()} ${why}`];
  while (appended.length > 1 && appended.join('\n').length > releaseHistoryLimit) appended.shift();
  return [first, ...appended].join('\n');
}

/**
 * Re-rank after a regime change (orchestration-spec FR-007/FR-008): a `regime_change` trigger, linked to the incident,
 * for every strategy with a running deployment (pending, active, paused) on the same instrument and bar length — its
 * evaluation cycle re-scores and re-ranks them, and (a replay: on its dataset) each one's best configuration is
 * backtested in the new band. @returns the cycle's id (null when the trigger enqueued none).
 */
async function reRankAffectedStrategies(em: EntityManager, deployment: Deployment, incident: MonitoringIncident, action: MonitoringActionDecision, context: MonitoringActionContext): Promise<string | null> {
  const affected = await em.execute<{ strategy_id: string }[]>(
    `select distinct strategy_id from deployment where symbol = ? and timeframe = ? and activation_state in ('pending', 'active', 'paused') order by strategy_id`,
    [deployment.symbol, deployment.timeframe],
  );
  const strategyIds = affected.map((row) => row.strategy_id);
  const band = action.regimeBand ?? null;
  const trigger = await context.triggers.recordIn(em, {
    type: 'regime_change',
    subjectType: 'MonitoringIncident',
    subjectId: incident.id,
    strategyIds,
    priority: 'validation',
    details: { deploymentId: deployment.id, symbol: deployment.symbol, timeframe: deployment.timeframe, regimeBand: band, breachKey: action.breachKey },
    retest: deployment.replayDataset && band ? { dataSetId: deployment.replayDataset.id, regimeBand: band } : null,
  });
  const cycleLink = await em.findOne(TriggerLink, { triggerEvent: trigger, targetType: 'evaluation_cycle' });
  const retests = await em.count(TriggerLink, { triggerEvent: trigger, targetType: 'backtest_run' });
  incident.triggerEvent = trigger;
  incident.followUpCycle = cycleLink ? em.getReference(EvaluationCycle, cycleLink.targetId) : null;
  incident.autoActions = { ...incident.autoActions, regimeBand: band, reRank: { strategyIds, triggerEventId: trigger.id, cycleId: cycleLink?.targetId ?? null, regimeBacktests: retests } };
  await em.flush();
  return cycleLink?.targetId ?? null;
}

function describeActions(autoActions: AutoActions): string {
  const parts: string[] = [];
  const stage = autoActions.stage as { from: string; to: string } | undefined;
  if (stage && stage.from !== stage.to) parts.push(`stage ${stage.from} → ${stage.to}`);
  if (autoActions.kind === 'pause' && autoActions.activationState) parts.push('paused until a person resumes it');
  if (autoActions.capitalAllocation && autoActions.kind !== 'throttle') parts.push('capital to reserve');
  if (autoActions.positionSizeFactor) parts.push(`position sizes × ${String(autoActions.positionSizeFactor)}`);
  if (autoActions.revalidationCycleId) parts.push('re-validation queued at remediation priority');
  const reRank = autoActions.reRank as { strategyIds: string[]; cycleId: string | null } | undefined;
  if (reRank?.cycleId) parts.push(`re-rank of ${reRank.strategyIds.length} strateg${reRank.strategyIds.length === 1 ? 'y' : 'ies'} queued`);
  return parts.length ? ` — ${parts.join('; ')}.` : '.';
}
