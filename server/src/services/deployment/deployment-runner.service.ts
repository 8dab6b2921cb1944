import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { deploymentActivationLifecycle, runningActivationStates } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { replayClockNow, replayClockReaches, type ReplayClock } from '../../domain/deployment/replay-clock.ts';
import { VenueCredentialsError, VenueUnavailableError, type Venue } from '../../domain/deployment/venue.ts';
import { isExchangeVenue } from '../../domain/deployment/venues.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import {
  assertFillModelConfig,
  EngineInputError,
  freshness,
  getStrategyTemplate,
  parseParameters,
  type BarFrame,
  type FillModelConfig,
  type ParameterValues,
  type StrategyTemplate,
} from '../../engine/index.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext, ServiceSettings } from '../service-context.ts';
import { runBarBatch, screenBars, type BatchClock, type DenialRepeat } from './bar-batch.ts';
import { accountOf, applyAccount } from './deployment-account-columns.ts';
import { queueAndPublishBarJobEffects } from './bar-job-effects.ts';
import { countDenialRepeats, insertDeploymentRecords, type DeploymentRecords, type EventRecord } from './deployment-records.ts';
import { changeDeploymentHealth } from './deployment-health-change.ts';
import { LiveFeed } from './live-feed.ts';
import { LiveOrderPath, type LiveConnection, type LiveReadiness } from './live-order-path.ts';
import { cancelOpenOrders } from './open-order-cancellation.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { FeedBar } from './market-feed.ts';
import { ReplayFeed } from './replay-feed.ts';
import { deploymentBarJobKey, deploymentBarJobKeyPrefix, deploymentBarJobKeyStart, runnerSettings } from './runner-settings.ts';
import { lockDeploymentWithGates } from './deployment-lock.ts';
import { loadTargetHistory, rememberTargetHistory } from './target-history.ts';
import { defaultMonitoringBatchShards } from '../monitoring/monitoring.service.ts';

/** What one `processBars` call did. */
export interface BarBatchOutcome {
  /** Bars taken from the feed (accepted or refused). */
  barsTaken: number;
  /** Bars accepted and traded on (or observed). */
  barsAccepted: number;
  ordersPlaced: number;
  /**
   * Why nothing was processed, when nothing was: `paused`, `retired`, `no_bars`, `feed_unavailable`; LIVE:
   * `connector_unavailable`, `reconciliation_pending` (not reconciled with the venue yet), `venue_busy` (another job
   * of the deployment holds its venue lease).
   */
  idle: string | null;
  /** Open time of the next bar job queued, ms since the epoch; null when none was (paused, replay finished). */
  nextBarMs: number | null;
}

/** Bars a live poll brought (fetched before the transaction: no network call while the deployment row is locked). */
interface LivePoll {
  bars: FeedBar[];
  /** Why the venue could not be read; the deployment then becomes DEGRADED and nothing trades. */
  failure: { kind: 'connector_unavailable' | 'missing_credentials'; message: string } | null;
}

/**
 * The deployment runner: takes a deployment's pending bars from its feed and processes them in ONE transaction per
 * job (one bar, or a batch when several are pending): lock the deployment row, skip bars at or before the feed cursor,
 * read the kill switches, the global trading state and the LIVE token inside the transaction, compute targets with
 * the template's own `computeTargets` over the deployment's bar history, run the engine's per-bar step (sizing,
 * pre-trade checks, fill model, mark), write orders, fills, refusals, signals and snapshots, advance the cursor, queue
 * the next bar job and publish events. A job that dies before COMMIT leaves nothing behind; its retry redoes the same
 * bars with the same client order ids. Decisions are the engine's (`engine/execution`); nothing is decided here.
 */
