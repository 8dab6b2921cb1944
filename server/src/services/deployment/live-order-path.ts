import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DegradationReason } from '../../domain/deployment/deployment-health.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { openOrderStates, orderPathRefusal, type OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import { VenueCredentialsError, VenueUnavailableError, type Venue, type VenueAccount, type VenueOrderSnapshot } from '../../domain/deployment/venue.ts';
import { isExchangeVenue, type ExchangeVenue, type OrderSide, type OrderType } from '../../domain/deployment/venues.ts';
import { ConflictError, DomainError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { applyFill, type OrderIntent } from '../../engine/index.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { ExchangeRejectedError } from '../../infra/exchange/exchange-errors.ts';
import { readVenueState } from '../../infra/exchange/read-venue-state.ts';
import { reconcileWithVenue, type VenueState } from '../../infra/exchange/venue-reconciliation.ts';
import type { SecuritySettings } from '../../infra/security/security-settings.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext, ServiceSettings } from '../service-context.ts';
import { accountOf, applyAccount } from './deployment-account-columns.ts';
import { insertDeploymentRecords, type DeploymentRecords, type EventRecord, type FillRecord } from './deployment-records.ts';
import { changeDeploymentHealth } from './deployment-health-change.ts';
import { readVenueAccount } from './exchange-credential.service.ts';

/** A LIVE deployment's connector, or why there is none (the deployment then runs as OBSERVE or waits). */
export type LiveConnection =
  | { venue: Venue; failure: null }
  | { venue: null; failure: { kind: 'credentials_missing' | 'no_connector' | 'connector_unavailable'; message: string } };

/** What the deployment may do after {@link LiveOrderPath.prepare}: trade, or wait (connector down, orders still unresolved). */
export type LiveReadiness = 'ready' | 'connector_unavailable' | 'reconciliation_pending';

/** One of our orders at an exchange, as its row holds it. */
interface LiveOrderRow {
  id: string;
  client_order_id: string;
  side: OrderSide;
  order_type: OrderType;
  quantity: number;
  limit_price: number | null;
  reference_price: number;
  state: OrderState;
  filled_quantity: number;
  average_price: number | null;
  fees: number;
  venue_order_id: string | null;
  reason: string | null;
  created_at: Date;
}

const orderColumns = 'id, client_order_id, side, order_type, quantity, limit_price, reference_price, state, filled_quantity, average_price, fees, venue_order_id, reason, created_at';

/** Base units below which a fill change is rounding (one satoshi). */
const quantityTolerance = 1e-8;

/** Orders whose fate at the venue we do not know: recorded but maybe never sent, sent without an answer, or unknown status. */
const unknownOutcomeStates: readonly OrderState[] = ['new', 'submitted', 'unresolved'];

/** Health reasons that only a successful reconciliation clears. */
const venueDegradations: readonly DegradationReason[] = ['connector_unavailable', 'reconciliation_pending'];

/**
 * The LIVE order path of a deployment through an exchange connector ({@link Venue}), around the runner's bar
 * transaction. Money happens once:
 *
 * - **record before send**: the runner's bar transaction records an allowed order in state `new` with its deterministic
 *   client order id and COMMITS; only then {@link send} submits it, outside any transaction, and records the outcome
 *   in a transaction of its own (accepted, filled, partially filled — each new fill an immutable row —, rejected, or
 *   unresolved when the venue did not answer).
 * - **never re-sent blindly**: an order recorded but of unknown outcome (`new`, `submitted`, `unresolved` — a job that
 *   died between record and send, a timeout) is looked up at the venue by client order id ({@link reconcile}); one
 *   the venue does not know was never placed and is cancelled locally, never sent again.
 * - **reconcile before trading**: on start, after any connector error and while any order's outcome is unknown, open
 *   orders and holdings are compared with the venue (the pure `reconcileWithVenue`), differences recorded as events;
 *   until that succeeds the deployment places no order.
 * - **connector unavailable** (network, timeout, 5xx, unreadable answer): the deployment becomes DEGRADED, records a
 *   `connector_unavailable` event, notifies production in the same transaction, and retries nothing but the
 *   reconciliation's reads.
 * - **cancels**: while a kill switch is on, trading is halted or a flatten is pending, the deployment's open orders
 *   are cancelled at the venue first (the one broker action a kill switch allows).
 */
export class LiveOrderPath {
  private readonly ctx: ServiceContext;
  private readonly settings: ServiceSettings;
  private readonly notifications: NotificationService;
  private readonly security: SecuritySettings;

  constructor(ctx: ServiceContext, settings: ServiceSettings, notifications: NotificationService, security: SecuritySettings) {
    this.ctx = ctx;
    this.settings = settings;
    this.notifications = notifications;
    this.security = security;
  }

  /**
   * Takes the deployment's venue lease for `owner` until clock now + `leaseMs` (a short transaction of its own), when
   * it is free or expired: the LIVE steps of a job (cancel, reconcile, record, send, record the outcome) partly run
   * outside any transaction, so two jobs of one deployment must not interleave them. A job killed while holding it
   * blocks the next one only until it expires. @returns whether it was taken.
   */
  async takeLease(deploymentId: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = this.ctx.clock.now().getTime();
    const taken = await this.ctx.em.fork().execute<{ id: string }[]>(
      `update deployment set venue_lease_owner = ?, venue_lease_until = ? where id = ? and (venue_lease_until is null or venue_lease_until < ?) returning id`,
      [owner, new Date(now + leaseMs), deploymentId, new Date(now)],
    );
    return taken.length > 0;
  }

  /** Gives the lease back (only when `owner` still holds it). */
  async releaseLease(deploymentId: string, owner: string): Promise<void> {
    await this.ctx.em.fork().execute('update deployment set venue_lease_owner = null, venue_lease_until = null where id = ? and venue_lease_owner = ?', [deploymentId, owner]);
  }

  /** True for a deployment whose orders go to an exchange (stage LIVE on an exchange venue). */
  static isLive(deployment: Pick<Deployment, 'stage' | 'venue'>): boolean {
    return deployment.stage === 'live' && isExchangeVenue(deployment.venue);
  }

  /**
   * The deployment's connector with the venue account's credentials (read from the database, opened here, never
   * logged), or why there is none: no credentials stored (`credentials_missing`), no connector configured in this
   * process (`no_connector`).
   */
  async connect(deployment: Pick<Deployment, 'venue'>): Promise<LiveConnection> {
    const venueName = deployment.venue as ExchangeVenue;
    if (!this.settings.venues) return { venue: null, failure: { kind: 'no_connector', message: `no exchange connector is configured in this process for ${venueName}` } };
    let account: VenueAccount | null;
    try {
      account = await readVenueAccount(this.ctx.em.fork(), this.security, venueName);
    } catch (error) {
      this.ctx.logger.error({ venue: venueName, err: error instanceof Error ? error.message : String(error) }, 'exchange credentials cannot be opened');
      return { venue: null, failure: { kind: 'credentials_missing', message: `the stored ${venueName} credentials cannot be opened with this process's key` } };
    }
    if (account === null) return { venue: null, failure: { kind: 'credentials_missing', message: `no ${venueName} credentials are configured (set them with setExchangeCredentials)` } };
    try {
      return { venue: await this.settings.venues.venueFor(venueName, account), failure: null };
    } catch (error) {
      if (error instanceof VenueUnavailableError) return { venue: null, failure: { kind: 'connector_unavailable', message: error.message } };
      if (error instanceof VenueCredentialsError) return { venue: null, failure: { kind: 'credentials_missing', message: error.message } };
      throw error;
    }
  }

  /**
   * Before the bar transaction: cancels open orders at the venue when a kill switch is on, trading is halted or a
   * flatten is pending; then reconciles when the deployment never did, is degraded by the connector, or has an order
   * of unknown outcome. @returns whether it may trade now.
   */
  async prepare(deploymentId: string, venue: Venue): Promise<LiveReadiness> {
    const em = this.ctx.em.fork();
    const deployment = await em.findOneOrFail(Deployment, { id: deploymentId });
    const open = await this.openOrders(em, deploymentId);
    if (open.length > 0) {
      const cause = await this.cancelCause(em, deployment);
      if (cause !== null) {
        const cancelled = await this.cancelAtVenue(deploymentId, venue, cause.kind, cause.reason);
        if (cancelled !== 'ready') return cancelled;
      }
    }
    // Any open order is read back before the bar: one of unknown outcome, and one working at the venue (accepted,
    // partially filled) for its new fills and final status — Coinbase answers a create without status or fills.
    const pending = (await this.openOrders(em, deploymentId)).length > 0;
    const degraded = deployment.health === 'degraded' && venueDegradations.includes(deployment.healthReason!);
    if (deployment.venueReconciledAt == null || degraded || pending) return this.reconcile(deploymentId, venue);
    return 'ready';
  }

  /**
   * Sends the order recorded (state `new`) by the committed bar transaction, outside any transaction, then records
   * the outcome in a transaction of its own. A venue that does not answer leaves the order `unresolved` (its fate is
   * unknown: reconciliation reads it by client order id), degrades the deployment and notifies production. An error
   * that is not the venue's (a bug, the process stopping) propagates: the order stays `new` and the retried job
   * reconciles it before anything else, so it is never sent twice.
   */
  async send(deploymentId: string, orderId: string, venue: Venue): Promise<void> {
    const em = this.ctx.em.fork();
    const deployment = await em.findOneOrFail(Deployment, { id: deploymentId });
    const [order] = await em.execute<LiveOrderRow[]>(`select ${orderColumns} from deployment_order where id = ?`, [orderId]);
    if (!order || order.state !== 'new') return;
    let snapshot: VenueOrderSnapshot | null = null;
    let failure: { kind: 'unavailable' | 'credentials' | 'refused'; message: string } | null = null;
    try {
      snapshot = await venue.submitOrder({
        clientOrderId: order.client_order_id,
        symbol: deployment.symbol,
        side: order.side,
        type: order.order_type,
        quantity: order.quantity,
        ...(order.limit_price === null ? {} : { limitPrice: order.limit_price }),
        referencePrice: order.reference_price,
      });
    } catch (error) {
      if (error instanceof VenueUnavailableError) failure = { kind: 'unavailable', message: error.message };
      else if (error instanceof VenueCredentialsError) failure = { kind: 'credentials', message: error.message };
      else if (error instanceof DomainError) failure = { kind: 'refused', message: error.message };
      else throw error;
    }
    await this.ctx.em.fork().transactional(async (tx) => {
      const locked = await this.lock(tx, deploymentId);
      const [row] = await tx.execute<LiveOrderRow[]>(`select ${orderColumns} from deployment_order where id = ? for update`, [orderId]);
      if (!row || row.state !== 'new') return;
      const records = emptyRecords();
      const now = this.ctx.clock.now();
      if (snapshot) await this.applySnapshot(tx, locked, row, snapshot, records, now);
      else if (failure?.kind === 'unavailable') {
        await this.applySnapshot(tx, locked, row, unresolvedSnapshot(row), records, now, `sent; the venue did not answer (${failure.message}): unresolved until reconciliation reads it by client order id — never re-sent`);
        await this.connectorFailed(tx, locked, failure.message, records, now, row.id);
      } else if (failure?.kind === 'credentials') {
        await this.moveOrder(tx, row, ['submitted', 'rejected'], `the venue refused the credentials: ${failure.message}`);
        records.events.push(event(now, 'missing_credentials', failure.message, { orderId: row.id, rule: 'credentials_missing' }));
      } else if (failure) {
        await this.moveOrder(tx, row, ['canceled'], `not sent: ${failure.message}`);
        records.events.push(event(now, 'connector_error', `order ${row.client_order_id} not sent: ${failure.message}`, { orderId: row.id }));
      }
      await this.finish(tx, locked, records, [row.id]);
    });
  }

  /**
   * Reconciles the deployment with the venue: reads the venue's open orders, each of our orders of unknown outcome
   * by client order id, and the balances (outside any transaction); then, in one transaction, applies what the venue
   * reports to our orders (states, new fills, the account), cancels locally the orders the venue never received,
   * and records every difference (`reconciliation_mismatch`: unknown orders at the venue, an unexplained position) and
   * the result (`reconciliation_completed`). Orders still unresolved keep the deployment DEGRADED
   * (`reconciliation_pending`). A position difference is recorded, not blocking (the account may hold more than
   * this deployment; its baseline is measured at the first reconciliation).
   */
  async reconcile(deploymentId: string, venue: Venue): Promise<LiveReadiness> {
    const em = this.ctx.em.fork();
    const deployment = await em.findOneOrFail(Deployment, { id: deploymentId });
    const local = await this.openOrders(em, deploymentId);
    let state: VenueState;
    try {
      state = await readVenueState(venue, deployment.symbol, local.map((order) => localOrderOf(order)));
    } catch (error) {
      if (!(error instanceof VenueUnavailableError) && !(error instanceof VenueCredentialsError) && !(error instanceof DomainError)) throw error;
      const message = `reconciliation could not read the venue: ${error.message}`;
      await this.ctx.em.fork().transactional(async (tx) => {
        const locked = await this.lock(tx, deploymentId);
        const records = emptyRecords();
        if (error instanceof VenueCredentialsError) records.events.push(event(this.ctx.clock.now(), 'missing_credentials', message, { rule: 'credentials_missing' }));
        await this.connectorFailed(tx, locked, message, records, this.ctx.clock.now(), null);
        await this.finish(tx, locked, records, []);
      });
      return 'connector_unavailable';
    }
    return this.ctx.em.fork().transactional(async (tx) => {
      const locked = await this.lock(tx, deploymentId);
      const now = this.ctx.clock.now();
      const records = emptyRecords();
      const rows = await tx.execute<LiveOrderRow[]>(
        `select ${orderColumns} from deployment_order where deployment_id = ? and state in (${openOrderStates.map(() => '?').join(', ')}) and venue = ? order by created_at for update`,
        [deploymentId, ...openOrderStates, locked.venue],
      );
      const [base] = locked.symbol.split('/');
      const venueBase = base && Object.hasOwn(state.balances, base) ? state.balances[base]!.total : 0;
      const baseline = locked.venueBaseBaseline ?? venueBase - locked.positionQuantity;
      const diff = reconcileWithVenue(rows.map((row) => localOrderOf(row)), { symbol: locked.symbol, position: locked.positionQuantity, cash: null }, state, { baseBaseline: baseline });
      const byId = new Map(rows.map((row) => [row.client_order_id, row]));
      const changed: string[] = [];
      for (const update of diff.orderUpdates) {
        const row = byId.get(update.clientOrderId)!;
        await this.applySnapshot(tx, locked, row, update.venue, records, now);
        changed.push(row.id);
      }
      const lost: string[] = [];
      for (const missing of diff.missingAtVenue) {
        const row = byId.get(missing.clientOrderId)!;
        if (unknownOutcomeStates.includes(row.state)) {
          await this.moveOrder(tx, row, ['canceled'], 'the venue does not know this client order id: it was recorded but never placed (the job stopped before or during the send); not re-sent');
          changed.push(row.id);
        } else lost.push(missing.clientOrderId);
      }
      if (locked.venueBaseBaseline == null) locked.venueBaseBaseline = baseline;
      const unresolved = [...diff.stillUnresolved.map((entry) => entry.clientOrderId), ...diff.unchecked, ...lost];
      const mismatch: string[] = [];
      if (diff.unknownAtVenue.length > 0) mismatch.push(`${diff.unknownAtVenue.length} open order(s) at the venue are none of ours (${diff.unknownAtVenue.map((order) => order.clientOrderId || order.venueOrderId).join(', ')})`);
      if (Math.abs(diff.position.unexplained) > quantityTolerance) mismatch.push(`position: the venue holds ${diff.position.venue} ${diff.position.currency} for this deployment, we expected ${diff.position.expectedAfterUpdates} (unexplained ${diff.position.unexplained})`);
      if (unresolved.length > 0) mismatch.push(`${unresolved.length} order(s) still of unknown outcome: ${unresolved.join(', ')}`);
      if (mismatch.length > 0) {
        records.events.push(event(now, 'reconciliation_mismatch', `reconciliation with ${locked.venue}: ${mismatch.join('; ')}`, {
          evidence: { unknownAtVenue: diff.unknownAtVenue.length, positionVenue: diff.position.venue, positionExpected: diff.position.expectedAfterUpdates, unexplained: diff.position.unexplained, unresolved: unresolved.join(',') },
        }));
      }
      if (unresolved.length > 0) {
        changeDeploymentHealth(locked, 'degraded', 'reconciliation_pending', records, now);
        await this.finish(tx, locked, records, changed);
        return 'reconciliation_pending';
      }
      locked.venueReconciledAt = now;
      if (locked.health === 'degraded' && venueDegradations.includes(locked.healthReason!)) changeDeploymentHealth(locked, 'healthy', null, records, now);
      records.events.push(
        event(now, 'reconciliation_completed', `reconciled with ${locked.venue}: ${diff.orderUpdates.length} order update(s) applied, ${changed.length - diff.orderUpdates.length} never-placed order(s) cancelled; trading may go on`, {
          evidence: { orderUpdates: diff.orderUpdates.length, venueOpenOrders: state.openOrders.length, position: locked.positionQuantity, baseBaseline: baseline },
        }),
      );
      await this.finish(tx, locked, records, changed);
      return 'ready';
    });
  }

  /**
   * Cancels every open order of the deployment at the venue (by client order id, with the venue order id and
   * submission time recorded for it), then records each answer: the order's state and any fill made before the
   * cancel. An order the venue never received is cancelled locally. The one cancellation path of LIVE orders (kill
   * switch, halt, flatten); simulated orders are cancelled in the control transaction (`open-order-cancellation.ts`).
   */
  async cancelAtVenue(deploymentId: string, venue: Venue, cause: 'kill_switch' | 'halt' | 'flatten', reason: string): Promise<LiveReadiness> {
    const em = this.ctx.em.fork();
    const deployment = await em.findOneOrFail(Deployment, { id: deploymentId });
    const open = await this.openOrders(em, deploymentId);
    const answers: { order: LiveOrderRow; snapshot: VenueOrderSnapshot | null }[] = [];
    let failure: string | null = null;
    for (const order of open) {
      try {
        answers.push({ order, snapshot: await venue.cancelOrder(order.client_order_id, deployment.symbol, { venueOrderId: order.venue_order_id, submittedAt: order.created_at }) });
      } catch (error) {
        if (error instanceof ExchangeRejectedError && error.rejection === 'order_not_found') answers.push({ order, snapshot: null });
        else if (error instanceof VenueUnavailableError || error instanceof VenueCredentialsError || error instanceof DomainError) {
          failure = `cancel of ${order.client_order_id} failed: ${error.message}`;
          break;
        } else throw error;
      }
    }
    await this.ctx.em.fork().transactional(async (tx) => {
      const locked = await this.lock(tx, deploymentId);
      const now = this.ctx.clock.now();
      const records = emptyRecords();
      const changed: string[] = [];
      for (const answer of answers) {
        const [row] = await tx.execute<LiveOrderRow[]>(`select ${orderColumns} from deployment_order where id = ? for update`, [answer.order.id]);
        if (!row || !openOrderStates.includes(row.state)) continue;
        if (answer.snapshot) await this.applySnapshot(tx, locked, row, answer.snapshot, records, now, answer.snapshot.status === 'canceled' ? `cancelled at ${locked.venue}: ${reason}` : undefined);
        else if (unknownOutcomeStates.includes(row.state)) await this.moveOrder(tx, row, ['canceled'], `never placed at ${locked.venue} (the venue does not know it); cancelled locally: ${reason}`);
        else continue;
        changed.push(row.id);
      }
      if (answers.length > 0) {
        records.events.push(
          event(now, 'orders_cancelled', `${answers.length} open order(s) cancelled at ${locked.venue}: ${reason}`, {
            rule: cause === 'kill_switch' ? 'kill_switch' : cause === 'halt' ? 'trading_state' : null,
            evidence: { cause, clientOrderIds: answers.map((answer) => answer.order.client_order_id).join(',') },
          }),
        );
      }
      if (failure !== null) await this.connectorFailed(tx, locked, failure, records, now, null);
      await this.finish(tx, locked, records, changed);
    });
    return failure === null ? 'ready' : 'connector_unavailable';
  }

  /**
   * The connector failed (network, timeout, 5xx, unreadable answer, refused key): in `em`'s transaction, records a
   * `connector_unavailable` event, marks the deployment DEGRADED (`connector_unavailable`: no order until it has
   * reconciled again) and, when it was not already, notifies production in-app.
   */
  async connectorFailed(em: EntityManager, deployment: Deployment, message: string, records: DeploymentRecords, now: Date, orderId: string | null): Promise<void> {
    records.events.push(event(now, 'connector_unavailable', `${deployment.venue}: ${message}; no order until the deployment has reconciled with the venue, nothing is retried blindly`, { orderId }));
    const already = deployment.health === 'degraded' && deployment.healthReason === 'connector_unavailable';
    changeDeploymentHealth(deployment, 'degraded', 'connector_unavailable', records, now);
    if (already) return;
    await this.notifications.notifyIn(em, ['production'], {
      kind: 'deployment.connector_unavailable',
      message: `LIVE deployment ${deployment.id} (${deployment.symbol} on ${deployment.venue}) cannot reach its exchange: ${message}. It places no order until it has reconciled with the venue.`,
      subjectType: 'Deployment',
      subjectId: deployment.id,
      details: { venue: deployment.venue, symbol: deployment.symbol, reason: message.slice(0, 500) },
    });
  }



  /**
   * Applies what the venue reports of one of our orders: its state through the order machine (a `new` order passes
   * `submitted` first), the fill since the last report as one immutable fill row (quantity = the change of filled
   * quantity; price from the change of the venue's average price × filled quantity; fee = the change of fees) and
   * that fill on the deployment's account (the engine's `applyFill`). A terminal order is left as it is.
   */
  private async applySnapshot(em: EntityManager, deployment: Deployment, row: LiveOrderRow, snapshot: VenueOrderSnapshot, records: DeploymentRecords, now: Date, reason?: string): Promise<void> {
    const to = snapshot.status;
    const path: OrderState[] = row.state === 'new' && to !== 'new' && to !== 'submitted' ? ['submitted', to] : row.state === to ? [] : [to];
    // A quote-sized order (Coinbase market buy: quote_size = quantity × reference price) fills whatever base quantity
    // the quote buys at the venue's prices: the venue's filled quantity is the truth, not capped at our estimate.
    const quoteSized = (snapshot.quantity ?? null) === null && (snapshot.quoteQuantity ?? 0) > 0;
    const filled = quoteSized ? snapshot.filledQuantity : Math.min(snapshot.filledQuantity, row.quantity);
    const change = filled - row.filled_quantity;
    const refusal = orderPathRefusal([row.state, ...path], `order ${row.client_order_id}`);
    if (refusal !== null) {
      records.events.push(event(now, 'connector_error', `venue report not applied: ${refusal} (venue status ${snapshot.rawStatus ?? to})`, { orderId: row.id, evidence: { rawStatus: snapshot.rawStatus, status: to } }));
      return;
    }
    if (change > quantityTolerance) {
      const total = (snapshot.averagePrice ?? 0) * filled;
      const before = (row.average_price ?? 0) * row.filled_quantity;
      const price = row.filled_quantity === 0 || !(total > before) ? (snapshot.averagePrice ?? row.reference_price) : (total - before) / change;
      const fee = Math.max(0, snapshot.fee - row.fees);
      const [{ sequence }] = await em.execute<{ sequence: number }[]>('select count(*)::int + 1 as sequence from deployment_fill where order_id = ?', [row.id]);
      const barMs = deployment.timeframe === 'tick' ? 1 : timeframeMilliseconds[deployment.timeframe];
      const fill: FillRecord = {
        id: newId(),
        orderId: row.id,
        sequence: sequence!,
        side: row.side,
        quantity: change,
        price,
        fee,
        // The venue does not say who provided the liquidity in these answers: market orders take it; resting limits are assumed to make it.
        liquidity: row.order_type === 'market' ? 'taker' : 'maker',
        barAt: deployment.lastAcceptedBarAt ?? new Date(Math.floor(now.getTime() / barMs) * barMs),
        filledAt: now,
      };
      records.fills.push(fill);
      const account = accountOf(deployment);
      const signed = row.side === 'buy' ? change : -change;
      const intent: OrderIntent = {
        kind: 'rebalance',
        decisionTime: now.getTime(),
        side: row.side,
        quantity: change,
        currentQuantity: account.quantity,
        targetQuantity: account.quantity + signed,
        // The target went in force when the order was recorded; a fill does not change it.
        targetWeight: account.targetInForce,
        referencePrice: row.reference_price,
        equityAtOpen: account.equity,
        notional: change * price,
        reducesExposure: Math.abs(account.quantity + signed) < Math.abs(account.quantity),
      };
      applyAccount(deployment, applyFill(account, intent, { filledQuantity: change, price, fee }));
    }
    const finalState = path.length > 0 ? path[path.length - 1]! : row.state;
    const why =
      reason ??
      (finalState === 'rejected'
        ? `rejected by ${deployment.venue}: ${snapshot.rawStatus ?? 'no reason given'}`
        : finalState === 'unresolved'
          ? `the venue reports status ${snapshot.rawStatus ?? 'none'}, which we do not know: unresolved until reconciliation`
          : row.reason);
    await em.execute(
      // A quote-sized order's base quantity was our estimate (quote ÷ reference price): the venue's fills may exceed it, and then are its quantity.
      `update deployment_order set quantity = greatest(quantity, ?), state = ?, filled_quantity = ?, fill_ratio = ?, average_price = ?, fees = greatest(fees, ?), venue_order_id = coalesce(?, venue_order_id),
              raw_venue_status = coalesce(?, raw_venue_status), reason = ?, updated_at = now() where id = ?`,
      [quoteSized ? filled : 0, finalState, Math.max(filled, row.filled_quantity), fillRatioOf(snapshot, finalState, Math.max(filled, row.filled_quantity), Math.max(row.quantity, quoteSized ? filled : 0)), snapshot.averagePrice ?? row.average_price, snapshot.fee, snapshot.venueOrderId, snapshot.rawStatus, why, row.id],
    );
    if (finalState === 'unresolved' && snapshot.rawStatus !== null) {
      records.events.push(event(now, 'unknown_venue_status', `order ${row.client_order_id}: unknown venue status ${snapshot.rawStatus}; unresolved until reconciliation`, { orderId: row.id, evidence: { rawStatus: snapshot.rawStatus } }));
    }
  }

  /** Moves an order along `path` through the order machine, with the reason. @throws Error on an illegal move (a bug). */
  private async moveOrder(em: EntityManager, row: LiveOrderRow, path: OrderState[], reason: string): Promise<void> {
    const refusal = orderPathRefusal([row.state, ...path], `order ${row.client_order_id}`);
    if (refusal !== null) throw new ConflictError(refusal);
    await em.execute('update deployment_order set state = ?, reason = ?, updated_at = now() where id = ?', [path[path.length - 1]!, reason, row.id]);
  }

  /** Writes the records, flushes the deployment and publishes it and the orders changed (delivered on COMMIT). */
  private async finish(em: EntityManager, deployment: Deployment, records: DeploymentRecords, changedOrders: string[]): Promise<void> {
    await insertDeploymentRecords(em, deployment.id, records);
    await em.flush();
    await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'venue_orders' });
    for (const id of changedOrders) {
      const [row] = await em.execute<{ state: string }[]>('select state from deployment_order where id = ?', [id]);
      await publishEvent(em, 'DEPLOYMENT_ORDER_UPDATED', { id, deploymentId: deployment.id, state: row!.state });
    }
  }

  private lock(em: EntityManager, deploymentId: string): Promise<Deployment> {
    return em.findOneOrFail(Deployment, { id: deploymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  private openOrders(em: EntityManager, deploymentId: string): Promise<LiveOrderRow[]> {
    return em.execute<LiveOrderRow[]>(
      `select ${orderColumns} from deployment_order where deployment_id = ? and state in (${openOrderStates.map(() => '?').join(', ')}) and venue in ('binanceus', 'coinbase') order by created_at`,
      [deploymentId, ...openOrderStates],
    );
  }

  /** Why open orders must be cancelled at the venue now: a kill switch in scope, a halt (global or own), a flatten. Null otherwise. */
  private async cancelCause(em: EntityManager, deployment: Deployment): Promise<{ kind: 'kill_switch' | 'halt' | 'flatten'; reason: string } | null> {
    const [gates] = await em.execute<{ kill_switch: string | null; halted: boolean }[]>(
      `select (select string_agg(scope || ': ' || coalesce(reason, 'no reason given'), '; ') from kill_switch where state = 'on' and (scope = 'global' or strategy_id = ?)) as kill_switch,
              (select trading_state = 'halted' from global_trading_state where id = 'global') as halted`,
      [deployment.strategy.id],
    );
    if (gates?.kill_switch) return { kind: 'kill_switch', reason: `kill switch on (${gates.kill_switch})` };
    if (gates?.halted || deployment.tradingState === 'halted') return { kind: 'halt', reason: `trading halted (${deployment.tradingStateReason ?? 'global trading state'})` };
    if (deployment.flattenRequestedAt != null) return { kind: 'flatten', reason: 'flatten requested' };
    return null;
  }
}

function localOrderOf(row: LiveOrderRow) {
  return { clientOrderId: row.client_order_id, side: row.side, state: row.state, filledQuantity: row.filled_quantity, venueOrderId: row.venue_order_id, submittedAt: new Date(row.created_at) };
}

function unresolvedSnapshot(row: LiveOrderRow): VenueOrderSnapshot {
  return { clientOrderId: row.client_order_id, venueOrderId: row.venue_order_id, status: 'unresolved', filledQuantity: row.filled_quantity, averagePrice: row.average_price, fee: row.fees, rawStatus: null };
}

function emptyRecords(): DeploymentRecords {
  return { orders: [], fills: [], events: [], bars: [] };
}

function event(now: Date, kind: EventRecord['kind'], message: string, fields: Partial<Pick<EventRecord, 'orderId' | 'rule' | 'evidence'>> = {}): EventRecord {
  return { id: newId(), occurredAt: now, barAt: null, kind, rule: fields.rule ?? null, threshold: null, measured: null, message, orderId: fields.orderId ?? null, evidence: fields.evidence ?? null };
}

/**
 * Filled fraction of an order, 0–1: base filled ÷ base ordered; for a quote-sized order the quote spent (filled base
 * × average price + fees: Coinbase's quote size includes its fees) ÷ the quote size, 1 once the venue says filled.
 */
function fillRatioOf(snapshot: VenueOrderSnapshot, state: OrderState, filled: number, quantity: number): number {
  const quote = (snapshot.quantity ?? null) === null ? (snapshot.quoteQuantity ?? 0) : 0;
  if (quote > 0) {
    if (state === 'filled') return 1;
    return Math.min(1, (filled * (snapshot.averagePrice ?? 0) + snapshot.fee) / quote);
  }
  return Math.min(1, filled / quantity);
}
