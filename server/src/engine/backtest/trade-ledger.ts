import type { Trade } from './trade.ts';

/**
 * Builds the trade list from fills (internal to the simulator). A fill that crosses zero is split
 * into a closing part (ends the current trade) and an opening part (starts a new one); fees are
 * split in proportion to quantity.
 */
export class TradeLedger {
  readonly trades: Trade[] = [];
  private openSide: 'long' | 'short' | null = null;
  private entryTime = 0;
  private entryQuantity = 0;
  private entryNotional = 0;
  private exitQuantity = 0;
  private exitNotional = 0;
  private fee = 0;

  /**
   * Record a fill that moves the held quantity from `previousQuantity` to `nextQuantity` (signed
   * base units) at `fillPrice` (slippage included), paying `feeRate × notional`.
   */
  recordFill(time: number, previousQuantity: number, nextQuantity: number, fillPrice: number, feeRate: number): void {
    const crosses = previousQuantity !== 0 && (nextQuantity === 0 || previousQuantity > 0 !== nextQuantity > 0);
    if (crosses) {
      this.addExit(Math.abs(previousQuantity), fillPrice, feeRate);
      this.close(time);
      if (nextQuantity !== 0) this.open(time, nextQuantity, fillPrice, feeRate);
      return;
    }
    if (previousQuantity === 0) {
      if (nextQuantity !== 0) this.open(time, nextQuantity, fillPrice, feeRate);
      return;
    }
    const change = Math.abs(nextQuantity) - Math.abs(previousQuantity);
    if (change > 0) this.addEntry(change, fillPrice, feeRate);
    else if (change < 0) this.addExit(-change, fillPrice, feeRate);
  }

  /** Append the still-open trade (if any) with null exit fields; call once after the last bar. */
  finish(): readonly Trade[] {
    if (this.openSide !== null) {
      this.trades.push(new LedgerTrade(this.entryTime, null, this.openSide, this.entryNotional / this.entryQuantity, null, this.entryQuantity, this.fee, null, null));
      this.openSide = null;
    }
    return this.trades;
  }

  private open(time: number, quantity: number, fillPrice: number, feeRate: number): void {
    this.openSide = quantity > 0 ? 'long' : 'short';
    this.entryTime = time;
    this.entryQuantity = 0;
    this.entryNotional = 0;
    this.exitQuantity = 0;
    this.exitNotional = 0;
    this.fee = 0;
    this.addEntry(Math.abs(quantity), fillPrice, feeRate);
  }

  private addEntry(quantity: number, fillPrice: number, feeRate: number): void {
    const notional = quantity * fillPrice;
    this.entryQuantity += quantity;
    this.entryNotional += notional;
    this.fee += notional * feeRate;
  }

  private addExit(quantity: number, fillPrice: number, feeRate: number): void {
    const notional = quantity * fillPrice;
    this.exitQuantity += quantity;
    this.exitNotional += notional;
    this.fee += notional * feeRate;
  }

  private close(time: number): void {
    const side = this.openSide ?? 'long';
    const gross = side === 'long' ? this.exitNotional - this.entryNotional : this.entryNotional - this.exitNotional;
    const profit = gross - this.fee;
    this.trades.push(
      new LedgerTrade(this.entryTime, time, side, this.entryNotional / this.entryQuantity, this.exitNotional / this.exitQuantity, this.entryQuantity, this.fee, profit, profit / this.entryNotional),
    );
    this.openSide = null;
  }
}

/**
 * A {@link Trade} as the ledger records it: an instance of a class rather than an object literal, so its allocations
 * carry no allocation site — V8 pretenures a literal's site whose objects survived a scavenge (a backtest's trades do
 * while the backtest runs), and then every later trade of every backtest is allocated in the old generation and freed
 * by full collections. Same own fields, same values as the literal; no methods.
 */
class LedgerTrade implements Trade {
  readonly entryTime: number;
  readonly exitTime: number | null;
  readonly side: 'long' | 'short';
  readonly entryPrice: number;
  readonly exitPrice: number | null;
  readonly quantity: number;
  readonly fee: number;
  readonly profit: number | null;
  readonly returnFraction: number | null;

  constructor(
    entryTime: number,
    exitTime: number | null,
    side: 'long' | 'short',
    entryPrice: number,
    exitPrice: number | null,
    quantity: number,
    fee: number,
    profit: number | null,
    returnFraction: number | null,
  ) {
    this.entryTime = entryTime;
    this.exitTime = exitTime;
    this.side = side;
    this.entryPrice = entryPrice;
    this.exitPrice = exitPrice;
    this.quantity = quantity;
    this.fee = fee;
    this.profit = profit;
    this.returnFraction = returnFraction;
  }
}
