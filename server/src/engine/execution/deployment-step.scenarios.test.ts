import { describe, expect, it } from 'vitest';
import { simulateTargets } from '../backtest/simulator.ts';
import { makeBarFrame } from '../bars/bar-frame.ts';
import { makeDeploymentAccount } from './deployment-account.ts';
import type { DeploymentAccount } from './deployment-account.ts';
import { stepDeployment } from './deployment-step.ts';
import type { StepContext, StepResult } from './deployment-step.ts';
import type { ExecutionBar } from './execution-bar.ts';
import { defaultFillModelConfig } from './fill-model-config.ts';
import type { FillModelConfig } from './fill-model-config.ts';
import type { DeploymentDecision } from './order-intents.ts';

const hour = 3_600_000;
const start = Date.UTC(2024, 0, 1);
/** Bar `index` of an hourly series opening at `start`. */
const bar = (index: number, open: number, high: number, low: number, close: number, volume = 1000): ExecutionBar => ({
  time: start + index * hour,
  closeTime: start + (index + 1) * hour,
  open,
  high,
  low,
  close,
  volume,
});
/** The decision taken at the close of bar `index`. */
const decide = (index: number, targetWeight: number, kind: DeploymentDecision['kind'] = 'rebalance'): DeploymentDecision => ({
  targetWeight,
  decisionTime: start + index * hour,
  kind,
});
/** Processed right at the bar's close: fresh, kill switch off, ACTIVE, no limits. */
const contextFor = (processed: ExecutionBar, overrides: Partial<StepContext> = {}): StepContext => ({
  killSwitchOn: false,
  tradingState: 'ACTIVE',
  nowMs: processed.closeTime,
  maxBarAgeMs: 5 * 60_000,
  clockSkewToleranceMs: 1000,
  maxNotionalPerOrder: null,
  capitalAllocation: null,
  portfolioEquity: null,
  maxPositionFraction: null,
  availableBalance: null,
  ...overrides,
});
const noCosts: FillModelConfig = defaultFillModelConfig('binanceus', { takerFeeBps: 0, makerFeeBps: 0, slippageBps: 0 });

/** Step one bar processed at its close (with context overrides). */
function step(account: DeploymentAccount, processed: ExecutionBar, decision: DeploymentDecision | null, config = noCosts, overrides: Partial<StepContext> = {}): StepResult {
  return stepDeployment(account, processed, decision, config, contextFor(processed, overrides));
}

