import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { replayClockNow } from '../../domain/deployment/replay-clock.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { DeploymentMonitoringState } from '../../domain/monitoring/deployment-monitoring-state.entity.ts';
import type { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { BenchmarkBasket } from '../../engine/index.ts';
import { millisecondsPerDay, type DeploymentMarks } from '../../domain/monitoring/policy/deployment-marks.ts';
import { evaluateMonitoringRules, type MonitoringActionDecision, type MonitoringEvaluation } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { MonitoringPolicyVersion } from '../../domain/monitoring/policy/monitoring-policy.entity.ts';
import { monitoringRuleNames, type MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { resolveMonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.schema.ts';
import { initialMonitoringState, type MonitoringState } from '../../domain/monitoring/policy/monitoring-state.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import type { Governance } from '../auth/authorize.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import { computeBasketSeries } from '../benchmark/benchmark-basket.service.ts';
import { loadRegimeTimeline, regimeBandAt } from './deployment-regimes.ts';
import { findSharpeExpectation } from './expected-sharpe.ts';
import { takeMonitoringAction } from './monitoring-actions.ts';

/** At most this many not-yet-evaluated marks are evaluated by one job, oldest first (a long catch-up evaluates the newest). */
const maxMarksPerEvaluation = 500;

/** Data-integrity event kinds of the runtime the `dataIntegrity` rule counts. */
const dataIntegrityKinds = ['stale_feed', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap'] as const;

/** What one evaluation job did. */
export interface MonitoringOutcome {
  deploymentId: string;
  /** Why nothing was evaluated (not running, no mark); null when it was. */
  skipped: string | null;
  policyVersion: string | null;
  /** Marks evaluated (each in time order, persistence carried from one to the next). */
  marksEvaluated: number;
  /** Incidents written by this job (one per breach key acted on). */
  incidents: MonitoringIncident[];
  /** The evaluation of the newest mark. */
  last: MonitoringEvaluation | null;
}

/**
 * Continuous monitoring (issue 13; lifecycle-spec FR-026…FR-032, orchestration-spec FR-007/FR-008): on every P&L mark
 * of every running deployment — a job queued by the runner's bar transaction — evaluates the active
 * `MonitoringPolicy`'s rules (`evaluateMonitoringRules`, pure) over the deployment's marks and the benchmark basket
 * built from the same bars, and takes each action once (`takeMonitoringAction`). One transaction per job, holding the
 * deployment's row lock (the runner's per-bar lock), so two workers or a retried job evaluate one after the other and
 * the second finds the breach already acted on (its key is UNIQUE on the incident).
 */
export class MonitoringService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, triggers: TriggerService, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = triggers;
    this.notifications = notifications;
  }

  /**
   * Queues the deployment's evaluation in `em`'s transaction (the runner's, after it wrote marks). One job key per
   * deployment: marks written while a job waits are evaluated by that job.
   */
  static async scheduleEvaluation(em: EntityManager, deploymentId: string): Promise<void> {
    await enqueueJob(em, 'evaluate_deployment_monitoring', { deploymentId }, { jobKey: monitoringJobKey(deploymentId), jobKeyMode: 'replace' });
  }

  /**
   * Evaluates every mark of the deployment not evaluated yet (at most {@link maxMarksPerEvaluation}, oldest first) and
   * acts on the sustained breaches and unknown rules, in ONE transaction. The market clock is the deployment's own
   * (a replay's bar close or replay clock, a live feed's platform clock). An invalid or missing policy fails closed:
   * OBSERVE and freeze, once per policy version. Platform use only (the worker).
   * @throws NotFoundError, ForbiddenError (anyone but the platform).
   */
  async evaluate(deploymentId: string): Promise<MonitoringOutcome> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    return this.ctx.em.transactional(async (em) => {
      const outcome: MonitoringOutcome = { deploymentId, skipped: null, policyVersion: null, marksEvaluated: 0, incidents: [], last: null };
      const deployment = await em.findOne(Deployment, { id: deploymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!deployment) throw new NotFoundError('Deployment', deploymentId);
      if (!['pending', 'active', 'paused'].includes(deployment.activationState)) return { ...outcome, skipped: `deployment is ${deployment.activationState}` };
      if (deployment.timeframe === 'tick') return { ...outcome, skipped: 'a tick feed has no bar length' };
      const strategy = await em.findOneOrFail(Strategy, { id: deployment.strategy.id }, { refresh: true });
      const wallNow = this.ctx.clock.now();
      const context = { audit: this.governance.audit, triggers: this.triggers, notifications: this.notifications, now: wallNow };

      const policyRow = await em.findOne(MonitoringPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
      const resolution = resolveMonitoringPolicy(policyRow?.definition ?? null);
      if (!resolution.valid) {
        const version = policyRow?.version ?? 'none';
        const failClosed: MonitoringActionDecision = {
          kind: 'observe_freeze', severity: 'critical', toStage: 'observe', positionSizeFactor: null, revalidate: false, freeze: true,
          rule: 'dataIntegrity', breachKey: `${deploymentId}:policy:${version}`, threshold: 1, measured: 0, unit: 'flag', window: { startMs: wallNow.getTime(), endMs: wallNow.getTime() },
          message: `No valid monitoring policy (${resolution.reason})`,
        };
        const incident = await takeMonitoringAction(em, deployment, strategy, failClosed, { ...context, policyVersion: version });
        return { ...outcome, policyVersion: version, incidents: incident ? [incident] : [] };
      }
      const policy = resolution.policy;
      outcome.policyVersion = policy.version;
      const barMs = timeframeMilliseconds[deployment.timeframe];
      const marks = await this.loadMarks(em, deployment.id, policy);
      if (marks.timestamp.length === 0) return { ...outcome, skipped: 'no P&L mark yet' };

      const stateRow = await em.findOne(DeploymentMonitoringState, { deployment: deployment.id });
      let state: MonitoringState = stateRow && stateRow.policyVersion === policy.version ? stateRow.state : initialMonitoringState(deployment.id);
      const lastEvaluated = state.lastMarkMs;
      let first = marks.timestamp.findIndex((time) => lastEvaluated === null || time > lastEvaluated);
      if (first === -1) first = marks.timestamp.length - 1; // nothing new: the newest mark again (a retried job changes nothing)
      // Deployments trading capital (PAPER, LIVE) are evaluated on every new mark; OBSERVE and SHADOW ones (evidence, no
      // automated trading change) on their newest mark per job, so a whole-history replay is not slowed down mark by mark.
      const everyMark = deployment.stage === 'paper' || deployment.stage === 'live' || deployment.rollbackReason != null || (await this.demotedByMonitor(em, deployment.id));
      first = Math.max(first, marks.timestamp.length - (everyMark ? maxMarksPerEvaluation : 1));

      const firstMarkMs = marks.timestamp[0]!;
      const lastMarkMs = marks.timestamp[marks.timestamp.length - 1]!;
      // The basket from the same certified bars (the deployment's own replay dataset preferred); none buildable → null:
      // the rules that need it are `unknown` (fail closed).
      let basket: BenchmarkBasket | null = null;
      try {
        const window = { timeframe: deployment.timeframe, from: new Date(firstMarkMs - barMs), to: new Date(lastMarkMs), preferredDataSetIds: deployment.replayDataset ? [deployment.replayDataset.id] : [] };
        basket = (await computeBasketSeries(em, policy, window)).basket;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
      const integrityEvents = await this.integrityEventTimes(em, deployment.id, firstMarkMs, policy);
      // The regime band at each mark from the bars the deployment sees, and the backtest's Sharpe of the deployed configuration.
      const regimes = await loadRegimeTimeline(em, deployment);
      const expectation = await findSharpeExpectation(em, deployment);
      const marketNow = this.marketNow(deployment, wallNow.getTime(), barMs);
      let released: string | null = null;
      for (let end = first; end < marks.timestamp.length; end++) {
        const markMs = marks.timestamp[end]!;
        const windowStart = markMs - policy.rules.dataIntegrity.windowDays * millisecondsPerDay;
        const input: DeploymentMarks = {
          deploymentId: deployment.id,
          stage: deployment.stage,
          barDurationMs: barMs,
          maxBarAgeMs: deployment.maxBarAgeMs,
          timestamp: marks.timestamp.subarray(0, end + 1),
          equity: marks.equity.subarray(0, end + 1),
          expectedSharpe: expectation?.sharpe ?? null,
          regimeBand: regimeBandAt(regimes, markMs),
          dataIntegrityEvents: integrityEvents.filter((time) => time > windowStart && time <= markMs).length,
        };
        // Catching up on older marks: "now" is that mark's close (it was fresh then); the newest mark is judged on the deployment's clock.
        const nowMs = end === marks.timestamp.length - 1 ? marketNow : markMs + barMs;
        const evaluation = evaluateMonitoringRules(input, basket, policy, state, nowMs);
        state = evaluation.state;
        outcome.marksEvaluated += 1;
        outcome.last = evaluation;
        for (const action of evaluation.actions) {
          // Once this job sent the deployment's capital back to the reserve (or froze it), later breaches are recorded, not acted on again.
          const moves = action.kind === 'rollback' || action.kind === 'deactivate' || action.kind === 'demote' || action.kind === 'pause' || action.kind === 'throttle' || action.kind === 'observe_freeze';
          const superseded = released && moves ? `superseded by ${released}` : null;
          const incident = await takeMonitoringAction(em, deployment, strategy, action, { ...context, policyVersion: policy.version }, superseded);
          if (!incident) continue;
          outcome.incidents.push(incident);
          if (!superseded && (action.kind === 'rollback' || action.kind === 'deactivate' || action.kind === 'observe_freeze')) released = `the ${action.kind} of breach ${action.breachKey}`;
        }
      }
      const last = outcome.last!;
      if (stateRow) {
        stateRow.policyVersion = policy.version;
        stateRow.state = state;
        stateRow.lastMarkAt = new Date(lastMarkMs);
        stateRow.results = last.results;
        stateRow.promotionBlocked = last.promotionBlocked;
        stateRow.evaluatedAt = wallNow;
      } else {
        em.create(DeploymentMonitoringState, { deployment, policyVersion: policy.version, state, lastMarkAt: new Date(lastMarkMs), results: last.results, promotionBlocked: last.promotionBlocked, evaluatedAt: wallNow });
      }
      await em.flush();
      if (outcome.incidents.length > 0) this.ctx.logger.info({ deploymentId, incidents: outcome.incidents.map((incident) => incident.breachKey) }, 'monitoring acted');
      return outcome;
    });
  }

  /** The deployment's monitoring state (last results, promotion blocked), or null before its first evaluation. @throws ForbiddenError (needs `read Deployment`). */
  async stateOf(deploymentId: string): Promise<DeploymentMonitoringState | null> {
    await this.governance.authorize('read', 'Deployment', deploymentId);
    return this.ctx.em.findOne(DeploymentMonitoringState, { deployment: deploymentId });
  }

  /** True when the deployment's newest promotion record is the monitor's demotion (it traded capital until then). */
  private async demotedByMonitor(em: EntityManager, deploymentId: string): Promise<boolean> {
    const [last] = await em.execute<{ automated: boolean | null; decision: string }[]>(
      `select decision, (metrics_snapshot->>'automated')::boolean as automated from promotion_record where deployment_id = ? order by sequence desc limit 1`,
      [deploymentId],
    );
    return last?.decision === 'demote' && last.automated === true;
  }

  /** P&L marks (bar open time, equity) over the longest rule window (+1 day) before the newest mark. */
  private async loadMarks(em: EntityManager, deploymentId: string, policy: MonitoringPolicy): Promise<{ timestamp: Float64Array; equity: Float64Array }> {
    const lookbackDays = Math.max(...monitoringRuleNames.map((name) => policy.rules[name].windowDays)) + 1;
    const rows = await em.execute<{ t: number; equity: number | null }[]>(
      `select (extract(epoch from bar_at) * 1000)::float8 as t, equity from pnl_snapshot
        where deployment_id = ? and bar_at >= (select max(bar_at) from pnl_snapshot where deployment_id = ?) - (? * interval '1 day')
        order by bar_at`,
      [deploymentId, deploymentId, lookbackDays],
    );
    return { timestamp: Float64Array.from(rows, (row) => row.t), equity: Float64Array.from(rows, (row) => (row.equity === null ? Number.NaN : Number(row.equity))) };
  }

  /** Bar times (ms) of the runtime's data-integrity events since the window before the first mark. */
  private async integrityEventTimes(em: EntityManager, deploymentId: string, sinceMs: number, policy: MonitoringPolicy): Promise<number[]> {
    const rows = await em.execute<{ t: number }[]>(
      `select (extract(epoch from coalesce(bar_at, occurred_at)) * 1000)::float8 as t from deployment_event
        where deployment_id = ? and kind in (${dataIntegrityKinds.map(() => '?').join(', ')}) and coalesce(bar_at, occurred_at) >= ?`,
      [deploymentId, ...dataIntegrityKinds, new Date(sinceMs - policy.rules.dataIntegrity.windowDays * millisecondsPerDay)],
    );
    return rows.map((row) => row.t);
  }

  /** The deployment's market clock: a live feed's platform clock, a paced replay's replay clock, or the close of the last processed bar. */
  private marketNow(deployment: Deployment, wallNowMs: number, barMs: number): number {
    if (deployment.feedKind === 'live') return wallNowMs;
    if (deployment.replayBarIntervalMs != null && deployment.replayClockStartedAt && deployment.replayStartAt) {
      return replayClockNow({ originMs: deployment.replayStartAt.getTime(), startedAtMs: deployment.replayClockStartedAt.getTime(), barMs, intervalMs: deployment.replayBarIntervalMs }, wallNowMs);
    }
    return (deployment.lastProcessedBarAt?.getTime() ?? wallNowMs) + barMs;
  }
}

/** The one job key of a deployment's monitoring evaluation (marks written while it waits are evaluated by it). */
export function monitoringJobKey(deploymentId: string): string {
  return `monitoring:${deploymentId}`;
}
