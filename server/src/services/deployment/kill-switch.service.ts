import type { EntityManager } from '@mikro-orm/postgresql';
import { KillSwitchChange } from '../../domain/deployment/kill-switch-change.entity.ts';
import { KillSwitch } from '../../domain/deployment/kill-switch.entity.ts';
import { killSwitchLifecycle, type KillSwitchState } from '../../domain/deployment/kill-switch.lifecycle.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid, newId } from '../../domain/ids.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { cancelOpenOrders, lockDeploymentsInScope, type CancellationScope } from './open-order-cancellation.ts';
import { operatorReason } from './operator-reason.ts';

/** Which switch: the global one (`strategyId` absent or null) or one strategy's. */
export interface KillSwitchInput {
  strategyId?: string | null;
  /** Why, 3–2,000 characters (audited). */
  reason: string;
}

/** A turn of a kill switch and what it did. */
export interface KillSwitchTurn {
  killSwitch: KillSwitch;
  /** Simulated open orders cancelled in the same transaction (ON only). */
  ordersCancelled: number;
  /** Open orders at an exchange, cancelled by the runner through the venue on its next bar (ON only). */
  ordersLeftForVenue: number;
}

/**
 * Kill switches, global and per strategy (NautilusTrader's semantics): while one is on, every broker-side action in
 * its scope is denied (orders, amendments; cancels allowed) whatever the stage, approval or policy, and turning it on
 * cancels the open orders in scope. Turning one ON needs production or risk and no second factor (safety first);
 * turning it OFF needs production with a fresh TOTP step-up. Both are audited with the reason, appended to the
 * switch's history, published (`KILL_SWITCH_CHANGED`) and notified to production and risk (`kill_switch.changed`:
 * critical when on, so the channels routed at critical page someone).
 */
