import { EngineInputError } from '../errors/engine-input-error.ts';

/** How a deployment's orders are placed: `market` (taker, fills at the bar's open ± slippage) or `limit` (resting). */
export type OrderType = 'market' | 'limit';

/** A venue with documented default fees: Binance US (ccxt id `binanceus`) or Coinbase Advanced Trade (`coinbase`). */
export type ExecutionVenue = 'binanceus' | 'coinbase';

/**
 * The simulated-fill assumptions of one deployment (SHADOW fills, PAPER matching). Every field is required; build one
 * with {@link defaultFillModelConfig} and check raw input with {@link assertFillModelConfig}.
 *
 * - `slippageBps`: adverse price move of a taker fill in basis points of the reference price (buys at `p·(1 + s)`,
 *   sells at `p·(1 − s)`), exactly the backtest's `slippageBps`; [0, 1000].
 * - `takerFeeBps`: fee of a taker fill (market orders, marketable limits) in bps of filled notional; [0, 1000].
 * - `makerFeeBps`: fee of a maker fill (a resting limit order crossed by the bar) in bps of filled notional; [0, 1000].
 * - `participationCap`: largest fraction of the bar's base volume one order may take (LEAN's VolumeShareSlippageModel
 *   idea; our bars have no order book), in (0, 1]; `null` = no cap (every order fills in full, as the backtest).
 * - `latencyMs`: decision-to-order latency in ms (NautilusTrader's `StaticLatencyModel` idea), [0, 86 400 000]; see
 *   `fillOrder` for how it moves the price.
 * - `orderType`: `market` or `limit`.
 * - `limitOffsetBps`: for `limit` orders, how far from the reference price the limit rests, in bps, on the passive
 *   side (buys below, sells above); [0, 1000]. Ignored for market orders.
 * - `seed`: 32-bit unsigned seed of the model's random choices. The current model draws none (every fill is a
 *   deterministic function of order, bar and config); the seed is part of the config so that a stochastic element
 *   added later stays reproducible per deployment.
 */
export interface FillModelConfig {
  readonly slippageBps: number;
  readonly takerFeeBps: number;
  readonly makerFeeBps: number;
  readonly participationCap: number | null;
  readonly latencyMs: number;
  readonly orderType: OrderType;
  readonly limitOffsetBps: number;
  readonly seed: number;
}

/** A venue's default fee tier in basis points of filled notional, with the source of the figures. */
export interface VenueFeeTier {
  readonly takerFeeBps: number;
  readonly makerFeeBps: number;
  /** Where the figures come from. */
  readonly source: string;
}

/**
 * Default fee tier per venue.
 *
 * - Binance US: 10 bps taker / 10 bps maker (0.1 % / 0.1 %), the default; the same figures as ccxt 4.5
 *   `binanceus.describe().fees.trading` (`taker: 0.001, maker: 0.001`).
 * - Coinbase Advanced Trade: fees are tiered by trailing 30-day USD volume (maker–taker model: help.coinbase.com,
 *   "Coinbase Advanced fees"). The default is the entry tier (30-day volume below $1,000): 120 bps taker / 60 bps maker
 *   (1.20 % / 0.60 %), the figures ccxt 4.5.84 uses as `coinbase` defaults, quoting the Advanced Trade API's fee tier
 *   `{"pricing_tier":"Advanced 1","usd_from":"0","usd_to":"1000","taker_fee_rate":"0.012","maker_fee_rate":"0.006"}`.
 *   An account in a higher tier passes its own `takerFeeBps` / `makerFeeBps` (the API's `fee_tier` rates × 10⁴).
 */
export const venueFeeTiers: Readonly<Record<ExecutionVenue, VenueFeeTier>> = Object.freeze({
  binanceus: Object.freeze({ takerFeeBps: 10, makerFeeBps: 10, source: 'Binance US 0.1 % / 0.1 % (issue 11 default; ccxt binanceus fees.trading)' }),
  coinbase: Object.freeze({
    takerFeeBps: 120,
    makerFeeBps: 60,
    source: 'Coinbase Advanced Trade entry tier, 30-day volume < $1,000: 1.20 % taker / 0.60 % maker (ccxt 4.5.84 coinbase fees.trading)',
  }),
});

/**
 * Slippage assumed when none is given, in bps: 5, the platform's backtest default (`domain/backtest/trading-costs.ts`),
 * so a deployment's fills start from the same costs as its backtests.
 */
export const defaultFillSlippageBps = 5;

/**
 * A complete fill-model config for a venue: its default fee tier ({@link venueFeeTiers}), slippage
 * {@link defaultFillSlippageBps}, no participation cap, no latency, market orders, limit offset 0, seed 0 —
 * then `overrides` on top. The result is checked by {@link assertFillModelConfig}.
 *
 * @throws EngineInputError('venue') for an unknown venue, or naming the bad field.
 */
export function defaultFillModelConfig(venue: ExecutionVenue, overrides: Partial<FillModelConfig> = {}): FillModelConfig {
  const tier = venueFeeTiers[venue];
  if (tier === undefined) throw new EngineInputError('venue', `venue must be one of ${Object.keys(venueFeeTiers).join(', ')}`);
  const config: FillModelConfig = Object.freeze({
    slippageBps: defaultFillSlippageBps,
    takerFeeBps: tier.takerFeeBps,
    makerFeeBps: tier.makerFeeBps,
    participationCap: null,
    latencyMs: 0,
    orderType: 'market',
    limitOffsetBps: 0,
    seed: 0,
    ...overrides,
  });
  assertFillModelConfig(config);
  return config;
}

/** Largest basis-point figure accepted (10 %), the platform's bound on backtest fees and slippage. */
const maxBps = 1000;
/** Longest latency accepted: one day in ms. */
const maxLatencyMs = 86_400_000;

/**
 * Check a fill-model config (raw input included: any missing or mistyped field is named).
 *
 * @throws EngineInputError naming the field: `slippageBps`, `takerFeeBps`, `makerFeeBps`, `limitOffsetBps` (finite,
 *   0 … 1000), `participationCap` (null or in (0, 1]), `latencyMs` (finite, 0 … 86 400 000), `orderType`
 *   (`market` | `limit`), `seed` (integer 0 … 2³² − 1).
 */
export function assertFillModelConfig(config: FillModelConfig): void {
  if (typeof config !== 'object' || config === null) throw new EngineInputError('fillModel', 'the fill model config must be an object');
  for (const field of ['slippageBps', 'takerFeeBps', 'makerFeeBps', 'limitOffsetBps'] as const) {
    const value = config[field];
    if (typeof value !== 'number' || !(value >= 0 && value <= maxBps)) {
      throw new EngineInputError(field, `${field} must be a number of basis points between 0 and ${maxBps}`);
    }
  }
  const cap = config.participationCap;
  if (cap !== null && (typeof cap !== 'number' || !(cap > 0 && cap <= 1))) {
    throw new EngineInputError('participationCap', 'participationCap must be null (no cap) or a fraction of the bar volume in (0, 1]');
  }
  if (typeof config.latencyMs !== 'number' || !(config.latencyMs >= 0 && config.latencyMs <= maxLatencyMs)) {
    throw new EngineInputError('latencyMs', `latencyMs must be a number of milliseconds between 0 and ${maxLatencyMs}`);
  }
  if (config.orderType !== 'market' && config.orderType !== 'limit') {
    throw new EngineInputError('orderType', "orderType must be 'market' or 'limit'");
  }
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffff_ffff) {
    throw new EngineInputError('seed', 'seed must be an integer between 0 and 4294967295');
  }
}
