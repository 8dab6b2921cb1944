import { EngineInputError } from '../errors/engine-input-error.ts';
import type { ExecutionBar } from './execution-bar.ts';
import type { FillModelConfig, OrderType } from './fill-model-config.ts';

/** Order side: `buy` raises the held base quantity, `sell` lowers it. */
export type OrderSide = 'buy' | 'sell';

/** Who provided liquidity: `taker` (market orders, marketable limits) or `maker` (a resting limit crossed by the bar). */
export type Liquidity = 'maker' | 'taker';

/**
 * Final state of a simulated order after its bar (the order-state names of the deployment runtime):
 * - `FILLED`: the whole quantity filled.
 * - `CANCELED`: a market order (immediate-or-cancel) whose remainder could not fill within the participation cap; it
 *   passed through `PARTIALLY_FILLED` when `filledQuantity > 0` (fill ratio recorded, remainder never retried).
 * - `EXPIRED`: a limit order not (fully) filled by the end of its bar (time in force = one bar), with or without a
 *   partial fill.
 */
export type FillState = 'FILLED' | 'CANCELED' | 'EXPIRED';

/**
 * An order handed to the fill model.
 *
 * - `quantity`: base units to trade, > 0.
 * - `limitPrice`: quote per base unit, > 0; required for `limit`, ignored for `market`.
 */
export interface SimulatedOrder {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly limitPrice?: number;
}

/**
 * What one order did against one bar.
 *
 * - `filledQuantity` / `remainingQuantity`: base units (sum = order quantity).
 * - `fillRatio`: `filledQuantity / quantity`, in [0, 1].
 * - `price`: the fill price in quote per base unit (slippage included), null when nothing filled.
 * - `notional`: `filledQuantity × price` in quote currency (0 when nothing filled).
 * - `fee`: `feeBps/10⁴ × notional` in quote currency, maker or taker rate by `liquidity`.
 * - `feeRate`: the fee as a fraction of notional (`feeBps/10⁴`).
 * - `liquidity`: null when nothing filled.
 */
export interface FillResult {
  readonly state: FillState;
  readonly filledQuantity: number;
  readonly remainingQuantity: number;
  readonly fillRatio: number;
  readonly price: number | null;
  readonly notional: number;
  readonly fee: number;
  readonly feeRate: number;
  readonly liquidity: Liquidity | null;
}

/**
 * Fill one order against one closed bar (SHADOW fills and PAPER matching: one model). Deterministic.
 *
 * **Reference price (latency).** With `latencyMs = 0` the order meets the market at the bar's OPEN — the first tradable
 * price after the decision, the backtest's fill price (DESIGN.md §4; LEAN's default fill model and Jesse also fill bars
 * at the open/order price). With latency, the order reaches the venue `latencyMs` after the open (NautilusTrader's
 * `StaticLatencyModel` delays each command by a fixed latency, `crates/execution/src/models/latency.rs`). A bar does not
 * say where the price was inside it, so we ASSUME a straight path from open to close: the reference price is
 * `open + (close − open)·min(1, latencyMs / (closeTime − time))`, capped at the close (a latency of a bar or more fills
 * at the close). The participation cap still applies to the whole bar's volume (a simplification).
 *
 * **Market orders** (taker): fill at the reference price moved against the trader by `slippageBps` — buys at
 * `p·(1 + s)`, sells at `p·(1 − s)` — exactly the backtest's fill price with `latencyMs = 0`. Fee = `takerFeeBps/10⁴ ×`
 * filled notional (the backtest's `feeBps`). Freqtrade's dry run, Hummingbot's paper trade and LEAN fill in full;
 * NautilusTrader fills partially against its book. Our bars have no book, so a participation cap (LEAN's
 * VolumeShareSlippageModel idea) limits one order to `participationCap × volume` base units: a larger order fills
 * PARTIALLY and its remainder is CANCELED (immediate-or-cancel; the clarification: partial fills are accepted,
 * the fill ratio is recorded, the remainder is never retried). A zero-volume bar fills nothing under a cap.
 *
 * **Limit orders**: a buy whose limit is at or above the reference price (sell: at or below) is marketable and fills
 * at once as a taker at the slipped reference price, never worse than the limit (Coinbase "Advanced fees": an order
 * filled immediately from the book pays the taker rate; Freqtrade converts a limit far through the spread into a market
 * order). Otherwise the order rests and fills AT the limit price as a maker when the bar's range reaches it — buy when
 * `low ≤ limit`, sell when `high ≥ limit` (Jesse and Hummingbot fill at the limit once the price crosses it; LEAN's
 * FillModel uses a strict `low < limit`; NautilusTrader fills resting limits as maker). We assume the bar's whole range
 * happens after the order arrives (optimistic by at most the latency). Not reached → EXPIRED at the end of the bar; a
 * capped partial fill also EXPIRES its remainder. Fee = `makerFeeBps/10⁴ ×` notional for maker fills.
 *
 * @param bar a bar that passed `validateBar` (finite, positive prices, `low ≤ open, close ≤ high`, `closeTime > time`).
 * @param config a config that passed `assertFillModelConfig` (not re-checked here: this is the hot path).
 * @throws EngineInputError('quantity') unless the quantity is finite and > 0, ('limitPrice') for a limit order without
 *   a finite positive limit price.
 */
