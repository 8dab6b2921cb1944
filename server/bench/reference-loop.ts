import type { BacktestOptions, BarFrame } from '../src/engine/index.ts';

/** What the reference loop leaves behind (so the work cannot be optimized away). */
export interface ReferenceLoopResult {
  finalEquity: number;
  sumOfReturns: number;
  fills: number;
}

/**
 * The bench's yardstick (issue 10 item 10): the tightest single-configuration SMA-crossover backtest written by hand,
 * with the engine's semantics — trailing window sums updated incrementally, the decision at the CLOSE of bar t
 * (fast mean > slow mean → long, else flat), the fill at the OPEN of bar t + 1 with slippage and fee on the traded
 * notional, quantity-based equity marked at each close, per-bar returns accumulated. No trade list, no metrics, no
 * exact-tie resolution, no liquidation: the floor any engine path should be measured against.
 */
export function runReferenceLoop(frame: BarFrame, fast: number, slow: number, options: BacktestOptions): ReferenceLoopResult {
  const open = frame.open;
  const close = frame.close;
  const length = frame.length;
  const feeRate = options.feeBps / 10_000;
  const buyFactor = 1 + options.slippageBps / 10_000;
  const sellFactor = 1 - options.slippageBps / 10_000;
  let cash = options.initialEquity ?? 1;
  let quantity = 0;
  let inForce = 0;
  let decided = 0;
  let previousEquity = cash;
  let sumOfReturns = 0;
  let fills = 0;
  let fastSum = 0;
  let slowSum = 0;
  for (let index = 0; index < length; index++) {
    if (decided !== inForce) {
      const price = open[index];
      const nextQuantity = (decided * (cash + quantity * price)) / price;
      const change = nextQuantity - quantity;
      const fillPrice = change > 0 ? price * buyFactor : price * sellFactor;
      cash -= change * fillPrice + Math.abs(change) * fillPrice * feeRate;
      quantity = nextQuantity;
      inForce = decided;
      fills++;
    }
    const price = close[index];
    const equity = cash + quantity * price;
    sumOfReturns += equity / previousEquity - 1;
    previousEquity = equity;
    fastSum += price;
    slowSum += price;
    if (index >= fast) fastSum -= close[index - fast];
    if (index >= slow) slowSum -= close[index - slow];
    decided = index >= slow - 1 && fastSum * slow > slowSum * fast ? 1 : 0;
  }
  return { finalEquity: previousEquity, sumOfReturns, fills };
}
