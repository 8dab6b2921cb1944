import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { DeploymentEventKind } from '../../domain/deployment/deployment-event-kinds.ts';
import { simulatedOrderPath } from '../../domain/deployment/simulated-order-path.ts';
import type { TradingState as DeploymentTradingState } from '../../domain/deployment/trading-state.lifecycle.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { newId } from '../../domain/ids.ts';
import {
  clientOrderId,
  stepDeployment,
  validateBar,
  type BarFrame,
  type BarRefusal,
  type DeploymentAccount,
  type DeploymentDecision,
  type FillModelConfig,
  type PreTradeRule,
  type StepContext,
} from '../../engine/index.ts';
import type { BarRecord, DeploymentRecords, EventRecord } from './deployment-records.ts';
import type { FeedBar } from './market-feed.ts';

/** The clock a batch runs on: a replay as fast as possible reads each bar's own close; otherwise one `nowMs` for all. */
export type BatchClock = { kind: 'bar_close' } | { kind: 'fixed'; nowMs: number };

/** What a batch reads besides its bars (all read in the bar's transaction). */
export interface BatchInput {
  deploymentId: string;
  /** The stage acted in (after any fail-closed fallback); `observe` places nothing. */
  stage: DeploymentStage;
  /** Where simulated orders go; only `shadow` and `paper` are simulated here. */
  simulatedVenue: 'shadow' | 'paper';
  /**
   * LIVE: the exchange the orders go to. An allowed order is then recorded in state `new`, unfilled (the venue fills
   * it; the runner sends it after this batch commits and records the outcome). Null for every other stage.
   */
  exchangeVenue: ExchangeVenue | null;
  account: DeploymentAccount;
  fillModel: FillModelConfig;
  clock: BatchClock;
  clockSkewToleranceMs: number;
  killSwitchOn: boolean;
  /** The stricter of the global and the deployment's trading state. */
  tradingState: DeploymentTradingState;
  maxBarAgeMs: number;
  maxNotionalPerOrder: number;
  capitalAllocation: number;
  maxPositionFraction: number;
  /** A manual flatten to act on at the first accepted bar. */
  flattenRequested: boolean;
  /** The denial the previous decision ended with (its DENIED order and `rule:side:intent`), or null. */
  repeatingDenial: RepeatingDenial | null;
  latencyMs: number;
}

/** Bars checked before any target is computed: the accepted ones, and a refusal event for each refused one. */
export interface ScreenedBars {
  accepted: FeedBar[];
  refusals: EventRecord[];
  /** Open time of the last bar taken from the feed (accepted or refused), or null when none was. */
  cursorMs: number | null;
}

/**
 * Checks each new bar with the engine's `validateBar` against the last accepted bar and the clock, in order, so that
 * a refused bar (NaN, malformed, out of order, future-dated) never enters the target history nor is traded on.
 */
export function screenBars(bars: readonly FeedBar[], lastAcceptedMs: number | null, cursorMs: number | null, clock: BatchClock, clockSkewToleranceMs: number, occurredAtMs: number): ScreenedBars {
  const accepted: FeedBar[] = [];
  const refusals: EventRecord[] = [];
  let previous = lastAcceptedMs;
  let cursor = cursorMs;
  for (const bar of bars) {
    const nowMs = clock.kind === 'bar_close' ? bar.closeTime : clock.nowMs;
    const refusal = validateBar(bar, { previousBarTime: previous, nowMs, clockSkewToleranceMs });
    if (refusal === null) {
      accepted.push(bar);
      previous = bar.time;
    } else {
      refusals.push(barRefusalEvent(bar, refusal, occurredAtMs));
    }
    // A future-dated bar is not consumed: its open time lies ahead of bars still to come, which must not be skipped.
    const consumed = refusal === null || refusal.rule !== 'bar_future_dated';
    if (consumed && Number.isFinite(bar.time) && (cursor === null || bar.time > cursor)) cursor = bar.time;
  }
  return { accepted, refusals, cursorMs: cursor };
}

/** Rules whose refusal also records a DENIED order: the order itself is wrong or breaks a limit. Gates (kill switch, trading state, freshness) refuse trading itself and record an event only. */
const limitRules: ReadonlySet<PreTradeRule> = new Set(['invalid_order', 'max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance']);

