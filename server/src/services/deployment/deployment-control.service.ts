import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { deploymentActivationLifecycle } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { resolveDeploymentStart, type FillModelRequest, type LimitsRequest } from '../../domain/deployment/deployment-start.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { GlobalTradingState, globalTradingStateId } from '../../domain/deployment/global-trading-state.entity.ts';
import { tradingStateLifecycle, type TradingState } from '../../domain/deployment/trading-state.lifecycle.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { EventDelivery } from '../../domain/events.ts';
import { isUuid } from '../../domain/ids.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { Governance } from '../auth/authorize.ts';
import { parseTemplateParameters } from '../backtest/backtest.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { findOrCreateParameterConfig } from '../strategy/parameter-config.repository.ts';
import { DeploymentRunnerService } from './deployment-runner.service.ts';
import { cancelOpenOrders, lockDeploymentsInScope } from './open-order-cancellation.ts';
import { operatorReason } from './operator-reason.ts';

/** The replayed feed of a new deployment (see `deploymentStartBounds` for bounds and defaults). */
export interface ReplayFeedInput {
  marketDataSetId: string;
  barIntervalMs?: number | null;
  asFastAsPossible?: boolean | null;
  startAt?: Date | null;
  endAt?: Date | null;
  warmUpBars?: number | null;
}

/** The live feed of a new deployment: an exchange's OHLCV, polled (public market data; no order reaches it). */
export interface LiveFeedInput {
  venue: string;
  symbol: string;
  timeframe: string;
  warmUpBars?: number | null;
}

/** What starting a deployment takes. Exactly one of `replay` and `live`; at most one of `parameterConfigId` and `parameters`. */
export interface StartDeploymentInput {
  strategyVersionId: string;
  /** A configuration of that version (from a backtest, an optimization, a scorecard entry). */
  parameterConfigId?: string | null;
  /** Or parameters of the version's template (missing ones take the template's defaults). Neither = the defaults. */
  parameters?: Record<string, unknown> | null;
  /** `observe` or `shadow` (PAPER and LIVE come through the promotion ladder). */
  stage: string;
  replay?: ReplayFeedInput | null;
  live?: LiveFeedInput | null;
  fillModel?: FillModelRequest | null;
  limits?: LimitsRequest | null;
}

/** What a change of a deployment's or the platform's trading state is called in the audit trail and events. */
type TradingAction = 'halted' | 'resumed' | 'flatten_requested';

/**
 * Production controls of deployments (lifecycle-spec FR-023, FR-027): start one at OBSERVE or SHADOW, pause, resume,
 * halt and flatten it, and halt, flatten or resume all trading (the global trading state). Each is a production action
 * (role + fresh TOTP step-up), runs in one transaction that locks the deployment row(s) the runner locks per bar,
 * records an audit event with the operator's reason and publishes the changed row.
 */
