import type { Trade } from './trade.ts';

/**
 * Why a round trip ended (DESIGN.md §4 semantics; templates emit targets, not orders, so the reason is read off the
 * path):
 * - `signal`: the target went back to flat and the position was closed at the next open;
 * - `reversal`: the target flipped side; the same fill closed this trade and opened the next one;
 * - `liquidation`: equity reached 0 and the account was liquidated (no fee);
 * - `open`: still open after the last bar (no exit).
 */
export type TradeExitReason = 'signal' | 'reversal' | 'liquidation' | 'open';

/**
 * The exit reason of each trade, in the order given. `trades` are a simulation's trades (entry order); `timestamp` and
 * `equity` are the frame's bar open times (ms) and the simulation's equity at each close: a trade that ended on a bar
 * whose equity is exactly 0 was liquidated. Pure, O(trades · log bars).
 */
export function calculateTradeExitReasons(trades: readonly Trade[], timestamp: Float64Array, equity: Float64Array): TradeExitReason[] {
  return trades.map((trade, index) => {
    if (trade.exitTime === null) return 'open';
    const next = trades[index + 1];
    if (next && next.entryTime === trade.exitTime && next.side !== trade.side) return 'reversal';
    const bar = findBar(timestamp, trade.exitTime);
    return bar >= 0 && equity[bar] === 0 ? 'liquidation' : 'signal';
  });
}

/** Index of the bar opening at `time`, or −1. */
function findBar(timestamp: Float64Array, time: number): number {
  let low = 0;
  let high = timestamp.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (timestamp[middle] === time) return middle;
    if (timestamp[middle] < time) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
