import { freshness } from './freshness.ts';
import type { OrderIntent } from './order-intents.ts';
import type { Refusal } from './refusal.ts';

/**
 * Trading state of a deployment, or of the whole platform (NautilusTrader's semantics, `docs/concepts/execution.md`):
 * `ACTIVE` trades normally; `REDUCING` places only orders that reduce exposure (and cancels); `HALTED` places no new
 * orders (cancels still allowed).
 */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/**
 * Pre-trade rules, checked in this order (the first that fails refuses the order):
 * 1. `kill_switch` — on refuses every order, whatever the stage, approval or state (it wins over everything).
 * 2. `trading_state` — HALTED refuses every order; REDUCING refuses any order that does not reduce exposure.
 * 3. `freshness` — the last closed bar is older than `maxBarAgeMs` (stale data → no order).
 * 4. `invalid_order` — the order's quantity, reference price or notional is not a finite number > 0 (e.g. an account
 *    whose cash went NaN); checked before the limits so that such an order is never reported as a limit breach.
 * 5. `max_notional_per_order` — the order's notional at the reference price exceeds the limit (every order).
 * 6. `capital_allocation` — the position after the order would exceed the deployment's share of the portfolio.
 * 7. `max_position_fraction` — the position after the order would exceed this fraction of the deployment's equity.
 * 8. `available_balance` — a buy's notional exceeds the quote balance available, or a sell's quantity the base held.
 * Rules 6 and 7 apply only to orders that do not reduce exposure (a reduction never breaches a limit further).
 */
export type PreTradeRule =
  | 'kill_switch'
  | 'trading_state'
  | 'freshness'
  | 'invalid_order'
  | 'max_notional_per_order'
  | 'capital_allocation'
  | 'max_position_fraction'
  | 'available_balance';

/** A refused order: rule, threshold, measured value (units in {@link PreTradeLimits}) and reason. */
export type PreTradeRefusal = Refusal<PreTradeRule>;

/** The outcome of the pre-trade checks: allowed, or refused with the first failing rule. */
export type PreTradeVerdict = { readonly allowed: true; readonly refusal: null } | { readonly allowed: false; readonly refusal: PreTradeRefusal };

/**
 * Risk limits of a deployment; `null` switches a limit off.
 *
 * - `maxNotionalPerOrder`: largest order notional, quote currency (`intent.notional`, at the reference price).
 * - `capitalAllocation`: the deployment's capital allocation as a fraction of the portfolio, in (0, 1]; the position
 *   after the order as a fraction of the portfolio, `|targetQuantity| × referencePrice / portfolioEquity`, may not
 *   exceed it (threshold and measured value are both fractions of the portfolio).
 * - `portfolioEquity`: equity of the whole portfolio, quote currency (needed when `capitalAllocation` is set; null,
 *   NaN or ≤ 0 then refuses — fail closed).
 * - `maxPositionFraction`: largest `|targetQuantity| × referencePrice / equityAtOpen` (gross leverage of the
 *   deployment), fraction.
 * - `availableBalance`: quote currency free to spend; a buy's notional (at the reference price) may not exceed it.
 * - `availableBaseQuantity`: base units free to sell (spot: the held quantity); a sell's quantity may not exceed it.
 *   Optional; absent or null = sells are not balance-checked.
 */
export interface PreTradeLimits {
  readonly maxNotionalPerOrder: number | null;
  readonly capitalAllocation: number | null;
  readonly portfolioEquity: number | null;
  readonly maxPositionFraction: number | null;
  readonly availableBalance: number | null;
  readonly availableBaseQuantity?: number | null;
}

/**
 * Everything the checks read besides the intent.
 *
 * - `killSwitchOn`: the global or strategy kill switch (either one on → true).
 * - `tradingState`: the stricter of the deployment's and the global trading state.
 * - `nowMs`, `lastBarCloseMs`, `maxBarAgeMs`: the freshness gate (see `freshness`), ms.
 */
export interface PreTradeContext extends PreTradeLimits {
  readonly killSwitchOn: boolean;
  readonly tradingState: TradingState;
  readonly nowMs: number;
  readonly lastBarCloseMs: number | null;
  readonly maxBarAgeMs: number;
}

/**
 * Relative slack on the numeric limits: an order sized to exactly a limit (e.g. a full-equity target against
 * `maxPositionFraction = 1`, or against the cash it was sized from) passes despite the rounding of the sizing arithmetic.
 */
export const limitTolerance = 1e-9;

