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
import { isUuid } from '../../domain/ids.ts';
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