describe('deployment step', () => {
  it('acts on the previous bar’s decision at this bar’s open and marks at the close', () => {
    const config = defaultFillModelConfig('binanceus', { takerFeeBps: 10, slippageBps: 0 });
    const first = step(makeDeploymentAccount(1000), bar(0, 100, 101, 99, 100), null, config);
    expect(first.order).toBeNull();
    expect(first.mark).toMatchObject({ equity: 1000, returnFraction: 0, position: 0, drawdown: 0, exposure: 0 });
    const second = step(first.account, bar(1, 100, 112, 100, 110), decide(0, 1), config);
    // Target 1 at the open 100 asks for 10 units; cash pays q × 100 × 1.001 at most (cash floor): q = 1000 / 100.1.
    const q = 1000 / 100.1;
    expect(second.order?.intent).toMatchObject({ side: 'buy', referencePrice: 100, decisionTime: start, cashCap: { requestedQuantity: 10, unitPrice: 100, feeRate: 0.001, cash: 1000 } });
    expect(second.order?.intent.quantity).toBeCloseTo(q, 12);
    expect(second.order?.fill).toMatchObject({ state: 'FILLED', price: 100 });
    expect(second.order?.fill?.fee).toBeCloseTo(q * 0.1, 12);
    expect(second.account.cash).toBeGreaterThanOrEqual(0);
    expect(second.account.cash).toBeLessThan(1e-9);
    // Marked at the close 110: cash 0 + q × 110.
    expect(second.mark?.equity).toBeCloseTo(q * 110, 9);
    expect(second.mark?.realizedPnl).toBeCloseTo(-q * 0.1, 12);
    expect(second.mark?.unrealizedPnl).toBeCloseTo(q * 10, 9);
    expect(second.mark?.fees).toBeCloseTo(q * 0.1, 12);
    expect(second.mark?.exposure).toBeCloseTo(1, 9);
    expect(second.mark?.position).toBe(1);
    // The same target again: no order (the target is in force); the price falls → drawdown from the peak.
    const third = step(second.account, bar(2, 110, 110, 98, 99), decide(1, 1), config);
    expect(third.order).toBeNull();
    expect(third.mark?.equity).toBeCloseTo(q * 99, 9);
    expect(third.mark?.drawdown).toBeCloseTo(99 / 110 - 1, 9);
    // Exit at the next open: realized = (105 − 100) × q − both fees; equity = initial + realized.
    const fourth = step(third.account, bar(3, 105, 106, 104, 104), decide(2, 0), config);
    expect(fourth.order?.intent).toMatchObject({ side: 'sell', reducesExposure: true });
    expect(fourth.order?.intent.cashCap).toBeUndefined();
    expect(fourth.mark?.realizedPnl).toBeCloseTo(5 * q - q * 0.1 - q * 0.105, 9);
    expect(fourth.mark?.unrealizedPnl).toBe(0);
    expect(fourth.mark?.equity).toBeCloseTo(1000 + 5 * q - q * 0.1 - q * 0.105, 9);
    expect(fourth.account.averageEntryPrice).toBe(0);
  });

  it('cash floor: a 100 % buy with 5 bps slippage and 10 bps fee is reduced so cash stays ≥ 0 (it ended at −1.5005 before), recorded on the intent; the backtest with cashFloor agrees', () => {
    const config = defaultFillModelConfig('binanceus', { takerFeeBps: 10, slippageBps: 5 });
    const flat = step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null, config).account;
    const bought = step(flat, bar(1, 100, 101, 99, 100), decide(0, 1), config);
    // Sized at the open: 10 units. Filled at 100.05 plus 0.1 % fee: 10 units would cost 1000.5 + 1.0005 = 1001.5005.
    const q = 1000 / (100.05 * 1.001); // 9.98502...
    expect(bought.order?.intent.cashCap).toEqual({ requestedQuantity: 10, unitPrice: 100 * 1.0005, feeRate: 0.001, cash: 1000 });
    expect(bought.order?.intent.quantity).toBeCloseTo(q, 12);
    expect(bought.order?.intent.targetQuantity).toBeCloseTo(q, 12);
    expect(bought.order?.fill).toMatchObject({ state: 'FILLED', fillRatio: 1 });
    expect(bought.order?.fill?.price).toBeCloseTo(100.05, 12);
    expect(bought.account.cash).toBeGreaterThanOrEqual(0);
    expect(bought.account.cash).toBeLessThan(1e-9);
    expect(bought.account).toMatchObject({ targetInForce: 1 });
    // Latency moves the worst price along the bar (open 100 → close 110, half the bar): capped at 105 × 1.0005.
    const late = defaultFillModelConfig('binanceus', { takerFeeBps: 10, slippageBps: 5, latencyMs: hour / 2 });
    const lateBuy = step(flat, bar(1, 100, 111, 99, 110), decide(0, 1), late);
    expect(lateBuy.order?.intent.cashCap?.unitPrice).toBeCloseTo(105 * 1.0005, 9);
    expect(lateBuy.account.cash).toBeGreaterThanOrEqual(0);
    // A limit buy is capped at its limit price and the higher of the maker and taker fees.
    const limit = defaultFillModelConfig('binanceus', { orderType: 'limit', limitOffsetBps: 0, takerFeeBps: 10, makerFeeBps: 20 });
    const limitBuy = step(flat, bar(1, 100, 101, 99, 100), decide(0, 1), limit);
    expect(limitBuy.order?.intent.cashCap).toMatchObject({ unitPrice: 100, feeRate: 0.002 });
    expect(limitBuy.account.cash).toBeGreaterThanOrEqual(0);
    // No cash left (fully invested) and a higher target: the buy is refused as available_balance (recorded as DENIED), the old target stays in force.
    const invested = { ...bought.account, cash: 0 };
    const refused = step(invested, bar(2, 100, 101, 99, 100), decide(1, 1.5), config);
    expect(refused.order?.check.refusal).toMatchObject({ rule: 'available_balance', threshold: 0 });
    expect(refused.order?.intent.quantity).toBeCloseTo(q / 2, 9);
    expect(refused.account).toMatchObject({ quantity: bought.account.quantity, targetInForce: 1, cash: 0 });
    // The backtest with cashFloor: true buys the same quantity: the same equity at every close (parity); without it,
    // its cash goes to −1.5005 and the equity differs.
    const frame = makeBarFrame({
      timestamp: Float64Array.of(start, start + hour, start + 2 * hour),
      open: Float64Array.of(100, 100, 100),
      high: Float64Array.of(100, 101, 101),
      low: Float64Array.of(100, 99, 99),
      close: Float64Array.of(100, 100, 100),
      volume: Float64Array.of(1000, 1000, 1000),
    });
    const targets = Float64Array.of(1, 1, 1);
    const floored = simulateTargets(frame, targets, { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000, cashFloor: true });
    expect(floored.equity[1]).toBe(bought.mark!.equity);
    expect(floored.trades[0].quantity).toBe(bought.account.quantity);
    const overdrawn = simulateTargets(frame, targets, { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 });
    expect(overdrawn.equity[1]).toBeCloseTo(1000 - 10 * 100.05 - 1.0005 + 10 * 100, 9);
    // Sells are never capped.
    const sold = step(bought.account, bar(2, 100, 101, 99, 100), decide(1, 0), config);
    expect(sold.order?.intent.cashCap).toBeUndefined();
    expect(sold.account.quantity).toBe(0);
  });

  it('fills partially under the participation cap, records the fill ratio, and never re-orders the remainder', () => {
    const capped = defaultFillModelConfig('binanceus', { takerFeeBps: 0, slippageBps: 0, participationCap: 0.1 });
    const account = step(makeDeploymentAccount(10_000), bar(0, 100, 100, 100, 100), null, capped).account;
    // Target 1 → 100 units wanted; the bar traded 400 → at most 40 fill.
    const partial = step(account, bar(1, 100, 101, 99, 100, 400), decide(0, 1), capped);
    expect(partial.order?.fill).toMatchObject({ state: 'CANCELED', filledQuantity: 40, remainingQuantity: 60, fillRatio: 0.4 });
    expect(partial.account).toMatchObject({ quantity: 40, targetInForce: 1 });
    expect(partial.order?.quantityAfter).toBe(40);
    // The next bars decide the same target: nothing more is ordered (partial fills accepted, never retried).
    const next = step(partial.account, bar(2, 100, 101, 99, 100, 400), decide(1, 1), capped);
    expect(next.order).toBeNull();
    expect(next.account.quantity).toBe(40);
  });

  it('places a resting limit order that expires unfilled, with its target in force', () => {
    const limit = defaultFillModelConfig('binanceus', { orderType: 'limit', limitOffsetBps: 100, makerFeeBps: 0 });
    const account = step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null, limit).account;
    // Buy limit at 99 (1 % under the open); the bar's low is 99.5 → EXPIRED.
    const missed = step(account, bar(1, 100, 101, 99.5, 100), decide(0, 1), limit);
    expect(missed.order?.order).toMatchObject({ type: 'limit', side: 'buy' });
    expect(missed.order?.order?.limitPrice).toBeCloseTo(99, 12);
    expect(missed.order?.fill).toMatchObject({ state: 'EXPIRED', filledQuantity: 0 });
    expect(missed.account).toMatchObject({ quantity: 0, targetInForce: 1, cash: 1000 });
    // Reached: filled at the limit as maker.
    const reached = step(account, bar(1, 100, 101, 98, 100), decide(0, 1), limit);
    expect(reached.order?.fill).toMatchObject({ state: 'FILLED', liquidity: 'maker' });
    expect(reached.order?.fill?.price).toBeCloseTo(99, 12);
  });

  it('places no order on stale data and orders on the next fresh bar', () => {
    const account = step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account;
    // Bar 1 processed 10 minutes after its close (limit 5): the order is refused, the target stays out of force.
    const stale = step(account, bar(1, 100, 101, 99, 100), decide(0, 1), noCosts, { nowMs: bar(1, 0, 0, 0, 0).closeTime + 10 * 60_000 });
    expect(stale.order?.check.refusal).toMatchObject({ rule: 'freshness', threshold: 5 * 60_000, measured: 10 * 60_000 });
    expect(stale.order?.fill).toBeNull();
    expect(stale.account).toMatchObject({ quantity: 0, targetInForce: 0, cash: 1000 });
    expect(stale.mark?.equity).toBe(1000);
    // Bar 2 is fresh: the still-decided target is sized at its open (a new decision time → a new client order id).
    const fresh = step(stale.account, bar(2, 120, 121, 119, 120), decide(1, 1));
    expect(fresh.order?.check.allowed).toBe(true);
    expect(fresh.order?.intent).toMatchObject({ decisionTime: start + hour });
    expect(fresh.order?.intent.quantity).toBeCloseTo(1000 / 120, 12);
  });

  it('refuses a NaN or out-of-order bar: nothing trades, nothing is marked, the account is unchanged', () => {
    const account = step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account;
    const broken = step(account, { ...bar(1, 100, 101, 99, 100), close: Number.NaN }, decide(0, 1));
    expect(broken.barRefusal).toMatchObject({ rule: 'bar_not_finite', field: 'close' });
    expect(broken.order).toBeNull();
    expect(broken.mark).toBeNull();
    expect(broken.account).toBe(account);
    const repeated = step(account, bar(0, 100, 100, 100, 100), decide(0, 1));
    expect(repeated.barRefusal?.rule).toBe('bar_out_of_order');
    const future = step(account, bar(1, 100, 101, 99, 100), decide(0, 1), noCosts, { nowMs: bar(1, 0, 0, 0, 0).closeTime - 5000 });
    expect(future.barRefusal?.rule).toBe('bar_future_dated');
    // The next valid bar trades normally.
    expect(step(account, bar(1, 100, 101, 99, 100), decide(0, 1)).order?.fill?.state).toBe('FILLED');
  });

  it('denies every order while the kill switch is on, even reductions and flattens; trades again once it is off', () => {
    const long = step(step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account, bar(1, 100, 100, 100, 100), decide(0, 1)).account;
    const killed = step(long, bar(2, 100, 100, 100, 100), decide(1, 0), noCosts, { killSwitchOn: true, tradingState: 'REDUCING' });
    expect(killed.order?.check.refusal?.rule).toBe('kill_switch');
    expect(killed.account.quantity).toBe(10);
    const flatten = step(killed.account, bar(3, 100, 100, 100, 100), decide(2, 0, 'flatten'), noCosts, { killSwitchOn: true });
    expect(flatten.order?.check.refusal?.rule).toBe('kill_switch');
    const off = step(flatten.account, bar(4, 100, 100, 100, 100), decide(3, 0));
    expect(off.order?.fill?.state).toBe('FILLED');
    expect(off.account.quantity).toBe(0);
  });

  it('REDUCING lets a deployment shrink its position but not grow or flip it; HALTED stops both', () => {
    const long = step(step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account, bar(1, 100, 100, 100, 100), decide(0, 1)).account;
    const grow = step(long, bar(2, 100, 100, 100, 100), decide(1, 2), noCosts, { tradingState: 'REDUCING' });
    expect(grow.order?.check.refusal).toMatchObject({ rule: 'trading_state', threshold: 'REDUCING' });
    const flip = step(long, bar(2, 100, 100, 100, 100), decide(1, -1), noCosts, { tradingState: 'REDUCING' });
    expect(flip.order?.check.refusal?.rule).toBe('trading_state');
    const halted = step(long, bar(2, 100, 100, 100, 100), decide(1, 0.5), noCosts, { tradingState: 'HALTED' });
    expect(halted.order?.check.refusal).toMatchObject({ rule: 'trading_state', measured: 'HALTED' });
    const shrink = step(long, bar(2, 100, 100, 100, 100), decide(1, 0.5), noCosts, { tradingState: 'REDUCING' });
    expect(shrink.order?.check.allowed).toBe(true);
    expect(shrink.account).toMatchObject({ quantity: 5, targetInForce: 0.5 });
  });

  it('flattens the position on a flatten decision whatever the target in force', () => {
    const long = step(step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account, bar(1, 100, 100, 100, 100), decide(0, 1)).account;
    const flat = step(long, bar(2, 110, 110, 110, 110), decide(1, 0, 'flatten'));
    expect(flat.order?.intent).toMatchObject({ kind: 'flatten', side: 'sell', quantity: 10, reducesExposure: true });
    expect(flat.account).toMatchObject({ quantity: 0, targetInForce: 0 });
    expect(flat.mark?.realizedPnl).toBeCloseTo(100, 9);
    // Already flat: nothing to order.
    expect(step(flat.account, bar(3, 110, 110, 110, 110), decide(2, 0, 'flatten')).order).toBeNull();
  });

  it('refuses orders that break the limits and keeps trading within them', () => {
    const account = step(makeDeploymentAccount(1000), bar(0, 100, 100, 100, 100), null).account;
    const tooBig = step(account, bar(1, 100, 100, 100, 100), decide(0, 1), noCosts, { maxNotionalPerOrder: 500 });
    expect(tooBig.order?.check.refusal).toMatchObject({ rule: 'max_notional_per_order', threshold: 500, measured: 1000 });
    const allocation = step(account, bar(1, 100, 100, 100, 100), decide(0, 1), noCosts, { capitalAllocation: 0.05, portfolioEquity: 10_000 });
    expect(allocation.order?.check.refusal).toMatchObject({ rule: 'capital_allocation', threshold: 0.05, measured: 0.1 });
    const balance = step(account, bar(1, 100, 100, 100, 100), decide(0, 1), noCosts, { availableBalance: account.cash });
    expect(balance.order?.check.allowed).toBe(true);
  });
});