export function fillOrder(order: SimulatedOrder, bar: ExecutionBar, config: FillModelConfig): FillResult {
  const quantity = order.quantity;
  if (!(quantity > 0 && quantity < Number.POSITIVE_INFINITY)) throw new EngineInputError('quantity', 'the order quantity must be a finite number > 0');
  const buy = order.side === 'buy';
  const reference = referencePrice(bar, config.latencyMs);
  const slippageRate = config.slippageBps / 10_000;
  const takerPrice = buy ? reference * (1 + slippageRate) : reference * (1 - slippageRate);
  const capacity = config.participationCap === null ? Number.POSITIVE_INFINITY : config.participationCap * bar.volume;
  if (order.type === 'market') return makeFill(quantity, capacity, takerPrice, config.takerFeeBps / 10_000, 'taker', 'CANCELED');
  const limit = order.limitPrice;
  if (limit === undefined || !(limit > 0 && limit < Number.POSITIVE_INFINITY)) {
    throw new EngineInputError('limitPrice', 'a limit order needs a finite limit price > 0');
  }
  if (buy ? limit >= reference : limit <= reference) {
    const price = buy ? Math.min(takerPrice, limit) : Math.max(takerPrice, limit);
    return makeFill(quantity, capacity, price, config.takerFeeBps / 10_000, 'taker', 'EXPIRED');
  }
  if (buy ? bar.low <= limit : bar.high >= limit) return makeFill(quantity, capacity, limit, config.makerFeeBps / 10_000, 'maker', 'EXPIRED');
  return makeFill(quantity, 0, limit, config.makerFeeBps / 10_000, 'maker', 'EXPIRED');
}

/**
 * The price an order meets in a bar after `latencyMs`: the open, or the straight open→close path at
 * `min(1, latencyMs / (closeTime − time))` (see {@link fillOrder}). Quote per base unit.
 */
export function referencePrice(bar: ExecutionBar, latencyMs: number): number {
  if (latencyMs === 0) return bar.open;
  const fraction = Math.min(1, latencyMs / (bar.closeTime - bar.time));
  return fraction === 1 ? bar.close : bar.open + (bar.close - bar.open) * fraction;
}

/**
 * The limit price of a passive order `limitOffsetBps` away from a reference price: buys `p·(1 − o)`, sells
 * `p·(1 + o)`, in quote per base unit.
 */
export function limitPriceFor(side: OrderSide, reference: number, limitOffsetBps: number): number {
  const offset = limitOffsetBps / 10_000;
  return side === 'buy' ? reference * (1 - offset) : reference * (1 + offset);
}

function makeFill(quantity: number, capacity: number, price: number, feeRate: number, liquidity: Liquidity, unfilledState: FillState): FillResult {
  const filledQuantity = quantity <= capacity ? quantity : capacity;
  if (filledQuantity === quantity) {
    const notional = quantity * price;
    return { state: 'FILLED', filledQuantity, remainingQuantity: 0, fillRatio: 1, price, notional, fee: notional * feeRate, feeRate, liquidity };
  }
  if (filledQuantity > 0) {
    const notional = filledQuantity * price;
    return {
      state: unfilledState,
      filledQuantity,
      remainingQuantity: quantity - filledQuantity,
      fillRatio: filledQuantity / quantity,
      price,
      notional,
      fee: notional * feeRate,
      feeRate,
      liquidity,
    };
  }
  return { state: unfilledState, filledQuantity: 0, remainingQuantity: quantity, fillRatio: 0, price: null, notional: 0, fee: 0, feeRate, liquidity: null };
}