export class KillSwitchService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
  }

  /** Every kill switch: the global one first, then the strategies' (created when first used), by strategy. @throws ForbiddenError */
  async list(): Promise<KillSwitch[]> {
    await this.governance.authorize('read', 'KillSwitch');
    const switches = await this.ctx.em.find(KillSwitch, {}, { populate: ['strategy'] });
    return switches.sort((a, b) => (a.scope === b.scope ? (a.strategy?.code ?? '').localeCompare(b.strategy?.code ?? '') : a.scope === 'global' ? -1 : 1));
  }

  /** The switches that are on (what the banner shows). @throws ForbiddenError */
  async listOn(): Promise<KillSwitch[]> {
    return (await this.list()).filter((killSwitch) => killSwitch.state === 'on');
  }

  /** The history of one switch, newest first, at most `limit` (1–500) changes. @throws ValidationError, NotFoundError, ForbiddenError */
  async history(killSwitchId: string, limit = 50): Promise<KillSwitchChange[]> {
    await this.governance.authorize('read', 'KillSwitch', killSwitchId);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('limit must be between 1 and 500', 'limit');
    return this.ctx.em.find(KillSwitchChange, { killSwitch: killSwitchId }, { orderBy: { changedAt: 'desc', id: 'desc' }, limit });
  }

  /**
   * Turns a kill switch on: in one transaction, locks the deployments in scope (waiting for any bar in flight), turns
   * the switch on, appends its history, cancels the open simulated orders in scope (orders at an exchange are cancelled
   * by the runner through the venue on its next bar), audits `kill_switch.turned_on` and publishes the switch.
   * A strategy's switch is created on first use.
   * @throws ValidationError (`reason`, `strategyId`), NotFoundError (strategy), ConflictError (already on),
   *   ForbiddenError (production or risk).
   */
  async turnOn(input: KillSwitchInput): Promise<KillSwitchTurn> {
    await this.governance.authorizeUseCase('turnKillSwitchOn', input.strategyId ?? null);
    return this.turn(input, 'on');
  }

  /**
   * Turns a kill switch off (trading in its scope may resume; nothing else changes): audited `kill_switch.turned_off`
   * and published. @throws ValidationError, NotFoundError, ConflictError (already off), ForbiddenError (production
   * with a fresh step-up).
   */
  async turnOff(input: KillSwitchInput): Promise<KillSwitchTurn> {
    await this.governance.authorizeUseCase('turnKillSwitchOff', input.strategyId ?? null);
    return this.turn(input, 'off');
  }

  private async turn(input: KillSwitchInput, to: KillSwitchState): Promise<KillSwitchTurn> {
    const reason = operatorReason(input.reason);
    const strategyId = input.strategyId ?? null;
    if (strategyId !== null && !isUuid(strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    const changedById = await this.governance.actingUserId();
    return this.ctx.em.transactional(async (em) => {
      const strategy = strategyId === null ? null : await em.findOne(Strategy, { id: strategyId });
      if (strategyId !== null && !strategy) throw new NotFoundError('Strategy', strategyId);
      const scope: CancellationScope = strategy ? { strategyId: strategy.id } : 'all';
      const name = strategy ? `the kill switch of strategy ${strategy.code}` : 'the global kill switch';
      // The runner locks a deployment, then reads the switches: lock in the same order, so a bar in flight finishes first.
      if (to === 'on') await lockDeploymentsInScope(em, scope);
      const switchId = await this.switchId(em, strategy, to, name);
      const now = this.ctx.clock.now();
      const { row, from } = await applyTransition(em, killSwitchLifecycle, {
        entity: KillSwitch,
        id: switchId,
        field: 'state',
        to,
        subject: () => name,
        change: (row) => {
          row.reason = reason;
          row.changedBy = em.getReference(User, changedById);
          row.changedAt = now;
        },
      });
      em.create(KillSwitchChange, { killSwitch: row, scope: row.scope, strategy: strategy, from, to, reason, changedBy: em.getReference(User, changedById), changedAt: now });
      await em.flush();
      const cancellation = to === 'on' ? await cancelOpenOrders(em, scope, 'kill_switch', `${name} was turned on by ${this.ctx.actor.email ?? 'the platform'}: ${reason}`, now) : { cancelled: [], leftForVenue: 0 };
      await this.governance.audit.record(em, {
        action: to === 'on' ? 'kill_switch.turned_on' : 'kill_switch.turned_off',
        subjectType: 'KillSwitch',
        subjectId: row.id,
        details: {
          scope: row.scope,
          strategyId: strategy?.id ?? null,
          strategyCode: strategy?.code ?? null,
          from,
          to,
          reason,
          ...(to === 'on' ? { ordersCancelled: cancellation.cancelled.map((order) => order.clientOrderId), ordersLeftForVenue: cancellation.leftForVenue } : {}),
        },
      });
      await this.notifications.notifyIn(em, ['production', 'risk'], {
        kind: 'kill_switch.changed',
        message: `${name[0]!.toUpperCase()}${name.slice(1)} was turned ${to} by ${this.ctx.actor.email ?? 'the platform'}: ${reason}.${
          to === 'on' ? ` No order is placed in its scope until it is off${cancellation.cancelled.length > 0 || cancellation.leftForVenue > 0 ? ` (${cancellation.cancelled.length} simulated order(s) cancelled, ${cancellation.leftForVenue} at an exchange cancelled by the runner)` : ''}.` : ' Trading in its scope may resume.'
        }`,
        subjectType: 'KillSwitch',
        subjectId: row.id,
        details: { state: to, scope: row.scope, strategyId: strategy?.id ?? null, strategyCode: strategy?.code ?? null, reason },
      });
      await publishEvent(em, 'KILL_SWITCH_CHANGED', { id: row.id, scope: row.scope, strategyId: strategy?.id ?? null, state: row.state });
      this.ctx.logger.warn({ killSwitchId: row.id, scope: row.scope, strategy: strategy?.code ?? null, state: to, ordersCancelled: cancellation.cancelled.length }, `kill switch turned ${to}`);
      return { killSwitch: row, ordersCancelled: cancellation.cancelled.length, ordersLeftForVenue: cancellation.leftForVenue };
    });
  }

  /** The switch's id; a strategy's switch is created (off) the first time it is turned on. */
  private async switchId(em: EntityManager, strategy: Strategy | null, to: KillSwitchState, name: string): Promise<string> {
    if (strategy === null) {
      const [row] = await em.execute<{ id: string }[]>(`select id from kill_switch where scope = 'global'`);
      if (!row) throw new Error('the global kill switch row is missing (created by migration Migration20261204224401)');
      return row.id;
    }
    const [existing] = await em.execute<{ id: string }[]>('select id from kill_switch where strategy_id = ?', [strategy.id]);
    if (existing) return existing.id;
    if (to === 'off') throw new ConflictError(`${name} is already off`);
    await em.execute(`insert into kill_switch (id, scope, strategy_id, state) values (?, 'strategy', ?, 'off') on conflict (strategy_id) do nothing`, [newId(), strategy.id]);
    const [created] = await em.execute<{ id: string }[]>('select id from kill_switch where strategy_id = ?', [strategy.id]);
    return created!.id;
  }
}
