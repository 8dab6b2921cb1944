import { EngineInputError } from '../errors/engine-input-error.ts';
import type { OrderIntent } from './order-intents.ts';

/**
 * The state of one deployment's account between bars (immutable; every step returns a new one).
 *
 * - `initialEquity`: starting capital, quote currency.
 * - `cash`: quote currency (may dip below 0 by the costs of a full-equity buy, as in the backtest).
 * - `quantity`: signed base units held (negative = short).
 * - `targetInForce`: the target weight of the last order placed (the backtest's "target in force"); a new order is sized
 *   only when a decision's target differs from it. An order refused by the pre-trade checks does NOT put its target in
 *   force, so the next bar sizes a fresh order; a placed order does, whatever its fill — a partial fill's remainder is
 *   never re-ordered.
 * - `averageEntryPrice`: quantity-weighted fill price of the open position (quote per base unit; 0 when flat). A flip
 *   opens the new side at the flip's price.
 * - `realizedPnl`: cumulative realized P&L NET of every fee, quote currency (average-cost method), so that
 *   `equity = initialEquity + realizedPnl + unrealizedPnl` (up to rounding).
 * - `fees`: cumulative fees paid, quote currency.
 * - `equity`: equity at the last mark (`initialEquity` before the first), quote currency.
 * - `peakEquity`: highest marked equity, starting capital included (drawdown reference).
 * - `lastBarTime`: open time (ms) of the last accepted bar, null before the first.
 * - `liquidated`: the account hit equity ≤ 0 and stays flat at 0 (the backtest's liquidation rule).
 */
export interface DeploymentAccount {
  readonly initialEquity: number;
  readonly cash: number;
  readonly quantity: number;
  readonly targetInForce: number;
  readonly averageEntryPrice: number;
  readonly realizedPnl: number;
  readonly fees: number;
  readonly equity: number;
  readonly peakEquity: number;
  readonly lastBarTime: number | null;
  readonly liquidated: boolean;
}

/**
 * The P&L mark of one bar, at its close.
 *
 * - `time` / `closeTime`: the bar's open and close times, ms since the epoch.
 * - `closePrice`: quote per base unit.
 * - `equity`: `cash + quantity × close`, quote currency (0 once liquidated).
 * - `returnFraction`: `equity / previous equity − 1` (the backtest's per-bar return; −1 on liquidation, 0 after).
 * - `realizedPnl` (net of fees), `unrealizedPnl` (`quantity × (close − averageEntryPrice)`), `fees`: cumulative, quote.
 * - `drawdown`: `equity / peakEquity − 1`, a fraction ≤ 0.
 * - `exposure`: signed position value over equity, `quantity × close / equity` (0 when equity is 0), fraction.
 * - `quantity`: signed base units held; `position`: the target weight in force (the backtest's `position[t]`).
 */
export interface EquityMark {
  readonly time: number;
  readonly closeTime: number;
  readonly closePrice: number;
  readonly equity: number;
  readonly returnFraction: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly fees: number;
  readonly drawdown: number;
  readonly exposure: number;
  readonly quantity: number;
  readonly position: number;
}

/**
 * A forced close: equity reached ≤ 0 at the bar's `open` (before any fill) or its `close`. The position (`quantity`,
 * signed base units before the close) is closed at `price` without fee and the account stays flat at equity 0 — the
 * backtest's rule (no losses beyond the account); a spot account cannot get there, a leveraged or short one can.
 */
export interface Liquidation {
  readonly at: 'open' | 'close';
  readonly price: number;
  readonly quantity: number;
}

/** What {@link applyFill} needs of a fill: base units filled (≥ 0), average price (quote per base) and fee (quote). */
export interface AppliedFill {
  readonly filledQuantity: number;
  readonly price: number | null;
  readonly fee: number;
}

/**
 * A fresh, flat account with `initialEquity` in cash.
 *
 * @throws EngineInputError('initialEquity') unless finite and > 0.
 */
export function makeDeploymentAccount(initialEquity: number): DeploymentAccount {
  if (!(initialEquity > 0 && initialEquity < Number.POSITIVE_INFINITY)) throw new EngineInputError('initialEquity', 'initialEquity must be a finite number > 0');
  return {
    initialEquity,
    cash: initialEquity,
    quantity: 0,
    targetInForce: 0,
    averageEntryPrice: 0,
    realizedPnl: 0,
    fees: 0,
    equity: initialEquity,
    peakEquity: initialEquity,
    lastBarTime: null,
    liquidated: false,
  };
}

/**
 * The account after an order placed for `intent` (sized from this account) filled `fill.filledQuantity` at
 * `fill.price` paying `fill.fee`: `cash −= signed quantity × price + fee` — the backtest's cash arithmetic, bit for bit
 * when the order fills in full (then `quantity` becomes exactly `intent.targetQuantity`). The intent's target weight
 * is put in force whatever the fill (the order was placed). Works for simulated fills and a venue's reported fills.
 *
 * @throws EngineInputError('filledQuantity') for a negative, non-finite or over-full quantity, ('price') for a
 *   missing or non-positive price when something filled.
 */
