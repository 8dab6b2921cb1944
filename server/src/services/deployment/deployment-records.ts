import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeploymentEventKind } from '../../domain/deployment/deployment-event-kinds.ts';
import { deploymentEventKinds } from '../../domain/deployment/deployment-event-kinds.ts';
import type { OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { ExecutionVenue, LiquiditySide, OrderIntentKind, OrderSide, OrderType } from '../../domain/deployment/venues.ts';

/** One order row to insert (ids made by the caller so fills can point at them). Money in quote, sizes in base units. */
export interface OrderRecord {
  id: string;
  clientOrderId: string;
  decisionBarAt: Date;
  intent: OrderIntentKind;
  stage: DeploymentStage;
  venue: ExecutionVenue;
  side: OrderSide;
  orderType: OrderType;
  quantity: number;
  limitPrice: number | null;
  referencePrice: number;
  state: OrderState;
  filledQuantity: number;
  fillRatio: number;
  averagePrice: number | null;
  fees: number;
  refusalRule: string | null;
  refusalThreshold: string | null;
  refusalMeasured: string | null;
  reason: string | null;
  /** DENIED orders: bars in a row this denial was made (1 = only its own). */
  repeatCount: number;
  /** DENIED orders: open time of the last bar that repeated it, or null. */
  lastRepeatedBarAt: Date | null;
}

/** One fill row (append-only). */
export interface FillRecord {
  id: string;
  orderId: string;
  sequence: number;
  side: OrderSide;
  quantity: number;
  price: number;
  fee: number;
  liquidity: LiquiditySide;
  barAt: Date;
  filledAt: Date;
}

/** One deployment event row (append-only). */
export interface EventRecord {
  id: string;
  occurredAt: Date;
  barAt: Date | null;
  kind: DeploymentEventKind;
  rule: string | null;
  threshold: string | null;
  measured: string | null;
  message: string;
  orderId: string | null;
  evidence: Record<string, string | number | boolean | null> | null;
}

/** One processed bar: its signal, position and P&L mark (append-only rows keyed by deployment and bar). */
export interface BarRecord {
  barAt: Date;
  target: number;
  close: number;
  effectiveStage: DeploymentStage;
  receivedAt: Date;
  computedAt: Date;
  /** Null when the bar was not marked (never for an accepted bar). */
  mark: {
    quantity: number;
    averageEntryPrice: number;
    notional: number;
    targetInForce: number;
    equity: number;
    cash: number;
    realizedPnl: number;
    unrealizedPnl: number;
    fees: number;
    drawdown: number;
    exposure: number;
    returnFraction: number;
  };
}

/**
 * Adds the repeats of DENIED orders recorded by earlier jobs (a denial repeated on later bars), in `em`'s transaction:
 * one statement.
 */
export async function countDenialRepeats(em: EntityManager, repeats: readonly { orderId: string; count: number; lastBarAt: Date }[]): Promise<void> {
  if (repeats.length === 0) return;
  await em.execute(
    `update deployment_order o set repeat_count = o.repeat_count + r.count, last_repeated_bar_at = r.last_bar_at, updated_at = clock_timestamp()
       from jsonb_to_recordset(?::jsonb) as r(order_id uuid, count int, last_bar_at timestamptz)
      where o.id = r.order_id and o.state = 'denied'`,
    [JSON.stringify(repeats.map((repeat) => ({ order_id: repeat.orderId, count: repeat.count, last_bar_at: repeat.lastBarAt.toISOString() })))],
  );
}

/** Everything one processing transaction writes besides the deployment row. */
export interface DeploymentRecords {
  orders: OrderRecord[];
  fills: FillRecord[];
  events: EventRecord[];
  bars: BarRecord[];
}

/** Rows per statement: keeps each JSON parameter well under PostgreSQL's limits while batching a whole replay job. */
const chunk = 2000;

/**
 * Writes a batch of records in a handful of set-based statements (`jsonb_to_recordset`), in `em`'s transaction: orders
 * before fills and events (which point at them). Numbers travel as JSON numbers (shortest round-trip form), so every
 * double is stored exactly. Values must be finite (the engine's outputs are). An order's `created_at` is the time of
 * its insert (`clock_timestamp()`, not the transaction's start): when it was recorded.
 */
export async function insertDeploymentRecords(em: EntityManager, deploymentId: string, records: DeploymentRecords): Promise<void> {
  for (const part of chunks(records.orders)) {
    await em.execute(
      `insert into deployment_order (id, deployment_id, client_order_id, decision_bar_at, intent, stage, venue, side, order_type, quantity, limit_price,
              reference_price, state, filled_quantity, fill_ratio, average_price, fees, refusal_rule, refusal_threshold, refusal_measured, reason, repeat_count, last_repeated_bar_at,
              created_at, updated_at)
       select r.id, ?, r.client_order_id, r.decision_bar_at, r.intent, r.stage, r.venue, r.side, r.order_type, r.quantity, r.limit_price,
              r.reference_price, r.state, r.filled_quantity, r.fill_ratio, r.average_price, r.fees, r.refusal_rule, r.refusal_threshold, r.refusal_measured, r.reason,
              r.repeat_count, r.last_repeated_bar_at, clock_timestamp(), clock_timestamp()
         from jsonb_to_recordset(?::jsonb) as r(id uuid, client_order_id text, decision_bar_at timestamptz, intent text, stage text, venue text, side text,
              order_type text, quantity float8, limit_price float8, reference_price float8, state text, filled_quantity float8, fill_ratio float8,
              average_price float8, fees float8, refusal_rule text, refusal_threshold text, refusal_measured text, reason text, repeat_count int,
              last_repeated_bar_at timestamptz)`,
      [
        deploymentId,
        JSON.stringify(
          part.map((order) => ({
            id: order.id,
            client_order_id: order.clientOrderId,
            decision_bar_at: order.decisionBarAt.toISOString(),
            intent: order.intent,
            stage: order.stage,
            venue: order.venue,
            side: order.side,
            order_type: order.orderType,
            quantity: order.quantity,
            limit_price: order.limitPrice,
            reference_price: order.referencePrice,
            state: order.state,
            filled_quantity: order.filledQuantity,
            fill_ratio: order.fillRatio,
            average_price: order.averagePrice,
            fees: order.fees,
            refusal_rule: order.refusalRule,
            refusal_threshold: order.refusalThreshold,
            refusal_measured: order.refusalMeasured,
            reason: order.reason,
            repeat_count: order.repeatCount,
            last_repeated_bar_at: order.lastRepeatedBarAt?.toISOString() ?? null,
          })),
        ),
      ],
    );
  }
  for (const part of chunks(records.fills)) {
    await em.execute(
      `insert into deployment_fill (id, deployment_id, order_id, sequence, side, quantity, price, fee, liquidity, bar_at, filled_at)
       select r.id, ?, r.order_id, r.sequence, r.side, r.quantity, r.price, r.fee, r.liquidity, r.bar_at, r.filled_at
         from jsonb_to_recordset(?::jsonb) as r(id uuid, order_id uuid, sequence int, side text, quantity float8, price float8, fee float8, liquidity text,
              bar_at timestamptz, filled_at timestamptz)`,
      [
        deploymentId,
        JSON.stringify(
          part.map((fill) => ({
            id: fill.id,
            order_id: fill.orderId,
            sequence: fill.sequence,
            side: fill.side,
            quantity: fill.quantity,
            price: fill.price,
            fee: fill.fee,
            liquidity: fill.liquidity,
            bar_at: fill.barAt.toISOString(),
            filled_at: fill.filledAt.toISOString(),
          })),
        ),
      ],
    );
  }
  for (const part of chunks(records.events)) {
    await em.execute(
      `insert into deployment_event (id, deployment_id, occurred_at, bar_at, category, kind, rule, threshold, measured, message, order_id, evidence)
       select r.id, ?, r.occurred_at, r.bar_at, r.category, r.kind, r.rule, r.threshold, r.measured, r.message, r.order_id, r.evidence
         from jsonb_to_recordset(?::jsonb) as r(id uuid, occurred_at timestamptz, bar_at timestamptz, category text, kind text, rule text, threshold text,
              measured text, message text, order_id uuid, evidence jsonb)`,
      [
        deploymentId,
        JSON.stringify(
          part.map((event) => ({
            id: event.id,
            occurred_at: event.occurredAt.toISOString(),
            bar_at: event.barAt?.toISOString() ?? null,
            category: deploymentEventKinds[event.kind],
            kind: event.kind,
            rule: event.rule,
            threshold: event.threshold,
            measured: event.measured,
            message: event.message,
            order_id: event.orderId,
            evidence: event.evidence,
          })),
        ),
      ],
    );
  }
  for (const part of chunks(records.bars)) {
    const rows = JSON.stringify(
      part.map((bar) => ({
        bar_at: bar.barAt.toISOString(),
        target: bar.target,
        close: bar.close,
        effective_stage: bar.effectiveStage,
        received_at: bar.receivedAt.toISOString(),
        computed_at: bar.computedAt.toISOString(),
        ...markColumns(bar.mark),
      })),
    );
    await em.execute(
      `with r as (select * from jsonb_to_recordset(?::jsonb) as r(bar_at timestamptz, target float8, close float8, effective_stage text, received_at timestamptz,
              computed_at timestamptz, quantity float8, average_entry_price float8, notional float8, target_in_force float8, equity float8, cash float8,
              realized_pnl float8, unrealized_pnl float8, fees float8, drawdown float8, exposure float8, return_fraction float8)),
       s as (insert into deployment_signal (deployment_id, bar_at, target, close, effective_stage, received_at, computed_at)
             select ?, bar_at, target, close, effective_stage, received_at, computed_at from r),
       p as (insert into position_snapshot (deployment_id, bar_at, quantity, average_entry_price, mark_price, notional, target_in_force)
             select ?, bar_at, quantity, nullif(average_entry_price, 0), close, notional, target_in_force from r)
       insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction)
       select ?, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction from r`,
      [rows, deploymentId, deploymentId, deploymentId],
    );
  }
}

function markColumns(mark: BarRecord['mark']) {
  return {
    quantity: mark.quantity,
    average_entry_price: mark.averageEntryPrice,
    notional: mark.notional,
    target_in_force: mark.targetInForce,
    equity: mark.equity,
    cash: mark.cash,
    realized_pnl: mark.realizedPnl,
    unrealized_pnl: mark.unrealizedPnl,
    fees: mark.fees,
    drawdown: mark.drawdown,
    exposure: mark.exposure,
    return_fraction: mark.returnFraction,
  };
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += chunk) yield rows.slice(start, start + chunk);
}