/** A denial being repeated: the DENIED order it is counted on, and what makes a later refusal the same (`rule:side:intent`). */
export interface RepeatingDenial {
  orderId: string;
  key: string;
}

/** Repeats of a DENIED order recorded by an earlier job: add `count` to its repeat count; `lastBarAt` is the last repeating bar. */
export interface DenialRepeat {
  orderId: string;
  count: number;
  lastBarAt: Date;
}

/** Result of {@link runBarBatch}. */
export interface BatchResult {
  account: DeploymentAccount;
  records: DeploymentRecords;
  /** Whether the requested flatten was done: placed, or nothing was left to close (the request is then cleared). */
  flattenPlaced: boolean;
  /** The denial the batch's last decision ended with (null: allowed, nothing to do, or another kind of refusal). */
  repeatingDenial: RepeatingDenial | null;
  /** Repeats of a DENIED order of an earlier job (at most one: a new denial ends the streak). */
  denialRepeats: DenialRepeat[];
}

/**
 * Runs the engine's per-bar step over the accepted bars of a batch (DEPLOYMENT-DESIGN timing): for the bar at frame
 * row `i`, the decision is the target decided at the close of row `i − 1` (none for the first row of the history, and
 * none in OBSERVE); `stepDeployment` sizes, checks and fills it at the bar's open and marks at its close. Maps every
 * outcome to rows: orders (client order id from the engine), fills, refusals (an event each; a DENIED order for limit
 * rules), liquidations, and the signal, position and P&L of every bar. No I/O.
 *
 * @param frame the target history: every accepted bar so far, the batch's accepted bars last (`firstRow` = the row
 *   of the batch's first bar).
 * @param targets `template.computeTargets` over `frame`.
 */