const allowed: PreTradeVerdict = Object.freeze({ allowed: true, refusal: null });

/**
 * Run the pre-trade checks on one intent, in the order of {@link PreTradeRule}. Pure; every comparison fails closed
 * (a NaN measured value or threshold refuses).
 */
export function checkPreTrade(intent: OrderIntent, context: PreTradeContext): PreTradeVerdict {
  if (context.killSwitchOn !== false) {
    return refuse('kill_switch', 'off', 'on', 'the kill switch is on: no order may reach a broker (cancels only)');
  }
  const state = context.tradingState;
  if (state !== 'ACTIVE') {
    if (state !== 'REDUCING') {
      return refuse('trading_state', 'ACTIVE', String(state), `trading state is ${String(state)}: no new orders (cancels still allowed)`);
    }
    if (!intent.reducesExposure) {
      return refuse(
        'trading_state',
        'REDUCING',
        'increases exposure',
        `trading state is REDUCING: only orders that reduce exposure are allowed, and this ${intent.side} takes the position from ${intent.currentQuantity} to ${intent.targetQuantity}`,
      );
    }
  }
  const data = freshness(context.nowMs, context.lastBarCloseMs, context.maxBarAgeMs);
  if (!data.fresh) {
    return refuse('freshness', context.maxBarAgeMs, data.ageMs, `market data is stale: the last bar closed ${data.ageMs} ms ago, the limit is ${context.maxBarAgeMs} ms`);
  }
  if (!(intent.quantity > 0 && intent.referencePrice > 0 && intent.notional > 0 && intent.notional < Number.POSITIVE_INFINITY)) {
    return refuse(
      'invalid_order',
      'a finite quantity and price > 0',
      `quantity ${intent.quantity} at ${intent.referencePrice}`,
      `the order is not valid: quantity ${intent.quantity} at price ${intent.referencePrice} (both must be finite numbers > 0)`,
    );
  }
  if (context.maxNotionalPerOrder !== null && exceeds(intent.notional, context.maxNotionalPerOrder)) {
    return refuse(
      'max_notional_per_order',
      context.maxNotionalPerOrder,
      intent.notional,
      `the order's notional ${intent.notional} exceeds the limit of ${context.maxNotionalPerOrder} per order`,
    );
  }
  if (!intent.reducesExposure) {
    const positionNotional = Math.abs(intent.targetQuantity) * intent.referencePrice;
    if (context.capitalAllocation !== null) {
      const portfolioEquity = context.portfolioEquity ?? Number.NaN;
      const share = portfolioEquity > 0 ? positionNotional / portfolioEquity : Number.POSITIVE_INFINITY;
      if (exceeds(share, context.capitalAllocation)) {
        return refuse(
          'capital_allocation',
          context.capitalAllocation,
          share,
          `the position after the order, ${positionNotional} in quote currency, would be ${share} of the portfolio equity ${portfolioEquity}, above the deployment's capital allocation of ${context.capitalAllocation}`,
        );
      }
    }
    if (context.maxPositionFraction !== null) {
      const fraction = positionNotional / intent.equityAtOpen;
      const measured = intent.equityAtOpen > 0 ? fraction : Number.POSITIVE_INFINITY;
      if (exceeds(measured, context.maxPositionFraction)) {
        return refuse(
          'max_position_fraction',
          context.maxPositionFraction,
          measured,
          `the position after the order would be ${measured} of the deployment's equity, above the limit of ${context.maxPositionFraction}`,
        );
      }
    }
  }
  if (intent.side === 'buy') {
    if (context.availableBalance !== null && exceeds(intent.notional, context.availableBalance)) {
      return refuse(
        'available_balance',
        context.availableBalance,
        intent.notional,
        `the buy needs ${intent.notional} in quote currency, only ${context.availableBalance} is available`,
      );
    }
  } else {
    const base = context.availableBaseQuantity;
    if (base !== undefined && base !== null && exceeds(intent.quantity, base)) {
      return refuse('available_balance', base, intent.quantity, `the sell needs ${intent.quantity} base units, only ${base} are available`);
    }
  }
  return allowed;
}

/** True unless `measured ≤ threshold` within {@link limitTolerance} (NaN on either side → true). */
function exceeds(measured: number, threshold: number): boolean {
  return !(measured <= threshold + Math.abs(threshold) * limitTolerance);
}

function refuse(rule: PreTradeRule, threshold: number | string, measured: number | string, reason: string): PreTradeVerdict {
  return { allowed: false, refusal: { rule, threshold, measured, reason } };
}