export class DeploymentControlService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
  }

  /**
   * Starts a deployment of an approved strategy version's configuration at OBSERVE or SHADOW — neither contacts a
   * broker — on a replayed dataset or a live feed, with its fill model and limits (defaults and bounds:
   * `deploymentStartBounds`, the engine's `defaultFillModelConfig`). The row starts `pending` with its cash and equity
   * at the initial equity, and its first bar job is queued in the same transaction. Audited (`deployment.started`, with every setting) and published.
   * @throws ValidationError naming the field (`stage` with rule stage_requires_promotion for PAPER and LIVE, `replay`,
   *   `replay.barIntervalMs`, `fillModel.*`, `limits.*`, `parameters.*`, `parameterConfigId`), NotFoundError (version,
   *   configuration, dataset), ConflictError (version not approved, strategy retired, dataset not certified),
   *   ForbiddenError (production with a fresh step-up).
   */
  async start(input: StartDeploymentInput): Promise<Deployment> {
    await this.governance.authorizeUseCase('startDeployment');
    return this.ctx.em.transactional((em) => this.startIn(em, input));
  }

  /**
   * {@link start} in the caller's transaction `em`, without the authorization (the caller's: production, or the
   * platform's candidate job starting a candidate's OBSERVE deployment). The creator is the acting user, else the
   * system user. @throws as {@link start} (except ForbiddenError).
   */
  async startIn(em: EntityManager, input: StartDeploymentInput): Promise<Deployment> {
    if ((input.replay ? 1 : 0) + (input.live ? 1 : 0) !== 1) throw new ValidationError('replay: give exactly one feed, replay or live', 'replay');
    if (input.parameterConfigId && input.parameters) throw new ValidationError('parameters: give a parameterConfigId or parameters, not both', 'parameters');
    for (const [field, id] of [['strategyVersionId', input.strategyVersionId], ['parameterConfigId', input.parameterConfigId], ['replay.marketDataSetId', input.replay?.marketDataSetId]] as const) {
      if (id != null && !isUuid(id)) throw new ValidationError(`${field} is not an id`, field);
    }
    const creatorId = await this.governance.actingUserId();
    const version = await em.findOne(StrategyVersion, { id: input.strategyVersionId }, { populate: ['strategy'] });
    if (!version) throw new NotFoundError('StrategyVersion', input.strategyVersionId);
    if (version.approvalStatus !== 'approved') throw new ConflictError(`strategy version ${version.versionTag} is ${version.approvalStatus}: only approved versions are deployed`);
    if (version.strategy.lifecycleState === 'retired') throw new ConflictError(`strategy ${version.strategy.code} is retired: it is not deployed again`);
    const dataset = input.replay ? await this.replayDataset(em, input.replay.marketDataSetId) : null;
    const settings = resolveDeploymentStart({
      stage: input.stage,
      feed: input.replay
        ? { kind: 'replay', dataset: { symbol: dataset!.symbolUniverse[0]!, timeframe: dataset!.timeframe, startAt: dataset!.startAt, endAt: dataset!.endAt, rowCount: dataset!.rowCount }, ...input.replay }
        : { kind: 'live', ...input.live! },
      fillModel: input.fillModel,
      limits: input.limits,
    });
    const config = await this.configuration(em, version, input);
    const deployment = em.create(Deployment, {
      strategy: version.strategy,
      strategyVersion: version,
      parameterConfig: config,
      createdBy: em.getReference(User, creatorId),
      stage: settings.stage,
      effectiveStage: settings.stage,
      feedKind: settings.feedKind,
      replayDataset: dataset,
      replayBarIntervalMs: settings.replayBarIntervalMs,
      replayStartAt: settings.replayStartAt,
      replayEndAt: settings.replayEndAt,
      feedVenue: settings.feedVenue,
      symbol: settings.symbol,
      timeframe: settings.timeframe,
      quoteCurrency: settings.quoteCurrency,
      warmUpBars: settings.warmUpBars,
      venue: settings.venue,
      slippageBps: settings.slippageBps,
      takerFeeBps: settings.takerFeeBps,
      makerFeeBps: settings.makerFeeBps,
      participationCap: settings.participationCap,
      latencyMs: settings.latencyMs,
      orderType: settings.orderType,
      limitOffsetBps: settings.limitOffsetBps,
      seed: settings.seed,
      maxNotionalPerOrder: settings.maxNotionalPerOrder,
      capitalAllocation: settings.capitalAllocation,
      maxPositionFraction: settings.maxPositionFraction,
      maxBarAgeMs: settings.maxBarAgeMs,
      initialEquity: settings.initialEquity,
      cash: settings.initialEquity,
      equity: settings.initialEquity,
      peakEquity: settings.initialEquity,
    });
    await em.flush();
    await DeploymentRunnerService.scheduleBars(em, deployment.id, null);
    await this.governance.audit.record(em, {
      action: 'deployment.started',
      subjectType: 'Deployment',
      subjectId: deployment.id,
      datasetChecksum: dataset?.checksum ?? null,
      details: {
        strategyId: version.strategy.id,
        strategyCode: version.strategy.code,
        strategyVersionId: version.id,
        versionTag: version.versionTag,
        parameterConfigId: config.id,
        parameterChecksum: config.checksum,
        parameters: config.parameters,
        marketDataSetId: dataset?.id ?? null,
        ...settings,
      },
    });
    await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'started' });
    this.ctx.logger.info({ deploymentId: deployment.id, stage: settings.stage, strategy: version.strategy.code, feed: settings.feedKind }, 'deployment started');
    return deployment;
  }

  /**
   * Pauses a running deployment: the runner stops processing its bars (activation `active → paused`); nothing is
   * cancelled, the trading state is unchanged. @throws ValidationError (`reason`), NotFoundError, ConflictError (not
   * active — a deployment that has not processed its first bar yet, or one already paused or stopped), ForbiddenError.
   */
  async pause(deploymentId: string, reason: string): Promise<Deployment> {
    await this.governance.authorizeUseCase('pauseDeployment', deploymentId);
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const { row, from } = await applyTransition(em, deploymentActivationLifecycle, { entity: Deployment, id: deploymentId, field: 'activationState', to: 'paused', subject: (row) => `deployment ${row.id}` });
      await this.governance.audit.record(em, { action: 'deployment.paused', subjectType: 'Deployment', subjectId: row.id, details: { activationState: { from, to: 'paused' }, reason: why } });
      await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: row.id, change: 'paused' });
      return row;
    });
  }

  /**
   * Resumes a deployment: a paused one processes bars again (catching up from its last processed bar; its next bar job
   * is queued), and a halted or reducing one trades again (trading state `active`); both when both apply. A flatten
   * still waiting for its bar is kept: the position is closed at the next bar, then the strategy trades again. @throws ValidationError (`reason`), NotFoundError, ConflictError (running and active already, or
   * stopped for good), ForbiddenError.
   */
  async resume(deploymentId: string, reason: string): Promise<Deployment> {
    await this.governance.authorizeUseCase('resumeDeployment', deploymentId);
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const current = await this.lockDeployment(em, deploymentId);
      const changes: Record<string, { from: string; to: string }> = {};
      if (current.activationState === 'paused') {
        const { row } = await applyTransition(em, deploymentActivationLifecycle, { entity: Deployment, id: deploymentId, field: 'activationState', to: 'active', subject: (row) => `deployment ${row.id}` });
        changes.activationState = { from: 'paused', to: 'active' };
        // A paused deployment's bar chain stopped: queue its next bar (the same job key the runner would use).
        const barMs = row.timeframe === 'tick' ? 0 : timeframeMilliseconds[row.timeframe];
        await DeploymentRunnerService.scheduleBars(em, row.id, row.lastProcessedBarAt ? row.lastProcessedBarAt.getTime() + barMs : null);
      } else if (current.activationState !== 'active' && current.activationState !== 'pending') {
        throw new ConflictError(`deployment ${deploymentId} is ${current.activationState}: it does not run again`);
      }
      if (current.tradingState !== 'active') {
        const from = current.tradingState;
        await applyTransition(em, tradingStateLifecycle, {
          entity: Deployment,
          id: deploymentId,
          field: 'tradingState',
          to: 'active',
          subject: (row) => `deployment ${row.id}`,
          change: (row) => {
            row.tradingStateReason = why;
          },
        });
        changes.tradingState = { from, to: 'active' };
      }
      if (Object.keys(changes).length === 0) throw new ConflictError(`deployment ${deploymentId} is running and its trading state is active: nothing to resume`);
      await this.governance.audit.record(em, { action: 'deployment.resumed', subjectType: 'Deployment', subjectId: deploymentId, details: { ...changes, reason: why } });
      await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deploymentId, change: 'resumed' });
      return em.findOneOrFail(Deployment, { id: deploymentId });
    });
  }

  /**
   * Halts a deployment's trading (trading state `halted`): no new orders, its open simulated orders are cancelled now
   * (orders at an exchange by the runner through the venue); bars are still processed and signals recorded.
   * @throws ValidationError (`reason`), NotFoundError, ConflictError (already halted), ForbiddenError.
   */
  async halt(deploymentId: string, reason: string): Promise<Deployment> {
    await this.governance.authorizeUseCase('haltDeployment', deploymentId);
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const { row, from } = await applyTransition(em, tradingStateLifecycle, {
        entity: Deployment,
        id: deploymentId,
        field: 'tradingState',
        to: 'halted',
        subject: (row) => `deployment ${row.id}`,
        change: (row) => {
          row.tradingStateReason = why;
        },
      });
      const cancellation = await cancelOpenOrders(em, { deploymentId }, 'halt', `deployment halted by ${this.actorName()}: ${why}`, this.ctx.clock.now());
      await this.governance.audit.record(em, {
        action: 'deployment.halted',
        subjectType: 'Deployment',
        subjectId: row.id,
        details: { tradingState: { from, to: 'halted' }, reason: why, ordersCancelled: cancellation.cancelled.map((order) => order.clientOrderId), ordersLeftForVenue: cancellation.leftForVenue },
      });
      await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: row.id, change: 'halted' });
      return row;
    });
  }

  /**
   * Flattens a deployment: trading state `reducing` (only exposure-reducing orders from now on), its open simulated
   * orders cancelled, and a flatten request the runner acts on at the deployment's next processed bar — an order of
   * intent `flatten` closing the whole position at that bar's open (the backtest's timing), whatever the target in
   * force. Resume returns it to `active`. @throws ValidationError (`reason`), NotFoundError, ConflictError (retired or
   *   rolled back, no position, a flatten already waiting), ForbiddenError.
   */
  async flatten(deploymentId: string, reason: string): Promise<Deployment> {
    await this.governance.authorizeUseCase('flattenDeployment', deploymentId);
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const current = await this.lockDeployment(em, deploymentId);
      if (current.activationState === 'retired' || current.activationState === 'rolled_back') throw new ConflictError(`deployment ${deploymentId} is ${current.activationState}: it holds nothing to flatten`);
      if (current.flattenRequestedAt) throw new ConflictError(`deployment ${deploymentId} already has a flatten waiting for its next bar (requested ${current.flattenRequestedAt.toISOString()})`);
      if (current.positionQuantity === 0) throw new ConflictError(`deployment ${deploymentId} holds no position: nothing to flatten`);
      const from = current.tradingState;
      const now = this.ctx.clock.now();
      if (from !== 'reducing') {
        await applyTransition(em, tradingStateLifecycle, {
          entity: Deployment,
          id: deploymentId,
          field: 'tradingState',
          to: 'reducing',
          subject: (row) => `deployment ${row.id}`,
          change: (row) => {
            row.tradingStateReason = why;
          },
        });
      }
      const row = await this.lockDeployment(em, deploymentId);
      row.flattenRequestedAt = now;
      row.tradingStateReason = why;
      await em.flush();
      const cancellation = await cancelOpenOrders(em, { deploymentId }, 'flatten', `deployment flattened by ${this.actorName()}: ${why}`, now);
      await this.governance.audit.record(em, {
        action: 'deployment.flatten_requested',
        subjectType: 'Deployment',
        subjectId: row.id,
        details: { tradingState: { from, to: 'reducing' }, positionQuantity: row.positionQuantity, reason: why, ordersCancelled: cancellation.cancelled.map((order) => order.clientOrderId), ordersLeftForVenue: cancellation.leftForVenue },
      });
      await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: row.id, change: 'flatten_requested' });
      return row;
    });
  }

  /** The platform-wide trading state (one row). @throws ForbiddenError (needs `read Deployment`). */
  async globalTradingState(): Promise<GlobalTradingState> {
    await this.governance.authorize('read', 'Deployment');
    return this.ctx.em.findOneOrFail(GlobalTradingState, { id: globalTradingStateId });
  }

  /**
   * The global trading state as of an event (`GLOBAL_TRADING_STATE_CHANGED` carries the row's snapshot), for the
   * `globalTradingStateChanged` subscription: never a later re-read. @throws ForbiddenError (needs `read Deployment`),
   * NotFoundError when the event carried no snapshot.
   */
  async globalTradingStateAsOf(delivery: EventDelivery<'GLOBAL_TRADING_STATE_CHANGED'>): Promise<GlobalTradingState> {
    await this.governance.authorize('read', 'Deployment');
    if (!delivery.snapshot || typeof delivery.snapshot.id !== 'string') throw new NotFoundError('GlobalTradingState', JSON.stringify(delivery.payload));
    return this.ctx.em.map(GlobalTradingState, delivery.snapshot as never);
  }

  /**
   * Halts all trading (global trading state `halted`, on top of every deployment's own): no new orders anywhere; open
   * simulated orders are cancelled now. @throws ValidationError (`reason`), ConflictError (already halted), ForbiddenError.
   */
  async haltTrading(reason: string): Promise<GlobalTradingState> {
    await this.governance.authorizeUseCase('haltTrading');
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      await lockDeploymentsInScope(em, 'all');
      const { row, from } = await this.moveGlobalTradingState(em, 'halted', why);
      const cancellation = await cancelOpenOrders(em, 'all', 'halt', `all trading halted by ${this.actorName()}: ${why}`, this.ctx.clock.now());
      await this.auditGlobal(em, 'halted', from, why, { ordersCancelled: cancellation.cancelled.length, ordersLeftForVenue: cancellation.leftForVenue });
      return row;
    });
  }

  /**
   * Flattens every deployment: global trading state `reducing` (only exposure-reducing orders anywhere), every open
   * simulated order cancelled, and a flatten request on each deployment still running (pending, active or paused) that
   * holds a position — its runner closes the position at its next bar. @throws ValidationError (`reason`),
   * ForbiddenError.
   */
  async flattenTrading(reason: string): Promise<GlobalTradingState> {
    await this.governance.authorizeUseCase('flattenTrading');
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const ids = await lockDeploymentsInScope(em, 'all');
      const current = await em.findOneOrFail(GlobalTradingState, { id: globalTradingStateId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const from = current.tradingState;
      const { row } = from === 'reducing' ? { row: current } : await this.moveGlobalTradingState(em, 'reducing', why);
      const now = this.ctx.clock.now();
      const holding = await em.find(Deployment, { id: { $in: ids }, positionQuantity: { $ne: 0 }, flattenRequestedAt: null });
      for (const deployment of holding) deployment.flattenRequestedAt = now;
      await em.flush();
      const cancellation = await cancelOpenOrders(em, 'all', 'flatten', `all trading flattened by ${this.actorName()}: ${why}`, now);
      await this.auditGlobal(em, 'flatten_requested', from, why, { deploymentsFlattened: holding.map((deployment) => deployment.id), ordersCancelled: cancellation.cancelled.length, ordersLeftForVenue: cancellation.leftForVenue });
      for (const deployment of holding) await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'flatten_requested' });
      return row;
    });
  }

  /**
   * Resumes all trading (global trading state `active`); each deployment's own state still applies.
   * @throws ValidationError (`reason`), ConflictError (already active), ForbiddenError.
   */
  async resumeTrading(reason: string): Promise<GlobalTradingState> {
    await this.governance.authorizeUseCase('resumeTrading');
    const why = operatorReason(reason);
    return this.ctx.em.transactional(async (em) => {
      const { row, from } = await this.moveGlobalTradingState(em, 'active', why);
      await this.auditGlobal(em, 'resumed', from, why, {});
      return row;
    });
  }

  private async replayDataset(em: EntityManager, id: string): Promise<MarketDataSet> {
    const dataset = await em.findOne(MarketDataSet, { id });
    if (!dataset) throw new NotFoundError('MarketDataSet', id);
    if (!dataset.certifiedAt) throw new ConflictError(`market data set ${dataset.fileName} is not certified`);
    if (dataset.symbolUniverse.length !== 1) throw new ValidationError(`replay.marketDataSetId: a deployment trades one symbol; ${dataset.fileName} holds ${dataset.symbolUniverse.length}`, 'replay.marketDataSetId');
    return dataset;
  }

  private async configuration(em: EntityManager, version: StrategyVersion, input: StartDeploymentInput): Promise<ParameterConfig> {
    if (input.parameterConfigId) {
      const config = await em.findOne(ParameterConfig, { id: input.parameterConfigId });
      if (!config) throw new NotFoundError('ParameterConfig', input.parameterConfigId);
      if (config.strategyVersion.id !== version.id) throw new ValidationError(`parameterConfigId: configuration ${config.label} belongs to another strategy version`, 'parameterConfigId');
      return config;
    }
    return findOrCreateParameterConfig(em, version, parseTemplateParameters(version.template, input.parameters ?? {}), 'research');
  }

  private async lockDeployment(em: EntityManager, id: string): Promise<Deployment> {
    const row = isUuid(id) ? await em.findOne(Deployment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
    if (!row) throw new NotFoundError('Deployment', id);
    return row;
  }

  /** Moves the one global trading-state row through the trading-state machine, under a row lock. */
  private async moveGlobalTradingState(em: EntityManager, to: TradingState, reason: string): Promise<{ row: GlobalTradingState; from: TradingState }> {
    const row = await em.findOneOrFail(GlobalTradingState, { id: globalTradingStateId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const from = row.tradingState;
    const refusal = tradingStateLifecycle.refusal(from, to, undefined, 'the global trading state');
    if (refusal !== null) throw new ConflictError(refusal);
    row.tradingState = to;
    row.reason = reason;
    row.changedBy = this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null;
    row.changedAt = this.ctx.clock.now();
    await em.flush();
    return { row, from };
  }

  private async auditGlobal(em: EntityManager, action: TradingAction, from: TradingState, reason: string, details: Record<string, unknown>): Promise<void> {
    const row = await em.findOneOrFail(GlobalTradingState, { id: globalTradingStateId });
    await this.governance.audit.record(em, {
      action: `trading.${action}`,
      subjectType: 'GlobalTradingState',
      subjectId: globalTradingStateId,
      details: { tradingState: { from, to: row.tradingState }, reason, ...details },
    });
    const said = { halted: 'halted: no order is placed anywhere until it is resumed', resumed: 'resumed: trading may go on', flatten_requested: 'set to flatten: every position is being closed, no new one opens' }[action];
    await this.notifications.notifyIn(em, ['production', 'risk'], {
      kind: 'trading.state_changed',
      message: `All trading ${said} — by ${this.actorName()}: ${reason}.`,
      subjectType: 'GlobalTradingState',
      subjectId: globalTradingStateId,
      details: { tradingState: row.tradingState, from, action, reason },
    });
    await publishEvent(em, 'GLOBAL_TRADING_STATE_CHANGED', { id: globalTradingStateId, tradingState: row.tradingState });
  }

  private actorName(): string {
    return this.ctx.actor.email ?? 'the platform';
  }
}