export function runBarBatch(input: BatchInput, bars: readonly FeedBar[], frame: BarFrame, targets: Float64Array, firstRow: number, computedAtMs: number): BatchResult {
  const records: DeploymentRecords = { orders: [], fills: [], events: [], bars: [] };
  let account = input.account;
  let flattenPending = input.flattenRequested;
  let flattenPlaced = false;
  let repeating = input.repeatingDenial;
  const denialRepeats: DenialRepeat[] = [];
  const engineTradingState = input.tradingState.toUpperCase() as StepContext['tradingState'];
  for (let offset = 0; offset < bars.length; offset++) {
    const bar = bars[offset]!;
    const row = firstRow + offset;
    const nowMs = input.clock.kind === 'bar_close' ? bar.closeTime : input.clock.nowMs;
    let decision: DeploymentDecision | null = null;
    if (input.stage !== 'observe' && row > 0) {
      decision = flattenPending
        ? { targetWeight: 0, decisionTime: frame.timestamp[row - 1]!, kind: 'flatten' }
        : { targetWeight: targets[row - 1]!, decisionTime: frame.timestamp[row - 1]!, kind: 'rebalance' };
    }
    const context: StepContext = {
      killSwitchOn: input.killSwitchOn,
      tradingState: engineTradingState,
      nowMs,
      maxBarAgeMs: input.maxBarAgeMs,
      clockSkewToleranceMs: input.clockSkewToleranceMs,
      maxNotionalPerOrder: input.maxNotionalPerOrder,
      capitalAllocation: input.capitalAllocation,
      // Simulated stages: the deployment's own account is the whole portfolio it draws on.
      portfolioEquity: account.cash + account.quantity * bar.open,
      maxPositionFraction: input.maxPositionFraction,
      availableBalance: account.cash,
    };
    const venueFills = input.stage === 'live' && input.exchangeVenue !== null;
    const step = stepDeployment(account, bar, decision, input.fillModel, context, venueFills ? 'venue' : 'simulated');
    if (step.barRefusal !== null) {
      records.events.push(barRefusalEvent(bar, step.barRefusal, computedAtMs));
      continue;
    }
    account = step.account;
    const barAt = new Date(bar.time);
    const outcome = step.order;
    if (outcome !== null) {
      const intent = outcome.intent;
      const id = newId();
      const coid = clientOrderId(input.deploymentId, intent.decisionTime, intent.kind);
      const base = {
        id,
        clientOrderId: coid,
        decisionBarAt: new Date(intent.decisionTime),
        intent: intent.kind,
        stage: input.stage,
        venue: venueFills ? input.exchangeVenue! : input.simulatedVenue,
        side: intent.side,
        orderType: input.fillModel.orderType,
        quantity: intent.quantity,
        referencePrice: intent.referencePrice,
      } as const;
      // The cash floor's reduction, said on the order (engine `capBuyToCash`).
      const cap = intent.cashCap;
      const capNote = cap ? `cash floor: ${intent.quantity} of the ${cap.requestedQuantity} the target asked for, so that cash ${cap.cash} stays ≥ 0 after a fill at up to ${cap.unitPrice} plus a ${cap.feeRate * 10_000} bps fee` : null;
      if (venueFills && outcome.check.allowed && outcome.order !== null) {
        // Recorded before it is sent (record-before-send): the runner commits this row, then sends it.
        records.orders.push({
          ...base,
          limitPrice: outcome.order.limitPrice ?? null,
          state: 'new',
          filledQuantity: 0,
          fillRatio: 0,
          averagePrice: null,
          fees: 0,
          refusalRule: null,
          refusalThreshold: null,
          refusalMeasured: null,
          reason: capNote,
          repeatCount: 1,
          lastRepeatedBarAt: null,
        });
      } else if (outcome.check.allowed && outcome.fill !== null && outcome.order !== null) {
        const fill = outcome.fill;
        const path = simulatedOrderPath(input.simulatedVenue, { state: fill.state, filledQuantity: fill.filledQuantity });
        records.orders.push({
          ...base,
          limitPrice: outcome.order.limitPrice ?? null,
          state: path[path.length - 1]!,
          filledQuantity: fill.filledQuantity,
          fillRatio: fill.fillRatio,
          averagePrice: fill.price,
          fees: fill.fee,
          refusalRule: null,
          refusalThreshold: null,
          refusalMeasured: null,
          reason:
            [
              capNote,
              fill.state === 'CANCELED'
                ? `participation cap: ${fill.filledQuantity} of ${intent.quantity} filled (fill ratio ${fill.fillRatio}); the remainder is canceled, never retried`
                : fill.state === 'EXPIRED'
                  ? `the limit was not reached within the bar: ${fill.filledQuantity} of ${intent.quantity} filled; the rest expired`
                  : null,
            ]
              .filter((part) => part !== null)
              .join('; ') || null,
          repeatCount: 1,
          lastRepeatedBarAt: null,
        });
        if (fill.filledQuantity > 0 && fill.price !== null && fill.liquidity !== null) {
          records.fills.push({
            id: newId(),
            orderId: id,
            sequence: 1,
            side: intent.side,
            quantity: fill.filledQuantity,
            price: fill.price,
            fee: fill.fee,
            liquidity: fill.liquidity,
            barAt,
            filledAt: new Date(bar.time + Math.min(input.latencyMs, bar.closeTime - bar.time)),
          });
        }
      } else if (!outcome.check.allowed && limitRules.has(outcome.check.refusal.rule) && repeating?.key === denialKey(outcome.check.refusal.rule, intent.side, intent.kind)) {
        // The same order limit refuses the same kind of order again: counted on the streak's DENIED order, no new row.
        const repeated = repeating.orderId;
        const inBatch = records.orders.find((order) => order.id === repeated);
        if (inBatch) {
          inBatch.repeatCount += 1;
          inBatch.lastRepeatedBarAt = barAt;
        } else {
          const known = denialRepeats.find((entry) => entry.orderId === repeated);
          if (known) {
            known.count += 1;
            known.lastBarAt = barAt;
          } else denialRepeats.push({ orderId: repeated, count: 1, lastBarAt: barAt });
        }
      } else if (!outcome.check.allowed) {
        const refusal = outcome.check.refusal;
        const denied = limitRules.has(refusal.rule);
        if (denied) {
          records.orders.push({
            ...base,
            limitPrice: null,
            orderType: 'market',
            state: 'denied',
            filledQuantity: 0,
            fillRatio: 0,
            averagePrice: null,
            fees: 0,
            refusalRule: refusal.rule,
            refusalThreshold: textOf(refusal.threshold),
            refusalMeasured: textOf(refusal.measured),
            reason: refusal.reason,
            repeatCount: 1,
            lastRepeatedBarAt: null,
          });
        }
        records.events.push({
          id: newId(),
          occurredAt: new Date(computedAtMs),
          barAt,
          kind: 'order_refused',
          rule: refusal.rule,
          threshold: textOf(refusal.threshold),
          measured: textOf(refusal.measured),
          message: `${intent.side} ${intent.quantity} (${intent.kind} decided at ${new Date(intent.decisionTime).toISOString()}) refused: ${refusal.reason}`,
          orderId: denied ? id : null,
          evidence: { clientOrderId: coid, notional: intent.notional, targetWeight: intent.targetWeight },
        });
      }
    }
    // A decision ends a denial streak unless an order limit refused the same kind of order again.
    if (decision !== null) {
      if (outcome === null || outcome.check.allowed || !limitRules.has(outcome.check.refusal.rule)) repeating = null;
      else {
        const key = denialKey(outcome.check.refusal.rule, outcome.intent.side, outcome.intent.kind);
        // A new denial was just recorded as the last order; a repeated one keeps its streak's order.
        if (repeating?.key !== key) repeating = { orderId: records.orders[records.orders.length - 1]!.id, key };
      }
    }
    // A flatten is done once placed (or when there was nothing to close); a refused one waits for the next bar.
    if (decision?.kind === 'flatten' && (outcome === null || outcome.check.allowed)) {
      flattenPending = false;
      flattenPlaced = true;
    }
    if (step.liquidation !== null) {
      const liquidation = step.liquidation;
      records.events.push({
        id: newId(),
        occurredAt: new Date(computedAtMs),
        barAt,
        kind: 'liquidated',
        rule: null,
        threshold: '0',
        measured: null,
        message: `equity reached 0 at the bar's ${liquidation.at}: ${liquidation.quantity} closed at ${liquidation.price} without fee; the account stays flat`,
        orderId: null,
        evidence: { at: liquidation.at, price: liquidation.price, quantity: liquidation.quantity },
      });
    }
    const mark = step.mark!;
    records.bars.push(barRecord(bar, targets[row]!, input.stage, account, mark, computedAtMs));
  }
  return { account, records, flattenPlaced, repeatingDenial: repeating, denialRepeats };
}

