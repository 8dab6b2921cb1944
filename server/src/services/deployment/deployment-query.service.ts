import type { FilterQuery } from '@mikro-orm/postgresql';
import type { ActivationState } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { deploymentActivationLifecycle } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { deploymentEventCategories, type DeploymentEventCategory } from '../../domain/deployment/deployment-event-kinds.ts';
import { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import { DeploymentFill } from '../../domain/deployment/deployment-fill.entity.ts';
import { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import { deploymentStages, type DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { orderStates, type OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import { PnlSnapshot } from '../../domain/deployment/pnl-snapshot.entity.ts';
import { PositionSnapshot } from '../../domain/deployment/position-snapshot.entity.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { EventTopics } from '../../domain/events.ts';
import { isUuid } from '../../domain/ids.ts';
import { strictestTradingState, type TradingState } from '../../domain/deployment/trading-state.lifecycle.ts';
import type { Governance } from '../auth/authorize.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { ServiceContext } from '../service-context.ts';

/** Filters of the deployment list; all optional, combined with AND. */
export interface DeploymentFilter {
  strategyId?: string | null;
  stage?: DeploymentStage | null;
  activationState?: ActivationState | null;
}

/** A window of a per-bar series: bar open times `from` … `to` (inclusive, either open) and at most `maxPoints` points. */
export interface SeriesWindow {
  from?: Date | null;
  to?: Date | null;
  maxPoints?: number | null;
}

/** Bounds of a per-bar series read (positions, P&L): default and largest point count. */
export const seriesPointBounds = { default: 1_000, max: 5_000 } as const;

/** Bounds of a price-bar read (the latest bars a deployment traded on): default and largest bar count. */
export const priceBarBounds = { default: 300, max: 5_000 } as const;

/** How a deployment's orders filled: counts by outcome and Σ filled / Σ ordered over placed (not DENIED) orders. */
export interface FillStatistics {
  placed: number;
  filled: number;
  partiallyFilled: number;
  denied: number;
  /** Fraction in [0, 1]; null before the first placed order. */
  fillRatio: number | null;
}

/** One OHLCV bar: open time, prices in quote per base, volume in base units. */
export interface PriceBar {
  timestamp: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** What stops a deployment's orders right now besides its own state: kill switches in force and the strictest trading state. */
export interface DeploymentGates {
  /** The global or the strategy's kill switch is on. */
  killSwitchOn: boolean;
  /** The switches on, with their reasons (`global: …`, `strategy: …`). */
  killSwitchReasons: string[];
  /** The stricter of the global and the deployment's trading state. */
  effectiveTradingState: TradingState;
}

/** A P&L mark as `livePnl` delivers it (the event's payload; cash and the bar's return are not carried). */
export type LivePnlMark = Omit<PnlSnapshot, 'deployment' | 'cash' | 'returnFraction'> & { cash: null; returnFraction: null };

/**
 * What the deployment pages and the API read: deployments, their orders, fills, refusals and other events, and the
 * position and P&L series (bounded windows, thinned evenly to at most `maxPoints` keeping the last point). Every read
 * needs `read Deployment`; the GraphQL field guard hides capital figures from research.
 */
export class DeploymentQueryService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** Deployments, newest first. @throws ValidationError (page, filters), ForbiddenError */
  async list(page: PageRequest, filter: DeploymentFilter = {}): Promise<Page<Deployment>> {
    await this.governance.authorize('read', 'Deployment');
    if (filter.strategyId && !isUuid(filter.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    if (filter.stage && !deploymentStages.includes(filter.stage)) throw new ValidationError(`stage must be one of ${deploymentStages.join(', ')}`, 'stage');
    if (filter.activationState && !deploymentActivationLifecycle.states.includes(filter.activationState)) throw new ValidationError(`activationState must be one of ${deploymentActivationLifecycle.states.join(', ')}`, 'activationState');
    const where: FilterQuery<Deployment> = {
      ...(filter.strategyId ? { strategy: filter.strategyId } : {}),
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(filter.activationState ? { activationState: filter.activationState } : {}),
    };
    return paginate(this.ctx.em, Deployment, where, page);
  }

  /** @throws NotFoundError, ForbiddenError */
  async get(id: string): Promise<Deployment> {
    await this.governance.authorize('read', 'Deployment', id);
    const deployment = isUuid(id) ? await this.ctx.em.findOne(Deployment, { id }) : null;
    if (!deployment) throw new NotFoundError('Deployment', id);
    return deployment;
  }

  /** Deployments by id in one query (GraphQL batch loading); ids not found are left out. @throws ForbiddenError */
  async getMany(ids: readonly string[]): Promise<Deployment[]> {
    await this.governance.authorize('read', 'Deployment');
    const known = ids.filter((id) => isUuid(id));
    return known.length === 0 ? [] : this.ctx.em.find(Deployment, { id: { $in: known } });
  }

  /** A deployment's orders, newest first, optionally in some states. @throws ValidationError, NotFoundError, ForbiddenError */
  async orders(deploymentId: string, page: PageRequest, states?: readonly OrderState[] | null): Promise<Page<DeploymentOrder>> {
    await this.get(deploymentId);
    for (const state of states ?? []) if (!orderStates.includes(state)) throw new ValidationError(`states: ${state} is not one of ${orderStates.join(', ')}`, 'states');
    return paginate(this.ctx.em, DeploymentOrder, { deployment: deploymentId, ...(states?.length ? { state: { $in: [...states] } } : {}) }, page);
  }

  /** A deployment's fills, newest first. @throws ValidationError, NotFoundError, ForbiddenError */
  async fills(deploymentId: string, page: PageRequest): Promise<Page<DeploymentFill>> {
    await this.get(deploymentId);
    return paginate(this.ctx.em, DeploymentFill, { deployment: deploymentId }, page);
  }

  /** The fills of one order, in sequence. @throws ForbiddenError */
  async fillsOfOrder(orderId: string): Promise<DeploymentFill[]> {
    await this.governance.authorize('read', 'Deployment');
    return this.ctx.em.find(DeploymentFill, { order: orderId }, { orderBy: { sequence: 'asc' } });
  }

  /** A deployment's events (refusals, data integrity, connector, runtime), newest first. @throws ValidationError, NotFoundError, ForbiddenError */
  async events(deploymentId: string, page: PageRequest, category?: DeploymentEventCategory | null): Promise<Page<DeploymentEvent>> {
    await this.get(deploymentId);
    if (category && !deploymentEventCategories.includes(category)) throw new ValidationError(`category must be one of ${deploymentEventCategories.join(', ')}`, 'category');
    return paginate(this.ctx.em, DeploymentEvent, { deployment: deploymentId, ...(category ? { category } : {}) }, page);
  }

  /** The P&L marks of a deployment, oldest first (see {@link SeriesWindow}). @throws ValidationError, NotFoundError, ForbiddenError */
  async pnlSeries(deploymentId: string, window: SeriesWindow = {}): Promise<PnlSnapshot[]> {
    await this.get(deploymentId);
    return this.thinnedSeries(PnlSnapshot, 'pnl_snapshot', deploymentId, window);
  }

  /** The position marks of a deployment, oldest first (see {@link SeriesWindow}). @throws ValidationError, NotFoundError, ForbiddenError */
  async positionSeries(deploymentId: string, window: SeriesWindow = {}): Promise<PositionSnapshot[]> {
    await this.get(deploymentId);
    return this.thinnedSeries(PositionSnapshot, 'position_snapshot', deploymentId, window);
  }

  /** The latest position mark, or null before the first bar. @throws NotFoundError, ForbiddenError */
  async latestPosition(deploymentId: string): Promise<PositionSnapshot | null> {
    await this.get(deploymentId);
    return this.ctx.em.findOne(PositionSnapshot, { deployment: deploymentId }, { orderBy: { barAt: 'desc' } });
  }

  /** The kill switches and trading states that apply to a deployment now. @throws NotFoundError, ForbiddenError */
  async gates(deploymentId: string): Promise<DeploymentGates> {
    const deployment = await this.get(deploymentId);
    const switches = await this.ctx.em.execute<{ scope: string; reason: string | null }[]>(
      `select scope, reason from kill_switch where state = 'on' and (scope = 'global' or strategy_id = ?) order by scope`,
      [deployment.strategy.id],
    );
    const [global] = await this.ctx.em.execute<{ trading_state: TradingState }[]>(`select trading_state from global_trading_state where id = 'global'`);
    return {
      killSwitchOn: switches.length > 0,
      killSwitchReasons: switches.map((row) => `${row.scope}: ${row.reason ?? 'no reason given'}`),
      effectiveTradingState: strictestTradingState(global?.trading_state ?? 'halted', deployment.tradingState),
    };
  }

  /** Counts of a deployment's orders by outcome and its overall fill ratio. @throws NotFoundError, ForbiddenError */
  async fillStatistics(deploymentId: string): Promise<FillStatistics> {
    await this.get(deploymentId);
    const [row] = await this.ctx.em.execute<{ placed: number; filled: number; partially_filled: number; denied: number; ordered: number | null; executed: number | null }[]>(
      `select count(*) filter (where state <> 'denied')::int as placed,
              count(*) filter (where state = 'filled')::int as filled,
              count(*) filter (where state <> 'filled' and filled_quantity > 0)::int as partially_filled,
              count(*) filter (where state = 'denied')::int as denied,
              sum(quantity) filter (where state <> 'denied') as ordered,
              sum(filled_quantity) filter (where state <> 'denied') as executed
         from deployment_order where deployment_id = ?`,
      [deploymentId],
    );
    const ordered = Number(row?.ordered ?? 0);
    return {
      placed: row?.placed ?? 0,
      filled: row?.filled ?? 0,
      partiallyFilled: row?.partially_filled ?? 0,
      denied: row?.denied ?? 0,
      fillRatio: ordered > 0 ? Math.min(1, Number(row!.executed ?? 0) / ordered) : null,
    };
  }

  /**
   * The latest `limit` bars (default 300, at most 5,000) the deployment has processed, oldest first: a replay's
   * dataset bars up to its feed cursor, a live feed's stored bars. Empty before the first bar.
   * @throws ValidationError (`limit`), NotFoundError, ForbiddenError
   */
  async priceBars(deploymentId: string, limit: number = priceBarBounds.default): Promise<PriceBar[]> {
    const deployment = await this.get(deploymentId);
    if (!Number.isInteger(limit) || limit < 1 || limit > priceBarBounds.max) throw new ValidationError(`limit must be a whole number from 1 to ${priceBarBounds.max}`, 'limit');
    if (!deployment.lastProcessedBarAt) return [];
    const rows =
      deployment.feedKind === 'replay'
        ? await this.ctx.em.execute<PriceBar[]>(
            `select "timestamp", open, high, low, close, volume from market_bar where dataset_id = ? and "timestamp" <= ? order by "timestamp" desc limit ?`,
            [deployment.replayDataset!.id, deployment.lastProcessedBarAt, limit],
          )
        : await this.ctx.em.execute<PriceBar[]>(
            `select bar_at as "timestamp", open, high, low, close, volume from deployment_bar where deployment_id = ? order by bar_at desc limit ?`,
            [deployment.id, limit],
          );
    return rows.reverse().map((row) => ({ ...row, timestamp: new Date(row.timestamp) }));
  }

  /**
   * A `DEPLOYMENT_PNL_MARKED` event as the P&L mark it carries, for the `livePnl` subscription (the payload is the
   * state as of the event; nothing is re-read). @throws ForbiddenError (needs `read PnlSnapshot`).
   */
  async livePnlMark(payload: EventTopics['DEPLOYMENT_PNL_MARKED']): Promise<LivePnlMark> {
    await this.governance.authorize('read', 'PnlSnapshot', payload.deploymentId);
    return {
      barAt: new Date(payload.barAt),
      equity: payload.equity,
      cash: null,
      realizedPnl: payload.realizedPnl,
      unrealizedPnl: payload.unrealizedPnl,
      fees: payload.fees,
      drawdown: payload.drawdown,
      exposure: payload.exposure,
      returnFraction: null,
    };
  }

  /**
   * Rows of a per-bar table in the window, thinned evenly: when more than `maxPoints` rows match, every k-th row is
   * kept (k = ⌈rows / maxPoints⌉), counted back from the last so the latest mark is always included.
   */
  private async thinnedSeries<T extends PnlSnapshot | PositionSnapshot>(entity: new () => T, table: 'pnl_snapshot' | 'position_snapshot', deploymentId: string, window: SeriesWindow): Promise<T[]> {
    const maxPoints = window.maxPoints ?? seriesPointBounds.default;
    if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > seriesPointBounds.max) throw new ValidationError(`maxPoints must be a whole number from 2 to ${seriesPointBounds.max}`, 'maxPoints');
    if (window.from && window.to && window.to < window.from) throw new ValidationError('to must not be before from', 'to');
    const bounds: string[] = [];
    const parameters: unknown[] = [deploymentId];
    if (window.from) {
      bounds.push('and bar_at >= ?');
      parameters.push(window.from);
    }
    if (window.to) {
      bounds.push('and bar_at <= ?');
      parameters.push(window.to);
    }
    const rows = await this.ctx.em.execute<Record<string, unknown>[]>(
      `select * from (
         select t.*, row_number() over (order by bar_at desc) - 1 as from_last, count(*) over () as total
           from ${table} t where deployment_id = ? ${bounds.join(' ')}
       ) numbered
       where from_last % greatest(1, ceil(total::numeric / ?)::int) = 0
       order by bar_at asc`,
      [...parameters, maxPoints],
    );
    return rows.map(({ from_last: _fromLast, total: _total, ...row }) => this.ctx.em.map(entity, row as never));
  }
}
