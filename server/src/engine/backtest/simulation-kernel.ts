import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { affordableBuyQuantity } from '../execution/cash-floor.ts';
import type { BacktestOptions } from './backtest-options.ts';
import type { TradeLedger } from './trade-ledger.ts';

/** What a simulation leaves besides its per-bar series (see {@link simulateIntoSeries}). */
export interface SimulationTotals {
  /** Σ |traded notional| / equity at the fill (one full-size round trip = 2). */
  turnover: number;
  /** Trades opened (a fill leaving flat or crossing zero), the last one possibly still open: the ledger's trade count. */
  tradeCount: number;
  /** Bars with a non-zero position in force. */
  exposedBars: number;
}

/**
 * The one implementation of the simulation of DESIGN.md §4 (see `simulateTargets` for the rules), writing equity,
 * returns and position into caller-provided arrays (length ≥ `frame.length`, every entry below `frame.length`
 * written) and reporting each fill to `ledger` when one is given. Options and lengths are checked by the callers.
 *
 * The bar loop runs call-free while nothing happens (no fill, no liquidation) and hands a bar with an event to the
 * general step, so the optimizing compiler keeps the arrays' checks out of the loop.
 *
 * @throws EngineInputError('targets') for a NaN target that would be filled.
 */
export function simulateIntoSeries(
  frame: BarFrame,
  targets: Float64Array,
  options: BacktestOptions,
  equity: Float64Array,
  returns: Float64Array,
  position: Float64Array,
  ledger: TradeLedger | null,
): SimulationTotals {
  const length = frame.length;
  const initialEquity = options.initialEquity ?? 1;
  const feeRate = options.feeBps / 10_000;
  const slippageRate = options.slippageBps / 10_000;
  const cashFloor = options.cashFloor === true;
  const open = frame.open;
  const close = frame.close;
  const timestamp = frame.timestamp;
  let cash = initialEquity;
  let quantity = 0;
  let targetInForce = 0;
  let previousEquity = initialEquity;
  let turnover = 0;
  let tradeCount = 0;
  let exposedBars = 0;
  let liquidated = false;
  // bar 0 never trades
  let index = 0;
  while (index < length) {
    if (index > 0) {
      // Quiet bars: the target in force stays, no liquidation. Same arithmetic as the general step below.
      const quietStart = index;
      if (quantity === 0 && cash === previousEquity && cash > 0) {
        // Flat (about half a backtest's bars): the mark `cash + 0·close` is `cash` and the return `cash / cash − 1` is 0,
        // so only the target is read.
        for (; index < length; index++) {
          if (targets[index - 1] !== targetInForce) break;
          position[index] = targetInForce;
          equity[index] = cash;
          returns[index] = 0;
        }
      } else {
        for (; index < length; index++) {
          if (targets[index - 1] !== targetInForce) break;
          if (quantity !== 0 && cash + quantity * open[index] <= 0) break;
          const markedEquity = cash + quantity * close[index];
          if (markedEquity <= 0) break;
          position[index] = targetInForce;
          equity[index] = markedEquity;
          returns[index] = markedEquity / previousEquity - 1;
          previousEquity = markedEquity;
        }
      }
      // the position is the same over the whole quiet stretch: count its bars once
      if (targetInForce !== 0) exposedBars += index - quietStart;
      if (index >= length) break;
    }
    // The general step of bar `index`: liquidation at the open, fill, mark, liquidation at the close.
    if (index > 0) {
      const target = targets[index - 1];
      if (quantity !== 0 && cash + quantity * open[index] <= 0) {
        ledger?.recordFill(timestamp[index], quantity, 0, open[index], 0);
        liquidated = true;
        equity[index] = 0;
        returns[index] = -1;
        position[index] = 0;
        index++;
        break;
      }
      if (target !== targetInForce) {
        if (target !== target) throw new EngineInputError('targets', `target at bar ${index - 1} is NaN`);
        const price = open[index];
        const equityAtOpen = cash + quantity * price;
        let nextQuantity = (target * equityAtOpen) / price;
        let change = nextQuantity - quantity;
        const fillPrice = change > 0 ? price * (1 + slippageRate) : price * (1 - slippageRate);
        // With the cash floor a buy takes no more than cash pays after slippage and fee (the deployment's fill path,
        // `affordableBuyQuantity`); nothing affordable → no trade and the old target stays in force (as a refused order).
        const affordable = cashFloor && change > 0 ? affordableBuyQuantity(cash, fillPrice, feeRate) : change;
        if (affordable > 0 || change <= 0) {
          if (change > affordable) {
            change = affordable;
            nextQuantity = quantity + affordable;
          }
          const notional = Math.abs(change) * fillPrice;
          cash -= change * fillPrice + notional * feeRate;
          turnover += notional / equityAtOpen;
          if (nextQuantity !== 0 && (quantity === 0 || quantity > 0 !== nextQuantity > 0)) tradeCount++;
          ledger?.recordFill(timestamp[index], quantity, nextQuantity, fillPrice, feeRate);
          quantity = nextQuantity;
          targetInForce = target;
        }
      }
    }
    position[index] = targetInForce;
    if (targetInForce !== 0) exposedBars++;
    let markedEquity = cash + quantity * close[index];
    if (markedEquity <= 0) {
      if (quantity !== 0) ledger?.recordFill(timestamp[index], quantity, 0, close[index], 0);
      liquidated = true;
      markedEquity = 0;
    }
    equity[index] = markedEquity;
    returns[index] = markedEquity / previousEquity - 1;
    previousEquity = markedEquity;
    index++;
    if (liquidated) break;
  }
  if (liquidated) {
    // flat at equity 0 from then on
    equity.fill(0, index, length);
    returns.fill(0, index, length);
    position.fill(0, index, length);
  }
  return { turnover, tradeCount, exposedBars };
}