/** What makes two order-limit refusals the same denial: the rule, the order's side and its intent. */
function denialKey(rule: PreTradeRule, side: string, intent: string): string {
  return `${rule}:${side}:${intent}`;
}

function barRecord(bar: FeedBar, target: number, stage: DeploymentStage, account: DeploymentAccount, mark: NonNullable<ReturnType<typeof stepDeployment>['mark']>, computedAtMs: number): BarRecord {
  return {
    barAt: new Date(bar.time),
    target,
    close: bar.close,
    effectiveStage: stage,
    receivedAt: new Date(bar.receivedAtMs),
    computedAt: new Date(computedAtMs),
    mark: {
      quantity: mark.quantity,
      averageEntryPrice: account.averageEntryPrice,
      notional: mark.quantity * mark.closePrice,
      targetInForce: mark.position,
      equity: mark.equity,
      cash: account.cash,
      realizedPnl: mark.realizedPnl,
      unrealizedPnl: mark.unrealizedPnl,
      fees: mark.fees,
      drawdown: mark.drawdown,
      exposure: mark.exposure,
      returnFraction: mark.returnFraction,
    },
  };
}

/** The data-integrity event of a refused bar: the engine's rule mapped to an event kind, with the bar as evidence. */
export function barRefusalEvent(bar: FeedBar, refusal: BarRefusal, occurredAtMs: number): EventRecord {
  const kind: DeploymentEventKind = refusal.rule === 'bar_out_of_order' ? 'out_of_order_bar' : refusal.rule === 'bar_future_dated' ? 'clock_skew' : 'invalid_bar';
  return {
    id: newId(),
    occurredAt: new Date(occurredAtMs),
    barAt: Number.isFinite(bar.time) ? new Date(bar.time) : null,
    kind,
    rule: refusal.rule,
    threshold: textOf(refusal.threshold),
    measured: textOf(refusal.measured),
    message: `bar ${Number.isFinite(bar.time) ? new Date(bar.time).toISOString() : String(bar.time)} refused (${refusal.rule}, field ${refusal.field}): ${refusal.reason}; not traded on`,
    orderId: null,
    evidence: {
      time: String(bar.time),
      open: String(bar.open),
      high: String(bar.high),
      low: String(bar.low),
      close: String(bar.close),
      volume: String(bar.volume),
      receivedAt: new Date(bar.receivedAtMs).toISOString(),
    },
  };
}

function textOf(value: number | string | null): string | null {
  return value === null ? null : String(value);
}