export function applyFill(account: DeploymentAccount, intent: OrderIntent, fill: AppliedFill): DeploymentAccount {
  const filled = fill.filledQuantity;
  if (!(filled >= 0 && filled <= intent.quantity)) throw new EngineInputError('filledQuantity', 'filledQuantity must be between 0 and the order quantity');
  if (filled === 0) return withTargetInForce(account, intent.targetWeight);
  const price = fill.price;
  if (price === null || !(price > 0 && price < Number.POSITIVE_INFINITY)) throw new EngineInputError('price', 'a fill needs a finite price > 0');
  const before = account.quantity;
  const change = intent.side === 'buy' ? filled : -filled;
  const quantity = filled === intent.quantity ? intent.targetQuantity : before + change;
  const fee = fill.fee;
  let averageEntryPrice = account.averageEntryPrice;
  let realizedGross = 0;
  if (before === 0 || before > 0 === change > 0) {
    const held = Math.abs(before);
    averageEntryPrice = before === 0 ? price : (held * averageEntryPrice + filled * price) / (held + filled);
  } else {
    const closed = Math.min(filled, Math.abs(before));
    realizedGross = (before > 0 ? price - averageEntryPrice : averageEntryPrice - price) * closed;
    if (filled > Math.abs(before)) averageEntryPrice = price;
    else if (quantity === 0) averageEntryPrice = 0;
  }
  const cash = account.cash - (change * price + fee);
  const realizedPnl = account.realizedPnl + realizedGross - fee;
  return accountState(account, cash, quantity, intent.targetWeight, averageEntryPrice, realizedPnl, account.fees + fee, account.equity, account.peakEquity, account.lastBarTime, false);
}

/** The account with `targetWeight` in force and nothing else changed (an order of size 0, or one that filled nothing). */
export function withTargetInForce(account: DeploymentAccount, targetWeight: number): DeploymentAccount {
  if (account.targetInForce === targetWeight) return account;
  return accountState(
    account,
    account.cash,
    account.quantity,
    targetWeight,
    account.averageEntryPrice,
    account.realizedPnl,
    account.fees,
    account.equity,
    account.peakEquity,
    account.lastBarTime,
    account.liquidated,
  );
}

/** The account closed out (no fee) and floored at equity 0, flat for good; `lastBarTime` = the liquidation bar's open. */
export function liquidateAccount(account: DeploymentAccount, barTime: number): DeploymentAccount {
  return accountState(account, 0, 0, 0, 0, -account.initialEquity, account.fees, 0, account.peakEquity, barTime, true);
}

/**
 * A new account object with every field written out in one order (one hidden class, no object spread: the step runs
 * millions of times in a simulation). `initialEquity` is carried over.
 */
function accountState(
  account: DeploymentAccount,
  cash: number,
  quantity: number,
  targetInForce: number,
  averageEntryPrice: number,
  realizedPnl: number,
  fees: number,
  equity: number,
  peakEquity: number,
  lastBarTime: number | null,
  liquidated: boolean,
): DeploymentAccount {
  return { initialEquity: account.initialEquity, cash, quantity, targetInForce, averageEntryPrice, realizedPnl, fees, equity, peakEquity, lastBarTime, liquidated };
}

/** Result of {@link markAccount}: the marked account, the mark, and the liquidation at the close if there was one. */
export interface MarkedAccount {
  readonly account: DeploymentAccount;
  readonly mark: EquityMark;
  readonly liquidation: Liquidation | null;
}

/**
 * Mark the account at the bar's close: `equity = cash + quantity × close` (the backtest's mark). Equity ≤ 0 liquidates
 * at the close (see {@link Liquidation}); a liquidated account marks 0 with return 0. Sets `lastBarTime` to the bar's.
 */
export function markAccount(account: DeploymentAccount, bar: { readonly time: number; readonly closeTime: number; readonly close: number }): MarkedAccount {
  if (account.liquidated) {
    const next = account.lastBarTime === bar.time ? account : liquidateAccount(account, bar.time);
    return { account: next, mark: makeMark(next, bar, 0, 0), liquidation: null };
  }
  const equity = account.cash + account.quantity * bar.close;
  if (equity <= 0) {
    const liquidation: Liquidation | null = account.quantity !== 0 ? { at: 'close', price: bar.close, quantity: account.quantity } : null;
    const next = liquidateAccount(account, bar.time);
    // The bar's position is still the target in force during it (the backtest's position[t]); the return is −1.
    return { account: next, mark: makeMark(next, bar, -1, account.targetInForce), liquidation };
  }
  const peakEquity = equity > account.peakEquity ? equity : account.peakEquity;
  const next = accountState(account, account.cash, account.quantity, account.targetInForce, account.averageEntryPrice, account.realizedPnl, account.fees, equity, peakEquity, bar.time, false);
  return { account: next, mark: makeMark(next, bar, equity / account.equity - 1, next.targetInForce), liquidation: null };
}

/** The mark of a bar liquidated at its open: equity 0, return −1 (the backtest's rule). */
export function markLiquidatedAtOpen(account: DeploymentAccount, bar: { readonly time: number; readonly closeTime: number; readonly close: number }): EquityMark {
  return makeMark(account, bar, -1, 0);
}

function makeMark(
  account: DeploymentAccount,
  bar: { readonly time: number; readonly closeTime: number; readonly close: number },
  returnFraction: number,
  position: number,
): EquityMark {
  const equity = account.liquidated ? 0 : account.equity;
  const quantity = account.quantity;
  return {
    time: bar.time,
    closeTime: bar.closeTime,
    closePrice: bar.close,
    equity,
    returnFraction,
    realizedPnl: account.realizedPnl,
    unrealizedPnl: quantity === 0 ? 0 : quantity * (bar.close - account.averageEntryPrice),
    fees: account.fees,
    drawdown: equity / account.peakEquity - 1,
    exposure: equity > 0 ? (quantity * bar.close) / equity : 0,
    quantity,
    position,
  };
}
