import { EngineInputError } from '../errors/engine-input-error.ts';
import { affordableBuyQuantity } from './cash-floor.ts';
import type { OrderSide } from './fill-model.ts';

/**
 * Why an order exists: `rebalance` (the strategy's target changed; the backtest's only kind of fill) or `flatten` (the
 * manual action that closes the position). Part of the client order id, so both at the same bar get distinct ids.
 */
export type IntentKind = 'rebalance' | 'flatten';

/**
 * A target to act on at the open of the bar after the one that decided it.
 *
 * - `targetWeight`: signed fraction of equity (`1` fully long, `0` flat, `−1` fully short), as `template.computeTargets`
 *   writes it; must be 0 for `flatten`.
 * - `decisionTime`: OPEN time (ms since the epoch) of the bar whose CLOSE decided the target — the frame timestamp of
 *   the row that wrote it; part of the client order id.
 */
export interface DeploymentDecision {
  readonly targetWeight: number;
  readonly decisionTime: number;
  readonly kind: IntentKind;
}

/** What sizing needs of an account: `cash` in quote currency and the signed held `quantity` in base units. */
export interface PositionHolding {
  readonly cash: number;
  readonly quantity: number;
}

/**
 * An order the decision path wants, before pre-trade checks.
 *
 * - `side`, `quantity`: base units to trade, > 0 (`|targetQuantity − currentQuantity|`).
 * - `currentQuantity` / `targetQuantity`: signed base units held before / after a full fill.
 * - `targetWeight`: the decided fraction of equity; `decisionTime`, `kind`: as {@link DeploymentDecision}.
 * - `referencePrice`: the price the order was sized at (the bar's open), quote per base unit.
 * - `equityAtOpen`: `cash + currentQuantity × referencePrice`, quote currency.
 * - `notional`: `quantity × referencePrice`, quote currency (before slippage and fees).
 * - `reducesExposure`: true when the order only shrinks the position toward flat without crossing it
 *   (`|target| < |current|`, same sign or flat) — the only orders a REDUCING deployment may place.
 * - `cashCap`: set when {@link capBuyToCash} reduced a buy so that cash stays ≥ 0 after the fill: the quantity the
 *   target asked for (base units), the worst-case fill price it was capped at (quote per base unit, slippage
 *   included), the fee rate (fraction of notional) and the cash available (quote currency). Absent otherwise.
 */
export interface OrderIntent {
  readonly kind: IntentKind;
  readonly decisionTime: number;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly currentQuantity: number;
  readonly targetQuantity: number;
  readonly targetWeight: number;
  readonly referencePrice: number;
  readonly equityAtOpen: number;
  readonly notional: number;
  readonly reducesExposure: boolean;
  readonly cashCap?: { readonly requestedQuantity: number; readonly unitPrice: number; readonly feeRate: number; readonly cash: number };
}

/**
 * A buy reduced to what `cash` pays after the worst-case fill price the fill model allows (`unitPrice`, slippage
 * included) and the fee (`feeRate`): quantity `min(intent.quantity, affordableBuyQuantity(cash, unitPrice, feeRate))`,
 * target quantity, notional and `reducesExposure` recomputed, `cashCap` recording what was asked. A sell, or a buy cash
 * pays in full, is returned unchanged. The quantity may come out 0 (no cash): the caller refuses such an order.
 */
export function capBuyToCash(intent: OrderIntent, cash: number, unitPrice: number, feeRate: number): OrderIntent {
  if (intent.side !== 'buy') return intent;
  const affordable = affordableBuyQuantity(cash, unitPrice, feeRate);
  if (intent.quantity <= affordable) return intent;
  const targetQuantity = intent.currentQuantity + affordable;
  const current = intent.currentQuantity;
  return {
    ...intent,
    quantity: affordable,
    targetQuantity,
    notional: affordable * intent.referencePrice,
    reducesExposure: targetQuantity * current >= 0 && Math.abs(targetQuantity) < Math.abs(current),
    cashCap: { requestedQuantity: intent.quantity, unitPrice, feeRate, cash },
  };
}

/**
 * Size the order that moves `holding` to `decision.targetWeight` of its equity at `price` (the bar's open), with the
 * backtest's arithmetic (`simulateTargets`, DESIGN.md §4): `E = cash + quantity·price`,
 * `targetQuantity = targetWeight·E / price`, order = `targetQuantity − quantity`. Returns null when that difference is
 * 0 (nothing to trade). Whether the target differs from the one in force is the caller's test (the step's).
 *
 * @throws EngineInputError('price') unless the price is finite and > 0, ('targetWeight') for a non-finite target or a
 *   `flatten` with a non-zero one, ('decisionTime') for a non-finite time.
 */
export function sizeOrderIntent(holding: PositionHolding, decision: DeploymentDecision, price: number): OrderIntent | null {
  if (!(price > 0 && price < Number.POSITIVE_INFINITY)) throw new EngineInputError('price', 'the sizing price must be a finite number > 0');
  const targetWeight = decision.targetWeight;
  if (!Number.isFinite(targetWeight)) throw new EngineInputError('targetWeight', `target at ${decision.decisionTime} is not a finite number`);
  if (decision.kind === 'flatten' && targetWeight !== 0) throw new EngineInputError('targetWeight', 'a flatten decision has target 0');
  if (!Number.isFinite(decision.decisionTime)) throw new EngineInputError('decisionTime', 'decisionTime must be a time in ms since the epoch');
  const quantity = holding.quantity;
  const equityAtOpen = holding.cash + quantity * price;
  const targetQuantity = (targetWeight * equityAtOpen) / price;
  const change = targetQuantity - quantity;
  if (change === 0) return null;
  const size = Math.abs(change);
  return {
    kind: decision.kind,
    decisionTime: decision.decisionTime,
    side: change > 0 ? 'buy' : 'sell',
    quantity: size,
    currentQuantity: quantity,
    targetQuantity,
    targetWeight,
    referencePrice: price,
    equityAtOpen,
    notional: size * price,
    reducesExposure: targetQuantity * quantity >= 0 && Math.abs(targetQuantity) < Math.abs(quantity),
  };
}
