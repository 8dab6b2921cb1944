import { describe, expect, it } from 'vitest';
import { validateBar } from './bar-validation.ts';
import type { BarValidationContext } from './bar-validation.ts';
import type { ExecutionBar } from './execution-bar.ts';
import { freshness } from './freshness.ts';
import { sizeOrderIntent } from './order-intents.ts';
import type { OrderIntent } from './order-intents.ts';
import { checkPreTrade } from './pre-trade-checks.ts';
import type { PreTradeContext } from './pre-trade-checks.ts';

const minute = 60_000;
const now = Date.UTC(2024, 5, 1, 12);

/** Everything allowed: kill switch off, ACTIVE, a bar closed a second ago (limit 2 min), no limits. */
const open: PreTradeContext = {
  killSwitchOn: false,
  tradingState: 'ACTIVE',
  nowMs: now,
  lastBarCloseMs: now - 1000,
  maxBarAgeMs: 2 * minute,
  maxNotionalPerOrder: null,
  capitalAllocation: null,
  portfolioEquity: null,
  maxPositionFraction: null,
  availableBalance: null,
};

function intent(cash: number, quantity: number, targetWeight: number, price = 100): OrderIntent {
  const sized = sizeOrderIntent({ cash, quantity }, { targetWeight, decisionTime: now - minute, kind: 'rebalance' }, price);
  if (sized === null) throw new Error('no order');
  return sized;
}

/** Buy 10 at 100 from flat with 1000 of equity (notional 1000, full equity). */
const entry = intent(1000, 0, 1);
/** Sell 5 of a 10-unit long (equity 1000): reduces exposure. */
const reduction = intent(0, 10, 0.5);

