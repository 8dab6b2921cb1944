import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import type { ExecutionBar } from './execution-bar.ts';
import { assertFillModelConfig, defaultFillModelConfig, venueFeeTiers } from './fill-model-config.ts';
import type { FillModelConfig } from './fill-model-config.ts';
import { fillOrder, limitPriceFor, referencePrice } from './fill-model.ts';

const hour = 3_600_000;
/** Opens at 100, trades 95 … 110, closes at 108; 50 base units traded. */
const bar: ExecutionBar = { time: 0, closeTime: hour, open: 100, high: 110, low: 95, close: 108, volume: 50 };
const market = (overrides: Partial<FillModelConfig> = {}): FillModelConfig =>
  defaultFillModelConfig('binanceus', { slippageBps: 10, takerFeeBps: 10, makerFeeBps: 2, ...overrides });

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof EngineInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('fill model config', () => {
  it('defaults to the venue fee tiers: Binance US 10/10 bps, Coinbase entry tier 120/60 bps', () => {
    expect(defaultFillModelConfig('binanceus')).toMatchObject({ takerFeeBps: 10, makerFeeBps: 10, slippageBps: 5, participationCap: null, latencyMs: 0, orderType: 'market' });
    expect(defaultFillModelConfig('coinbase')).toMatchObject({ takerFeeBps: 120, makerFeeBps: 60 });
    expect(venueFeeTiers.coinbase.source).toMatch(/Coinbase Advanced Trade/);
    // Another Coinbase tier is the account's own fee rates.
    expect(defaultFillModelConfig('coinbase', { takerFeeBps: 75, makerFeeBps: 35 })).toMatchObject({ takerFeeBps: 75, makerFeeBps: 35 });
  });

  it('names the field of every invalid value', () => {
    const valid = defaultFillModelConfig('binanceus');
    const cases: [Partial<Record<keyof FillModelConfig, unknown>>, string][] = [
      [{ slippageBps: -1 }, 'slippageBps'],
      [{ slippageBps: Number.NaN }, 'slippageBps'],
      [{ takerFeeBps: 1001 }, 'takerFeeBps'],
      [{ makerFeeBps: '10' }, 'makerFeeBps'],
      [{ limitOffsetBps: Number.POSITIVE_INFINITY }, 'limitOffsetBps'],
      [{ participationCap: 0 }, 'participationCap'],
      [{ participationCap: 1.5 }, 'participationCap'],
      [{ latencyMs: -5 }, 'latencyMs'],
      [{ latencyMs: 86_400_001 }, 'latencyMs'],
      [{ orderType: 'stop' }, 'orderType'],
      [{ seed: 1.5 }, 'seed'],
      [{ seed: 2 ** 32 }, 'seed'],
    ];
    for (const [override, field] of cases) {
      expect([override, fieldOf(() => assertFillModelConfig({ ...valid, ...override } as FillModelConfig))]).toEqual([override, field]);
    }
    expect(fieldOf(() => assertFillModelConfig(null as unknown as FillModelConfig))).toBe('fillModel');
    expect(fieldOf(() => defaultFillModelConfig('kraken' as 'coinbase'))).toBe('venue');
    expect(() => assertFillModelConfig({ ...valid, participationCap: 1, latencyMs: 86_400_000, seed: 2 ** 32 - 1 })).not.toThrow();
  });
});

describe('market orders', () => {
  it('fill in full at the open moved against the trader by the slippage, paying the taker fee', () => {
    const buy = fillOrder({ side: 'buy', type: 'market', quantity: 2 }, bar, market());
    expect(buy).toMatchObject({ state: 'FILLED', filledQuantity: 2, remainingQuantity: 0, fillRatio: 1, liquidity: 'taker' });
    expect(buy.price).toBeCloseTo(100.1, 12);
    expect(buy.notional).toBeCloseTo(200.2, 12);
    expect(buy.fee).toBeCloseTo(0.2002, 12);
    const sell = fillOrder({ side: 'sell', type: 'market', quantity: 2 }, bar, market());
    expect(sell.price).toBeCloseTo(99.9, 12);
    expect(sell.fee).toBeCloseTo(0.1998, 12);
  });

  it('fill partially under the participation cap: the remainder is CANCELED and the fill ratio recorded', () => {
    // Cap 10 % of 50 units = 5 units; an order of 20 fills 5 (ratio 0.25).
    const partial = fillOrder({ side: 'buy', type: 'market', quantity: 20 }, bar, market({ participationCap: 0.1 }));
    expect(partial).toMatchObject({ state: 'CANCELED', filledQuantity: 5, remainingQuantity: 15, fillRatio: 0.25, liquidity: 'taker' });
    expect(partial.fee).toBeCloseTo(5 * 100.1 * 0.001, 12);
    // Within the cap: filled in full.
    expect(fillOrder({ side: 'buy', type: 'market', quantity: 5 }, bar, market({ participationCap: 0.1 }))).toMatchObject({ state: 'FILLED', fillRatio: 1 });
    // A bar without volume fills nothing under a cap.
    const none = fillOrder({ side: 'sell', type: 'market', quantity: 1 }, { ...bar, volume: 0 }, market({ participationCap: 0.5 }));
    expect(none).toMatchObject({ state: 'CANCELED', filledQuantity: 0, remainingQuantity: 1, fillRatio: 0, price: null, notional: 0, fee: 0, liquidity: null });
  });

  it('moves the price along the open → close path by the latency, capped at the close', () => {
    expect(referencePrice(bar, 0)).toBe(100);
    expect(referencePrice(bar, hour / 4)).toBeCloseTo(102, 12); // a quarter of the way from 100 to 108
    expect(referencePrice(bar, hour)).toBe(108);
    expect(referencePrice(bar, 5 * hour)).toBe(108);
    const late = fillOrder({ side: 'buy', type: 'market', quantity: 1 }, bar, market({ latencyMs: hour / 2, slippageBps: 0 }));
    expect(late.price).toBeCloseTo(104, 12);
  });

  it('refuses a non-positive or non-finite quantity', () => {
    for (const quantity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(fieldOf(() => fillOrder({ side: 'buy', type: 'market', quantity }, bar, market()))).toBe('quantity');
    }
  });
});

