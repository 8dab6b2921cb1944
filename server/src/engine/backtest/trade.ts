/**
 * One round trip: opened when the position leaves flat (or flips side), closed when it returns to
 * flat (or flips). Resizes in between add to the entry or exit side.
 *
 * - `entryTime`/`exitTime`: ms since epoch (UTC) of the OPEN of the fill bar; `exitTime` null while open.
 * - `entryPrice`/`exitPrice`: quantity-weighted average fill price INCLUDING slippage (quote currency).
 * - `quantity`: total base units entered (Σ |entry fills|), always positive; `side` gives the direction.
 * - `fee`: all fees paid by the trade's fills (quote currency).
 * - `profit`: realized P&L net of fees and slippage (quote currency); null while open.
 * - `returnFraction`: `profit / entry notional` (fraction); null while open.
 */
export interface Trade {
  entryTime: number;
  exitTime: number | null;
  side: 'long' | 'short';
  entryPrice: number;
  exitPrice: number | null;
  quantity: number;
  fee: number;
  profit: number | null;
  returnFraction: number | null;
}

/**
 * Per-TRADE win rate: closed trades with `profit > 0` over closed trades (open trades ignored).
 * No closed trade → `NaN`. Fraction. (Complements the per-period `calculateWinRate`.)
 */
export function calculateTradeWinRate(trades: readonly Trade[]): number {
  let closed = 0;
  let wins = 0;
  for (const trade of trades) {
    if (trade.profit === null) continue;
    closed++;
    if (trade.profit > 0) wins++;
  }
  return closed === 0 ? Number.NaN : wins / closed;
}