export class DeploymentRunnerService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly settings: ServiceSettings;
  private readonly live: LiveOrderPath;

  constructor(ctx: ServiceContext, governance: Governance, settings: ServiceSettings, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.settings = settings;
    this.live = new LiveOrderPath(ctx, settings, notifications, governance.security);
  }

  /**
   * Processes the deployment's pending bars (worker task `process_deployment_bars`).
   * @throws NotFoundError for an unknown deployment; ValidationError for a deployment whose template, parameters or
   *   timeframe the engine does not know (nothing can be computed for it).
   */
  async processBars(deploymentId: string): Promise<BarBatchOutcome> {
    await this.governance.authorize('update', 'Deployment', deploymentId);
    // LIVE needs the row before the transaction (its connector, cancels, reconciliation, the venue lease); so does a live
    // feed's poll. A replay that is not LIVE (feed kind never changes; the stage is re-checked inside) skips the read.
    if (skipsPreview.has(deploymentId)) {
      const once = await this.processOnce(deploymentId, null, null);
      if (!once.needsConnection) return once.outcome;
      skipsPreview.delete(deploymentId);
    }
    const preview = await this.ctx.em.fork().findOne(Deployment, { id: deploymentId });
    if (!preview) throw new NotFoundError('Deployment', deploymentId);
    const running = runningActivationStates.includes(preview.activationState);
    if (preview.feedKind === 'replay' && !LiveOrderPath.isLive(preview)) rememberSkipsPreview(deploymentId);
    // LIVE: the connector with the account's credentials; open orders cancelled (kill switch, halt, flatten) and the
    // deployment reconciled with the venue before any bar is traded — all outside the bar's transaction.
    const connection = running && LiveOrderPath.isLive(preview) ? await this.live.connect(preview) : null;
    if (!connection?.venue) return (await this.processOnce(deploymentId, preview.feedKind === 'live' && running ? preview : null, connection)).outcome;
    // Jobs of one deployment may run at once on different workers: the LIVE steps are serialized by the venue lease.
    const owner = newId();
    if (!(await this.live.takeLease(deploymentId, owner, runnerSettings.venueLeaseMs))) return this.ctx.em.transactional((em) => this.waitForVenue(em, deploymentId, 'venue_busy'));
    try {
      const readiness = await this.live.prepare(deploymentId, connection.venue);
      if (readiness !== 'ready') return await this.ctx.em.transactional((em) => this.waitForVenue(em, deploymentId, readiness));
      return (await this.processOnce(deploymentId, preview.feedKind === 'live' ? preview : null, connection)).outcome;
    } finally {
      await this.live.releaseLease(deploymentId, owner);
    }
  }

  /**
   * One bar transaction (after polling `livePreview`'s feed, when given); then, for LIVE, the send of the order it
   * recorded (record before send: the row is committed first). `needsConnection`: the deployment turned out to be LIVE
   * while no connector was prepared (nothing was processed; the caller goes the LIVE way).
   */
  private async processOnce(deploymentId: string, livePreview: Deployment | null, connection: LiveConnection | null): Promise<{ outcome: BarBatchOutcome; needsConnection: boolean }> {
    const live = livePreview ? await this.pollLive(livePreview) : null;
    const committed: CommittedHistory = { history: null };
    const { outcome, pendingOrderId, needsConnection } = await this.ctx.em.transactional((em) => this.processIn(em, deploymentId, live, committed, connection));
    if (committed.history) rememberTargetHistory(deploymentId, committed.history.historyStartAt, committed.history.frame);
    if (pendingOrderId !== null && connection?.venue) await this.live.send(deploymentId, pendingOrderId, connection.venue);
    return { outcome, needsConnection };
  }

  /** A LIVE deployment that may not trade yet (connector down, orders of unknown outcome, lease held): its bar job comes back later. */
  private async waitForVenue(em: EntityManager, deploymentId: string, readiness: Exclude<LiveReadiness, 'ready'> | 'venue_busy'): Promise<BarBatchOutcome> {
    const deployment = await em.findOneOrFail(Deployment, { id: deploymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (deployment.timeframe === 'tick') throw new ValidationError(`deployment ${deploymentId}: a feed of ticks cannot be run (timeframe tick has no bar length)`, 'timeframe');
    const barMs = timeframeMilliseconds[deployment.timeframe];
    const next = (deployment.lastProcessedBarAt?.getTime() ?? Math.floor(this.ctx.clock.now().getTime() / barMs) * barMs) + barMs;
    await DeploymentRunnerService.scheduleBars(em, deploymentId, next, new Date(this.ctx.clock.now().getTime() + (readiness === 'venue_busy' ? runnerSettings.venueBusyDelayMs : runnerSettings.venueRetryDelayMs)));
    return idle(readiness);
  }

  /**
   * The periodic freshness check (worker cron `check_deployment_freshness`; also callable with an injected clock): for
   * each running or paused deployment on a clock of its own (a paced replay's replay clock, a live feed's platform
   * clock; a replay as fast as possible is never stale), marks it DEGRADED with a `stale_feed` event when the last
   * closed bar is older than `maxBarAgeMs`, and HEALTHY again when it is fresh. It also queues the bar job of a pending
   * or active deployment that has none (not started yet, or a chain broken by a job that gave up), so a deployment
   * never silently stops.
   *
   * It reads every candidate in three statements without locking anything and locks (one short transaction each) only
   * the deployments it has something to do for, re-deciding under the lock: the every-minute check used to lock every
   * deployment row in turn (100 transactions, 1.9–5.8 s a run, each bar job of a locked deployment waiting for it).
   * @returns how many deployments were checked, degraded, recovered and re-queued.
   */
  async checkFreshness(): Promise<{ checked: number; degraded: number; recovered: number; requeued: number }> {
    await this.governance.authorize('update', 'Deployment');
    const read = this.ctx.em.fork();
    const candidates = await read.find(Deployment, { activationState: { $in: ['pending', 'active', 'paused'] } }, { orderBy: { id: 'asc' } });
    const queuedRows = await read.execute<{ id: string }[]>(
      `select distinct split_part(key, ':', 2) as id from graphile_worker._private_jobs where key like ?`,
      [`${deploymentBarJobKeyStart}%`],
    );
    const queued = new Set(queuedRows.map((row) => row.id));
    const finishedRows = candidates.length === 0 ? [] : await read.execute<{ id: string }[]>(
      `select distinct deployment_id as id from deployment_event where kind = 'replay_completed' and deployment_id = any(?::uuid[])`,
      [`{${candidates.map((deployment) => deployment.id).join(',')}}`],
    );
    const finished = new Set(finishedRows.map((row) => row.id));
    const outcome = { checked: 0, degraded: 0, recovered: 0, requeued: 0 };
    const wallNow = this.ctx.clock.now().getTime();
    for (const candidate of candidates) {
      if (candidate.timeframe === 'tick') continue;
      outcome.checked += 1;
      const barMs = timeframeMilliseconds[candidate.timeframe];
      const verdict = this.freshnessVerdictOf(candidate, wallNow, barMs);
      const healthChangeDue = verdict !== null && (staleDue(candidate, verdict) || recoveryDue(candidate, verdict, false));
      const requeueDue = candidate.activationState !== 'paused' && !queued.has(candidate.id) && !(candidate.feedKind === 'replay' && finished.has(candidate.id));
      if (healthChangeDue || requeueDue) await this.checkFreshnessOf(candidate.id, outcome);
    }
    return outcome;
  }

  /** The freshness of a deployment on its own clock now, or null when it has none (a replay as fast as possible, a pending deployment, a feed not started). */
  private freshnessVerdictOf(deployment: Deployment, wallNow: number, barMs: number): Freshness | null {
    const replayClock = this.replayClockOf(deployment, barMs);
    const ownClock = deployment.feedKind === 'live' || replayClock !== null;
    if (!ownClock || deployment.activationState === 'pending') return null;
    return freshnessOf(deployment, replayClock ? replayClockNow(replayClock, wallNow) : wallNow, barMs);
  }

  /** One deployment of the freshness check, under its row lock: the health change and the re-queue decided again on the locked row. */
  private async checkFreshnessOf(id: string, outcome: { degraded: number; recovered: number; requeued: number }): Promise<void> {
    await this.ctx.em.fork().transactional(async (em) => {
      // FOR NO KEY UPDATE, as the bar job: rows referencing the deployment are inserted meanwhile.
      await em.execute('select 1 from deployment where id = ? for no key update', [id]);
      const deployment = await em.findOne(Deployment, { id }, { refresh: true });
      if (!deployment || !['pending', 'active', 'paused'].includes(deployment.activationState) || deployment.timeframe === 'tick') return;
      const wallNow = this.ctx.clock.now().getTime();
      const barMs = timeframeMilliseconds[deployment.timeframe];
      const replayClock = this.replayClockOf(deployment, barMs);
      const before = deployment.health;
      const records: DeploymentRecords = { orders: [], fills: [], events: [], bars: [] };
      // A replay as fast as possible runs on its bars' own clock (never stale); a pending deployment has no bar yet.
      const ownClock = deployment.feedKind === 'live' || replayClock !== null;
      if (ownClock && deployment.activationState !== 'pending') await this.updateFreshness(em, deployment, replayClock ? replayClockNow(replayClock, wallNow) : wallNow, barMs, records, wallNow);
      if (deployment.activationState !== 'paused') {
        const [queued] = await em.execute<{ queued: boolean }[]>(`select exists (select 1 from graphile_worker._private_jobs where key like ?) as queued`, [`${deploymentBarJobKeyPrefix(id)}%`]);
        const finished = deployment.feedKind === 'replay' && (await em.execute<{ done: boolean }[]>(`select exists (select 1 from deployment_event where deployment_id = ? and kind = 'replay_completed') as done`, [id]))[0]?.done;
        if (!queued?.queued && !finished) {
          await DeploymentRunnerService.scheduleBars(em, id, (deployment.lastProcessedBarAt?.getTime() ?? 0) + barMs);
          outcome.requeued += 1;
        }
      }
      if (records.events.length === 0) return;
      await insertDeploymentRecords(em, id, records);
      await em.flush();
      if (before !== deployment.health) {
        if (deployment.health === 'degraded') outcome.degraded += 1;
        else outcome.recovered += 1;
        await publishEvent(em, 'DEPLOYMENT_UPDATED', { id, change: `health_${deployment.health}` });
      }
    });
  }

  /**
   * Queues the deployment's next bar job, in `em`'s transaction: now (a start, a resume, a replay as fast as possible)
   * or at `runAt`. The job key is per deployment and bar, so queuing the same bar twice is one job. No named queue: a
   * deployment's bars stay in order and are taken once because every job locks the deployment row and takes only the
   * bars after its cursor (two jobs of one deployment run one after the other). A queue per deployment made every
   * worker's job fetch lock all of them (graphile-worker warns against high-cardinality queue names), so with 100
   * deployments fetches skipped each other's locked queues and went idle until the next poll.
   */
  static async scheduleBars(em: EntityManager, deploymentId: string, barOpenMs: number | null, runAt?: Date): Promise<void> {
    await enqueueJob(
      em,
      'process_deployment_bars',
      { deploymentId },
      { jobKey: deploymentBarJobKey(deploymentId, barOpenMs ?? 0), jobKeyMode: 'preserve_run_at', ...(runAt ? { runAt } : {}) },
    );
  }

  private batchBars(): number {
    return this.settings.deploymentBatchBars ?? runnerSettings.maxBarsPerJob;
  }

  private async processIn(
    em: EntityManager,
    deploymentId: string,
    live: LivePoll | null,
    committed: CommittedHistory,
    connection: LiveConnection | null,
  ): Promise<{ outcome: BarBatchOutcome; pendingOrderId: string | null; needsConnection: boolean }> {
    const locked = await lockDeploymentWithGates(em, deploymentId);
    if (!locked) throw new NotFoundError('Deployment', deploymentId);
    const { deployment, gates } = locked;
    if (!runningActivationStates.includes(deployment.activationState)) return { outcome: idle(deployment.activationState === 'paused' ? 'paused' : 'retired'), pendingOrderId: null, needsConnection: false };
    // Promoted to LIVE since this process last read it: nothing here; the caller prepares the connector first.
    if (connection === null && LiveOrderPath.isLive(deployment)) return { outcome: idle('no_bars'), pendingOrderId: null, needsConnection: true };
    const wallNow = this.ctx.clock.now().getTime();
    if (deployment.timeframe === 'tick') throw new ValidationError(`deployment ${deploymentId}: a feed of ticks cannot be run (timeframe tick has no bar length)`, 'timeframe');
    const barMs = timeframeMilliseconds[deployment.timeframe];
    const { template, parameters } = await strategyOf(em, deployment);
    const records: DeploymentRecords = { orders: [], fills: [], events: [], bars: [] };
    const event = (fields: Omit<EventRecord, 'id' | 'occurredAt' | 'orderId' | 'evidence' | 'rule' | 'threshold' | 'measured'> & Partial<EventRecord>): void => {
      records.events.push({ id: newId(), occurredAt: new Date(wallNow), orderId: null, evidence: null, rule: null, threshold: null, measured: null, ...fields });
    };

    if (deployment.activationState === 'pending') await this.start(em, deployment, wallNow, live);
    const replayClock = this.replayClockOf(deployment, barMs);
    const batchClock: BatchClock = deployment.feedKind === 'replay' && replayClock === null ? { kind: 'bar_close' } : { kind: 'fixed', nowMs: replayClock ? replayClockNow(replayClock, wallNow) : wallNow };
    const marketNow = batchClock.kind === 'fixed' ? batchClock.nowMs : null;
    const skew = deployment.feedKind === 'live' ? runnerSettings.liveClockSkewToleranceMs : 0;
    const cursor = deployment.lastProcessedBarAt?.getTime() ?? null;
    const stage = await this.resolveStage(em, deployment, wallNow, connection);
    if (stage.stage !== deployment.effectiveStage || stage.reason !== (deployment.effectiveStageReason ?? null)) {
      if (stage.reason !== null) event({ barAt: null, kind: 'stage_fallback', rule: stage.rule, message: `stage ${deployment.stage} acts as ${stage.stage}: ${stage.reason}` });
      deployment.effectiveStage = stage.stage;
      deployment.effectiveStageReason = stage.reason;
    }
    // LIVE sends at most one order per job, right after the job commits it: one bar per job.
    const batchBars = stage.stage === 'live' ? 1 : this.batchBars();

    // Bars: from the dataset (replay) or the poll made before the transaction (live), skipping any at or before the cursor.
    const replayFeed =
      deployment.feedKind === 'replay'
        ? new ReplayFeed(em, deployment.replayDataset!.id, barMs, { fromMs: deployment.replayStartAt?.getTime() ?? null, untilMs: deployment.replayEndAt?.getTime() ?? null }, wallNow)
        : null;
    let candidates: FeedBar[];
    if (replayFeed) candidates = await replayFeed.barsAfter(cursor, marketNow, batchBars);
    else {
      candidates = (live?.bars ?? []).filter((bar) => cursor === null || !(bar.time <= cursor)).slice(0, batchBars);
      if (live?.failure && stage.stage === 'live' && live.failure.kind === 'connector_unavailable') await this.live.connectorFailed(em, deployment, `live feed: ${live.failure.message}`, records, new Date(wallNow), null);
      else if (live?.failure) await this.degrade(em, deployment, 'connector_unavailable', records, wallNow, live.failure.message, live.failure.kind);
    }

    const screened = screenBars(candidates, deployment.lastAcceptedBarAt?.getTime() ?? null, cursor, batchClock, skew, wallNow);
    records.events.push(...screened.refusals);
    let ordersPlaced = 0;
    let denialRepeats: DenialRepeat[] = [];
    if (screened.accepted.length > 0) {
      const { frame, firstRow } = await loadTargetHistory(em, deployment, screened.accepted, !locked.hasRefusedBars && screened.refusals.length === 0);
      const targets = new Float64Array(frame.length);
      template.computeTargets(frame, parameters, targets);
      const batch = runBarBatch(
        {
          deploymentId,
          stage: stage.stage,
          simulatedVenue: stage.stage === 'paper' ? 'paper' : 'shadow',
          exchangeVenue: stage.stage === 'live' && isExchangeVenue(deployment.venue) ? deployment.venue : null,
          account: accountOf(deployment),
          fillModel: stage.fillModel ?? fallbackFillModel,
          clock: batchClock,
          clockSkewToleranceMs: skew,
          killSwitchOn: gates.killSwitchOn,
          tradingState: gates.tradingState,
          maxBarAgeMs: deployment.maxBarAgeMs,
          maxNotionalPerOrder: deployment.maxNotionalPerOrder,
          capitalAllocation: deployment.capitalAllocation,
          maxPositionFraction: deployment.maxPositionFraction,
          flattenRequested: deployment.flattenRequestedAt != null,
          repeatingDenial: deployment.repeatingDenialOrderId && deployment.repeatingDenialKey ? { orderId: deployment.repeatingDenialOrderId, key: deployment.repeatingDenialKey } : null,
          latencyMs: deployment.latencyMs,
        },
        screened.accepted,
        frame,
        targets,
        firstRow,
        wallNow,
      );
      records.orders.push(...batch.records.orders);
      records.fills.push(...batch.records.fills);
      records.events.push(...batch.records.events);
      records.bars.push(...batch.records.bars);
      ordersPlaced = batch.records.orders.filter((order) => order.state !== 'denied').length;
      applyAccount(deployment, batch.account);
      if (batch.flattenPlaced) deployment.flattenRequestedAt = null;
      deployment.repeatingDenialOrderId = batch.repeatingDenial?.orderId ?? null;
      deployment.repeatingDenialKey = batch.repeatingDenial?.key ?? null;
      denialRepeats = batch.denialRepeats;
      const last = screened.accepted[screened.accepted.length - 1]!;
      deployment.lastAcceptedBarAt = new Date(last.time);
      deployment.lastBarReceivedAt = new Date(last.receivedAtMs);
      deployment.pendingTarget = targets[frame.length - 1]!;
      if (deployment.historyStartAt) committed.history = { historyStartAt: deployment.historyStartAt, frame };
      if (deployment.feedKind === 'live') await insertLiveBars(em, deploymentId, screened.accepted);
    }
    if (screened.cursorMs !== null) deployment.lastProcessedBarAt = new Date(screened.cursorMs);

    // Freshness at the end of the batch, on the deployment's own clock (a replay as fast as possible is always fresh).
    // A live feed that answered again lifts a connector degradation of a simulated stage (LIVE is lifted by its
    // reconciliation with the venue, before this transaction).
    const feedAnswered = live !== null && live.failure === null && stage.stage !== 'live' && deployment.stage !== 'live';
    if (marketNow !== null && !live?.failure) await this.updateFreshness(em, deployment, marketNow, barMs, records, wallNow, feedAnswered);
    // Simulated open orders are cancelled here; LIVE ones were cancelled at the venue before this transaction.
    if (gates.killSwitchOn) await cancelOpenOrders(em, { deploymentId }, 'kill_switch', `kill switch on (${gates.killSwitchReason})`, new Date(wallNow));

    const nextBar = await this.nextBarJob(em, deployment, replayFeed, replayClock, wallNow, barMs, records);
    await insertDeploymentRecords(em, deploymentId, records);
    await countDenialRepeats(em, denialRepeats);
    await em.flush();
    // Monitoring: at once where capital is or was at risk (PAPER, LIVE, rolled back or demoted from there); OBSERVE and
    // SHADOW (evaluated on their newest mark per job) at most once per interval, so it does not double every bar's work.
    const capitalAtRisk = deployment.stage === 'paper' || deployment.stage === 'live' || deployment.rollbackReason != null || locked.tradedCapital;
    const monitoring = records.bars.length === 0 ? null : { at: capitalAtRisk ? null : new Date(wallNow + runnerSettings.simulatedMonitoringIntervalMs), shards: this.settings.monitoringBatchShards ?? defaultMonitoringBatchShards };
    const last = records.bars[records.bars.length - 1];
    await queueAndPublishBarJobEffects(em, {
      deploymentId,
      nextBar,
      monitoring,
      orders: records.orders.slice(0, runnerSettings.maxOrderEventsPerJob).map((order) => ({ id: order.id, deploymentId, state: order.state })),
      pnlMarked: last
        ? {
            deploymentId,
            barAt: last.barAt.toISOString(),
            equity: last.mark.equity,
            realizedPnl: last.mark.realizedPnl,
            unrealizedPnl: last.mark.unrealizedPnl,
            fees: last.mark.fees,
            drawdown: last.mark.drawdown,
            exposure: last.mark.exposure,
          }
        : null,
    });
    const nextBarMs = nextBar?.barOpenMs ?? null;
    const pendingOrderId = records.orders.find((order) => order.state === 'new')?.id ?? null;
    return {
      outcome: { barsTaken: candidates.length, barsAccepted: screened.accepted.length, ordersPlaced, idle: candidates.length === 0 ? (live?.failure ? 'feed_unavailable' : 'no_bars') : null, nextBarMs },
      pendingOrderId,
      needsConnection: false,
    };
  }

  /**
   * First bar job of a deployment: pending → active; fixes the start of its target history and its feed cursor (the
   * warm-up prefix: `warmUpBars` bars before the first processed bar count as accepted history, never traded on) and,
   * for a paced replay, starts the replay clock now.
   */
  private async start(em: EntityManager, deployment: Deployment, wallNow: number, live: LivePoll | null): Promise<void> {
    const refusal = deploymentActivationLifecycle.refusal(deployment.activationState, 'active', undefined, `deployment ${deployment.id}`);
    if (refusal !== null) throw new ConflictError(refusal);
    deployment.activationState = 'active';
    deployment.activationStartedAt = new Date(wallNow);
    const warmUp = deployment.warmUpBars;
    if (deployment.feedKind === 'replay') {
      const dataSetId = deployment.replayDataset!.id;
      const start = deployment.replayStartAt;
      // The first processed bar: at or after replayStartAt, or the bar after the warm-up prefix of the dataset.
      const [first] = await em.execute<{ t: number | null }[]>(
        start
          ? `select (extract(epoch from min("timestamp")) * 1000)::float8 as t from market_bar where dataset_id = ? and "timestamp" >= ?`
          : `select (extract(epoch from "timestamp") * 1000)::float8 as t from market_bar where dataset_id = ? order by "timestamp" offset ? limit 1`,
        start ? [dataSetId, start] : [dataSetId, warmUp],
      );
      if (!first || first.t === null) throw new ValidationError(`deployment ${deployment.id}: the replay dataset has no bar to start from`, 'replayStartAt');
      const prefix = await em.execute<{ t: number }[]>(
        `select (extract(epoch from "timestamp") * 1000)::float8 as t from market_bar where dataset_id = ? and "timestamp" < to_timestamp(?::float8 / 1000)
          order by "timestamp" desc limit ?`,
        [dataSetId, first.t, warmUp],
      );
      deployment.replayStartAt = new Date(first.t);
      deployment.historyStartAt = new Date(prefix.length > 0 ? prefix[prefix.length - 1]!.t : first.t);
      if (prefix.length > 0) {
        deployment.lastProcessedBarAt = new Date(prefix[0]!.t);
        deployment.lastAcceptedBarAt = new Date(prefix[0]!.t);
      }
      if (deployment.replayBarIntervalMs != null) deployment.replayClockStartedAt = new Date(wallNow);
      return;
    }
    // Live: the warm-up prefix is the last `warmUpBars` closed bars the poll brought; they become the stored history.
    const bars = (live?.bars ?? []).filter((bar) => bar.closeTime <= wallNow);
    const prefix = bars.slice(Math.max(0, bars.length - warmUp));
    if (warmUp > 0 && prefix.length > 0) {
      await insertLiveBars(em, deployment.id, prefix);
      deployment.historyStartAt = new Date(prefix[0]!.time);
      deployment.lastProcessedBarAt = new Date(prefix[prefix.length - 1]!.time);
      deployment.lastAcceptedBarAt = new Date(prefix[prefix.length - 1]!.time);
    } else {
      deployment.lastProcessedBarAt = bars.length > 0 ? new Date(bars[bars.length - 1]!.time) : null;
    }
  }

  /** The paced replay clock, or null (live feed, or a replay as fast as possible). */
  private replayClockOf(deployment: Deployment, barMs: number): ReplayClock | null {
    if (deployment.feedKind !== 'replay' || deployment.replayBarIntervalMs == null || !deployment.replayClockStartedAt || !deployment.replayStartAt) return null;
    return { originMs: deployment.replayStartAt.getTime(), startedAtMs: deployment.replayClockStartedAt.getTime(), barMs, intervalMs: deployment.replayBarIntervalMs };
  }

  /**
   * The stage the runner acts in, failing closed to OBSERVE (with the reason) on an unknown configuration: a venue
   * that does not fit the stage, a fill model the engine refuses, LIVE without a valid confirmation token, or LIVE
   * without an exchange connector able to place orders here.
   */
  private async resolveStage(em: EntityManager, deployment: Deployment, wallNow: number, connection: LiveConnection | null): Promise<{ stage: DeploymentStage; reason: string | null; rule: string | null; fillModel: FillModelConfig | null }> {
    const observe = (reason: string | null, rule: string | null = null) => ({ stage: 'observe' as const, reason, rule, fillModel: null });
    if (deployment.stage === 'observe') return observe(null);
    let fillModel: FillModelConfig;
    try {
      fillModel = fillModelOf(deployment);
      assertFillModelConfig(fillModel);
    } catch (error) {
      if (error instanceof EngineInputError) return observe(`unknown fill model configuration: ${error.message} (${error.field})`);
      throw error;
    }
    if (deployment.stage === 'shadow' || deployment.stage === 'paper') {
      if (deployment.venue !== deployment.stage) return observe(`unknown configuration: stage ${deployment.stage} with venue ${deployment.venue}`);
      return { stage: deployment.stage, reason: null, rule: null, fillModel };
    }
    if (!isExchangeVenue(deployment.venue)) return observe(`unknown configuration: stage live with venue ${deployment.venue} (an exchange is required)`);
    const [token] = await em.execute<{ valid: boolean }[]>(
      `select exists (select 1 from live_confirmation_token where deployment_id = ? and revoked_at is null and expires_at > ?) as valid`,
      [deployment.id, new Date(wallNow)],
    );
    if (!token?.valid) return observe('no valid LIVE confirmation token (none, expired or revoked)', 'live_token_invalid');
    if (connection === null || connection.venue === null) {
      const failure = connection?.failure ?? { kind: 'no_connector' as const, message: `no ${deployment.venue} connector` };
      return observe(`${failure.kind}: ${failure.message}`, failure.kind);
    }
    await em.execute(`update live_confirmation_token set used_at = ? where deployment_id = ? and used_at is null and revoked_at is null and expires_at > ?`, [new Date(wallNow), deployment.id, new Date(wallNow)]);
    return { stage: 'live', reason: null, rule: null, fillModel };
  }

  /** Marks the deployment DEGRADED (once) and records why. */
  private async degrade(em: EntityManager, deployment: Deployment, reason: 'stale_feed' | 'connector_unavailable', records: DeploymentRecords, wallNow: number, message: string, kind: 'stale_feed' | 'connector_unavailable' | 'missing_credentials', numbers: { threshold?: string; measured?: string } = {}): Promise<void> {
    records.events.push({ id: newId(), occurredAt: new Date(wallNow), barAt: null, kind, rule: kind === 'stale_feed' ? 'freshness' : null, threshold: numbers.threshold ?? null, measured: numbers.measured ?? null, message, orderId: null, evidence: null });
    if (deployment.health === 'degraded' && deployment.healthReason === reason) return;
    changeDeploymentHealth(deployment, 'degraded', reason, records, new Date(wallNow));
    await em.flush();
  }

  /**
   * Freshness = market now − the last accepted bar's close; beyond maxBarAgeMs → DEGRADED (stale feed), back to HEALTHY
   * when fresh. `feedAnswered`: a live feed's poll just answered (simulated stages only), so a degradation for an
   * unavailable connector is lifted too once the bars are fresh (a `feed_recovered` event names what was lifted).
   */
  private async updateFreshness(em: EntityManager, deployment: Deployment, marketNow: number, barMs: number, records: DeploymentRecords, wallNow: number, feedAnswered = false): Promise<void> {
    const verdict = freshnessOf(deployment, marketNow, barMs);
    if (verdict === null) return;
    if (staleDue(deployment, verdict)) {
      const age = deployment.lastAcceptedBarAt ? `the last closed bar is ${Math.round(verdict.ageMs)} ms old` : `no bar yet, ${Math.round(verdict.ageMs)} ms after the feed started`;
      await this.degrade(em, deployment, 'stale_feed', records, wallNow, `stale feed: ${age}, the limit is ${deployment.maxBarAgeMs} ms; no orders until fresh bars arrive`, 'stale_feed', {
        threshold: String(deployment.maxBarAgeMs),
        measured: String(verdict.ageMs),
      });
    } else if (recoveryDue(deployment, verdict, feedAnswered)) {
      const lifted = deployment.healthReason ?? null;
      changeDeploymentHealth(deployment, 'healthy', null, records, new Date(wallNow));
      const cause = lifted === 'stale_feed' ? 'feed fresh again' : `the ${deployment.feedVenue ?? 'venue'} feed answers again and is fresh`;
      records.events.push({
        id: newId(),
        occurredAt: new Date(wallNow),
        barAt: deployment.lastAcceptedBarAt ?? null,
        kind: 'feed_recovered',
        rule: 'freshness',
        threshold: String(deployment.maxBarAgeMs),
        measured: String(verdict.ageMs),
        message: `${cause}: the last closed bar is ${Math.round(verdict.ageMs)} ms old (degraded for ${lifted} until now)`,
        orderId: null,
        evidence: { lifted },
      });
    }
  }

  /** The job of the next bar (replay: when it closes on the replay clock, or at once; live: its close + poll delay); null when the replay is over. */
  private async nextBarJob(em: EntityManager, deployment: Deployment, replayFeed: ReplayFeed | null, replayClock: ReplayClock | null, wallNow: number, barMs: number, records: DeploymentRecords): Promise<{ barOpenMs: number; runAt: Date | null } | null> {
    const cursor = deployment.lastProcessedBarAt?.getTime() ?? null;
    if (replayFeed) {
      const next = await replayFeed.nextBarTime(cursor);
      if (next === null) {
        const [done] = await em.execute<{ done: boolean }[]>(`select exists (select 1 from deployment_event where deployment_id = ? and kind = 'replay_completed') as done`, [deployment.id]);
        if (!done?.done) {
          records.events.push({ id: newId(), occurredAt: new Date(wallNow), barAt: deployment.lastProcessedBarAt ?? null, kind: 'replay_completed', rule: null, threshold: null, measured: null, message: 'the replay reached the last bar of its dataset', orderId: null, evidence: null });
        }
        return null;
      }
      const runAt = replayClock ? Math.max(wallNow, replayClockReaches(replayClock, next + barMs)) : wallNow;
      return { barOpenMs: next, runAt: new Date(runAt) };
    }
    const next = cursor === null ? Math.floor(wallNow / barMs) * barMs : cursor + barMs;
    const due = Math.max(next + barMs + runnerSettings.livePollDelayMs, wallNow + runnerSettings.livePollDelayMs);
    return { barOpenMs: next, runAt: new Date(due) };
  }

  /** Polls the exchange for bars after the cursor (outside any transaction); a failure is reported, never retried blindly. */
  private async pollLive(deployment: Deployment): Promise<LivePoll> {
    const venueName = deployment.feedVenue;
    if (!venueName || deployment.timeframe === 'tick') return { bars: [], failure: { kind: 'connector_unavailable', message: 'live feed without an exchange or bar length' } };
    if (!this.settings.venues) return { bars: [], failure: { kind: 'connector_unavailable', message: `no exchange connector is configured for ${venueName}` } };
    let venue: Venue;
    try {
      venue = await this.settings.venues.venueFor(venueName, null);
    } catch (error) {
      if (error instanceof VenueCredentialsError) return { bars: [], failure: { kind: 'missing_credentials', message: error.message } };
      throw error;
    }
    const barMs = timeframeMilliseconds[deployment.timeframe];
    const feed = new LiveFeed(venue, deployment.symbol, deployment.timeframe, barMs, () => this.ctx.clock.now().getTime());
    const afterMs = deployment.lastProcessedBarAt?.getTime() ?? null;
    const limit = afterMs === null ? Math.max(deployment.warmUpBars + 1, 2) : runnerSettings.maxBarsPerJob;
    try {
      return { bars: await feed.barsAfter(afterMs, this.ctx.clock.now().getTime(), Math.min(limit, 1000)), failure: null };
    } catch (error) {
      if (error instanceof VenueUnavailableError) return { bars: [], failure: { kind: 'connector_unavailable', message: error.message } };
      if (error instanceof VenueCredentialsError) return { bars: [], failure: { kind: 'missing_credentials', message: error.message } };
      throw error;
    }
  }
}

/** The engine's freshness verdict of a feed. */
type Freshness = ReturnType<typeof freshness>;

/**
 * Freshness = market now − the last accepted bar's close (engine `freshness`); null before the feed started. Before the
 * first bar, age is measured from the feed's start (a paced replay's clock origin, a live feed's activation): a feed
 * that has just started is not stale (it used to read as "stale … Infinity").
 */
function freshnessOf(deployment: Deployment, marketNow: number, barMs: number): Freshness | null {
  const started = deployment.feedKind === 'replay' ? (deployment.replayStartAt?.getTime() ?? null) : (deployment.activationStartedAt?.getTime() ?? null);
  const lastClose = deployment.lastAcceptedBarAt ? deployment.lastAcceptedBarAt.getTime() + barMs : started;
  return lastClose === null ? null : freshness(marketNow, lastClose, deployment.maxBarAgeMs);
}

/** The feed is stale and the deployment not yet DEGRADED for it. */
function staleDue(deployment: Deployment, verdict: Freshness): boolean {
  return !verdict.fresh && !(deployment.health === 'degraded' && deployment.healthReason === 'stale_feed');
}

/** The feed is fresh and the deployment DEGRADED for a stale feed (or, `feedAnswered`, for an unavailable connector): back to HEALTHY. */
function recoveryDue(deployment: Deployment, verdict: Freshness, feedAnswered: boolean): boolean {
  return verdict.fresh && deployment.health === 'degraded' && (deployment.healthReason === 'stale_feed' || (feedAnswered && deployment.healthReason === 'connector_unavailable'));
}

/** The target history a job computed, kept for the deployment's next job once the transaction has committed. */
interface CommittedHistory {
  history: { historyStartAt: Date; frame: BarFrame } | null;
}

/**
 * Deployments whose jobs skip the read before the transaction: replays (the feed kind never changes) that were not
 * LIVE when last read. One promoted to LIVE since is noticed inside the transaction (`needsConnection`).
 */
const skipsPreview = new Set<string>();

function rememberSkipsPreview(deploymentId: string): void {
  if (skipsPreview.size > 100_000) skipsPreview.clear();
  skipsPreview.add(deploymentId);
}

/** Template and parsed parameters per parameter configuration: both rows are immutable, so a process reads them once. */
const strategies = new Map<string, { template: StrategyTemplate; parameters: ParameterValues }>();

async function strategyOf(em: EntityManager, deployment: Deployment): Promise<{ template: StrategyTemplate; parameters: ParameterValues }> {
  const key = `${deployment.strategyVersion.id}:${deployment.parameterConfig.id}`;
  const known = strategies.get(key);
  if (known) return known;
  const version = await em.findOneOrFail(StrategyVersion, { id: deployment.strategyVersion.id });
  const config = await em.findOneOrFail(ParameterConfig, { id: deployment.parameterConfig.id });
  try {
    const template = getStrategyTemplate(version.template);
    const entry = { template, parameters: parseParameters(template, config.parameters) };
    if (strategies.size > 10_000) strategies.clear();
    strategies.set(key, entry);
    return entry;
  } catch (error) {
    if (error instanceof EngineInputError) throw new ValidationError(`deployment ${deployment.id}: ${error.message}`, error.field);
    throw error;
  }
}

function idle(reason: string): BarBatchOutcome {
  return { barsTaken: 0, barsAccepted: 0, ordersPlaced: 0, idle: reason, nextBarMs: null };
}

/** Never used to fill: OBSERVE places nothing. The engine's step still needs a config. */
const fallbackFillModel: FillModelConfig = { slippageBps: 0, takerFeeBps: 0, makerFeeBps: 0, participationCap: null, latencyMs: 0, orderType: 'market', limitOffsetBps: 0, seed: 0 };

/** The deployment's typed fill-model columns as the engine's config. */
export function fillModelOf(deployment: Deployment): FillModelConfig {
  return {
    slippageBps: deployment.slippageBps,
    takerFeeBps: deployment.takerFeeBps,
    makerFeeBps: deployment.makerFeeBps,
    participationCap: deployment.participationCap ?? null,
    latencyMs: deployment.latencyMs,
    orderType: deployment.orderType,
    limitOffsetBps: deployment.limitOffsetBps ?? 0,
    seed: deployment.seed,
  };
}

async function insertLiveBars(em: EntityManager, deploymentId: string, bars: readonly FeedBar[]): Promise<void> {
  if (bars.length === 0) return;
  await em.execute(
    `insert into deployment_bar (deployment_id, bar_at, open, high, low, close, volume, received_at)
     select ?, r.bar_at, r.open, r.high, r.low, r.close, r.volume, r.received_at
       from jsonb_to_recordset(?::jsonb) as r(bar_at timestamptz, open float8, high float8, low float8, close float8, volume float8, received_at timestamptz)
     on conflict do nothing`,
    [
      deploymentId,
      JSON.stringify(bars.map((bar) => ({ bar_at: new Date(bar.time).toISOString(), open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, received_at: new Date(bar.receivedAtMs).toISOString() }))),
    ],
  );
}