describe('limit orders', () => {
  const limitConfig = market({ orderType: 'limit' });

  it('fill at the limit price as maker when the bar reaches it, else EXPIRE', () => {
    const buy = fillOrder({ side: 'buy', type: 'limit', quantity: 3, limitPrice: 96 }, bar, limitConfig);
    expect(buy).toMatchObject({ state: 'FILLED', price: 96, liquidity: 'maker', fillRatio: 1 });
    expect(buy.fee).toBeCloseTo(3 * 96 * 0.0002, 12);
    // Touching the low is enough (low ≤ limit).
    expect(fillOrder({ side: 'buy', type: 'limit', quantity: 3, limitPrice: 95 }, bar, limitConfig)).toMatchObject({ state: 'FILLED', price: 95 });
    expect(fillOrder({ side: 'buy', type: 'limit', quantity: 3, limitPrice: 94.99 }, bar, limitConfig)).toMatchObject({
      state: 'EXPIRED',
      filledQuantity: 0,
      remainingQuantity: 3,
      fillRatio: 0,
      price: null,
    });
    expect(fillOrder({ side: 'sell', type: 'limit', quantity: 3, limitPrice: 110 }, bar, limitConfig)).toMatchObject({ state: 'FILLED', price: 110, liquidity: 'maker' });
    expect(fillOrder({ side: 'sell', type: 'limit', quantity: 3, limitPrice: 110.01 }, bar, limitConfig)).toMatchObject({ state: 'EXPIRED', filledQuantity: 0 });
  });

  it('fill a marketable limit at once as taker, never worse than the limit', () => {
    // Buy limit 105 above the open 100: taker at 100.1 (open + 10 bps).
    const through = fillOrder({ side: 'buy', type: 'limit', quantity: 1, limitPrice: 105 }, bar, limitConfig);
    expect(through).toMatchObject({ state: 'FILLED', liquidity: 'taker' });
    expect(through.price).toBeCloseTo(100.1, 12);
    // Limit at the open: the slipped price would be worse than the limit, so it fills at the limit.
    expect(fillOrder({ side: 'buy', type: 'limit', quantity: 1, limitPrice: 100 }, bar, limitConfig)).toMatchObject({ price: 100, liquidity: 'taker' });
    expect(fillOrder({ side: 'sell', type: 'limit', quantity: 1, limitPrice: 100 }, bar, limitConfig)).toMatchObject({ price: 100, liquidity: 'taker' });
  });

  it('expire the remainder of a capped fill', () => {
    const capped = fillOrder({ side: 'buy', type: 'limit', quantity: 10, limitPrice: 96 }, bar, market({ orderType: 'limit', participationCap: 0.1 }));
    expect(capped).toMatchObject({ state: 'EXPIRED', filledQuantity: 5, remainingQuantity: 5, fillRatio: 0.5, price: 96, liquidity: 'maker' });
  });

  it('rest on the passive side of the reference price by the offset, and need a limit price', () => {
    expect(limitPriceFor('buy', 100, 25)).toBeCloseTo(99.75, 12);
    expect(limitPriceFor('sell', 100, 25)).toBeCloseTo(100.25, 12);
    expect(fieldOf(() => fillOrder({ side: 'buy', type: 'limit', quantity: 1 }, bar, limitConfig))).toBe('limitPrice');
    expect(fieldOf(() => fillOrder({ side: 'buy', type: 'limit', quantity: 1, limitPrice: 0 }, bar, limitConfig))).toBe('limitPrice');
  });
});