describe('pre-trade checks', () => {
  it('allow an order when nothing is in the way', () => {
    expect(checkPreTrade(entry, open)).toEqual({ allowed: true, refusal: null });
  });

  it('refuse every order while the kill switch is on, ahead of every other rule', () => {
    expect(checkPreTrade(reduction, { ...open, killSwitchOn: true }).refusal).toMatchObject({ rule: 'kill_switch', threshold: 'off', measured: 'on' });
    // HALTED, stale and over every limit at once: the kill switch is the reason recorded.
    const everythingWrong: PreTradeContext = {
      ...open,
      killSwitchOn: true,
      tradingState: 'HALTED',
      lastBarCloseMs: now - 60 * minute,
      maxNotionalPerOrder: 1,
      capitalAllocation: 0.01,
      portfolioEquity: 10,
      maxPositionFraction: 0.01,
      availableBalance: 0,
    };
    expect(checkPreTrade(entry, everythingWrong).refusal?.rule).toBe('kill_switch');
    // Off, the trading state comes next, then freshness.
    expect(checkPreTrade(entry, { ...everythingWrong, killSwitchOn: false }).refusal?.rule).toBe('trading_state');
    expect(checkPreTrade(entry, { ...everythingWrong, killSwitchOn: false, tradingState: 'ACTIVE' }).refusal?.rule).toBe('freshness');
  });

  it('HALTED refuses every order; REDUCING allows only orders that reduce exposure', () => {
    expect(checkPreTrade(reduction, { ...open, tradingState: 'HALTED' }).refusal).toMatchObject({ rule: 'trading_state', threshold: 'ACTIVE', measured: 'HALTED' });
    const reducing = { ...open, tradingState: 'REDUCING' as const };
    expect(checkPreTrade(reduction, reducing).allowed).toBe(true);
    expect(checkPreTrade(intent(0, 10, 0), reducing).allowed).toBe(true);
    expect(checkPreTrade(entry, reducing).refusal).toMatchObject({ rule: 'trading_state', threshold: 'REDUCING', measured: 'increases exposure' });
    expect(checkPreTrade(intent(0, 10, 1.5), reducing).refusal?.rule).toBe('trading_state');
    // A flip crosses flat into the other side: not a reduction.
    expect(checkPreTrade(intent(0, 10, -0.5), reducing).refusal?.rule).toBe('trading_state');
    // An unknown state fails closed.
    expect(checkPreTrade(reduction, { ...open, tradingState: 'PAUSED' as 'ACTIVE' }).refusal).toMatchObject({ rule: 'trading_state', measured: 'PAUSED' });
  });

  it('refuse on stale data: age = now − last close, beyond maxBarAgeMs', () => {
    expect(checkPreTrade(reduction, { ...open, lastBarCloseMs: now - 2 * minute }).allowed).toBe(true);
    expect(checkPreTrade(reduction, { ...open, lastBarCloseMs: now - 2 * minute - 1 }).refusal).toMatchObject({
      rule: 'freshness',
      threshold: 2 * minute,
      measured: 2 * minute + 1,
    });
    expect(checkPreTrade(reduction, { ...open, lastBarCloseMs: null }).refusal?.rule).toBe('freshness');
    expect(checkPreTrade(reduction, { ...open, nowMs: Number.NaN }).refusal?.rule).toBe('freshness');
  });

  it('refuse an order above the max notional per order, reductions included', () => {
    expect(checkPreTrade(entry, { ...open, maxNotionalPerOrder: 1000 }).allowed).toBe(true);
    expect(checkPreTrade(entry, { ...open, maxNotionalPerOrder: 999 }).refusal).toMatchObject({ rule: 'max_notional_per_order', threshold: 999, measured: 1000 });
    expect(checkPreTrade(reduction, { ...open, maxNotionalPerOrder: 499 }).refusal).toMatchObject({ rule: 'max_notional_per_order', measured: 500 });
  });

  it('refuse a position above the capital allocation of the portfolio (not for reductions)', () => {
    const limits = { ...open, capitalAllocation: 0.1, portfolioEquity: 5000 }; // 500 of quote allowed
    expect(checkPreTrade(entry, limits).refusal).toMatchObject({ rule: 'capital_allocation', threshold: 0.1, measured: 0.2 });
    expect(checkPreTrade(entry, { ...limits, portfolioEquity: 10_000 }).allowed).toBe(true);
    expect(checkPreTrade(reduction, limits).allowed).toBe(true);
    // Without a portfolio equity the allocation cannot be checked: refused (fail closed).
    expect(checkPreTrade(entry, { ...limits, portfolioEquity: null }).refusal?.rule).toBe('capital_allocation');
    expect(checkPreTrade(entry, { ...limits, portfolioEquity: 0 }).refusal?.rule).toBe('capital_allocation');
  });

  it('refuse a position above the max fraction of the deployment equity; a full-equity target passes a limit of 1', () => {
    expect(checkPreTrade(entry, { ...open, maxPositionFraction: 1 }).allowed).toBe(true);
    const leveraged = intent(1000, 0, 1.5);
    expect(checkPreTrade(leveraged, { ...open, maxPositionFraction: 1 }).refusal).toMatchObject({ rule: 'max_position_fraction', threshold: 1, measured: 1.5 });
    expect(checkPreTrade(intent(-1000, 20, 1), { ...open, maxPositionFraction: 0.5 }).allowed).toBe(true); // a reduction from 2× to 1× passes even a limit of 0.5
  });

  it('refuse a buy beyond the available quote balance and a sell beyond the available base quantity', () => {
    expect(checkPreTrade(entry, { ...open, availableBalance: 1000 }).allowed).toBe(true);
    expect(checkPreTrade(entry, { ...open, availableBalance: 999.99 }).refusal).toMatchObject({ rule: 'available_balance', threshold: 999.99, measured: 1000 });
    expect(checkPreTrade(reduction, { ...open, availableBalance: 0 }).allowed).toBe(true);
    expect(checkPreTrade(reduction, { ...open, availableBaseQuantity: 5 }).allowed).toBe(true);
    expect(checkPreTrade(reduction, { ...open, availableBaseQuantity: 4 }).refusal).toMatchObject({ rule: 'available_balance', threshold: 4, measured: 5 });
    expect(checkPreTrade(entry, { ...open, availableBaseQuantity: 0 }).allowed).toBe(true);
    expect(checkPreTrade(entry, { ...open, availableBalance: Number.NaN }).refusal?.rule).toBe('available_balance');
  });

  it('refuse an order with a non-finite quantity or price as invalid, before any limit', () => {
    const broken = { ...entry, quantity: Number.NaN, notional: Number.NaN };
    expect(checkPreTrade(broken, { ...open, maxNotionalPerOrder: 10 }).refusal?.rule).toBe('invalid_order');
    expect(checkPreTrade({ ...entry, notional: Number.POSITIVE_INFINITY }, open).refusal?.rule).toBe('invalid_order');
    expect(checkPreTrade(broken, { ...open, killSwitchOn: true }).refusal?.rule).toBe('kill_switch');
  });

  it('check the limits in order: notional, allocation, position fraction, balance', () => {
    const all = { ...open, maxNotionalPerOrder: 1, capitalAllocation: 0.01, portfolioEquity: 10, maxPositionFraction: 0.01, availableBalance: 0 };
    expect(checkPreTrade(entry, all).refusal?.rule).toBe('max_notional_per_order');
    expect(checkPreTrade(entry, { ...all, maxNotionalPerOrder: null }).refusal?.rule).toBe('capital_allocation');
    expect(checkPreTrade(entry, { ...all, maxNotionalPerOrder: null, capitalAllocation: null }).refusal?.rule).toBe('max_position_fraction');
    expect(checkPreTrade(entry, { ...all, maxNotionalPerOrder: null, capitalAllocation: null, maxPositionFraction: null }).refusal?.rule).toBe('available_balance');
  });
});

describe('freshness', () => {
  it('is the age of the last closed bar against the limit, stale without a bar or with NaN', () => {
    expect(freshness(1000, 400, 600)).toEqual({ fresh: true, ageMs: 600, maxBarAgeMs: 600 });
    expect(freshness(1001, 400, 600)).toEqual({ fresh: false, ageMs: 601, maxBarAgeMs: 600 });
    expect(freshness(1000, null, 600)).toEqual({ fresh: false, ageMs: Number.POSITIVE_INFINITY, maxBarAgeMs: 600 });
    expect(freshness(Number.NaN, 400, 600).fresh).toBe(false);
    expect(freshness(1000, 400, Number.NaN).fresh).toBe(false);
  });
});

describe('bar validation', () => {
  const bar: ExecutionBar = { time: now - minute, closeTime: now, open: 100, high: 105, low: 99, close: 104, volume: 3 };
  const context: BarValidationContext = { previousBarTime: now - 2 * minute, nowMs: now, clockSkewToleranceMs: 500 };

  it('accepts a well-formed closed bar', () => {
    expect(validateBar(bar, context)).toBeNull();
    expect(validateBar({ ...bar, volume: 0, open: 99, close: 105 }, { ...context, previousBarTime: null })).toBeNull();
  });

  it('refuses a malformed bar with the named rule and field', () => {
    const cases: [Partial<Record<keyof ExecutionBar, unknown>>, string, string][] = [
      [{ close: Number.NaN }, 'bar_not_finite', 'close'],
      [{ high: Number.POSITIVE_INFINITY }, 'bar_not_finite', 'high'],
      [{ time: Number.NaN }, 'bar_not_finite', 'time'],
      [{ volume: '3' }, 'bar_not_finite', 'volume'],
      [{ low: 0 }, 'bar_non_positive_price', 'low'],
      [{ open: -1, low: -2 }, 'bar_non_positive_price', 'open'],
      [{ volume: -1 }, 'bar_negative_volume', 'volume'],
      [{ closeTime: now - minute }, 'bar_close_time', 'closeTime'],
      [{ high: 98 }, 'bar_high_below_low', 'high'],
      [{ open: 106 }, 'bar_price_outside_range', 'open'],
      [{ close: 98.5 }, 'bar_price_outside_range', 'close'],
    ];
    for (const [override, rule, field] of cases) {
      const refusal = validateBar({ ...bar, ...override } as ExecutionBar, context);
      expect([override, refusal?.rule, refusal?.field]).toEqual([override, rule, field]);
      expect(refusal?.reason.length).toBeGreaterThan(10);
    }
  });

  it('refuses a bar out of order (earlier or repeated) against the previous accepted bar', () => {
    expect(validateBar(bar, { ...context, previousBarTime: bar.time })).toMatchObject({ rule: 'bar_out_of_order', field: 'time', threshold: bar.time, measured: bar.time });
    expect(validateBar(bar, { ...context, previousBarTime: bar.time + minute })?.rule).toBe('bar_out_of_order');
  });

  it('refuses a future-dated bar beyond the clock-skew tolerance', () => {
    expect(validateBar(bar, { ...context, nowMs: now - 500 })).toBeNull();
    expect(validateBar(bar, { ...context, nowMs: now - 501 })).toMatchObject({ rule: 'bar_future_dated', field: 'closeTime', threshold: 500, measured: 501 });
    expect(validateBar(bar, { ...context, nowMs: Number.NaN })?.rule).toBe('bar_future_dated');
  });
});
