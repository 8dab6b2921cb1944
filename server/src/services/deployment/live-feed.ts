import type { Venue } from '../../domain/deployment/venue.ts';
import { isDeliverable, type FeedBar, type MarketFeed } from './market-feed.ts';

/**
 * Bars of `symbol` at `timeframe` polled from an exchange through its {@link Venue}'s `fetchOHLCV` (ccxt). Every
 * bar is stamped with `receivedAtMs`, the platform clock when the answer arrived. The exchange's values are passed on
 * as they are (NaN, a repeat, an earlier bar): the runner validates each bar and refuses and records a bad one.
 */
export class LiveFeed implements MarketFeed {
  private readonly venue: Venue;
  private readonly symbol: string;
  private readonly timeframe: string;
  private readonly barMs: number;
  private readonly now: () => number;

  constructor(venue: Venue, symbol: string, timeframe: string, barMs: number, now: () => number) {
    this.venue = venue;
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.barMs = barMs;
    this.now = now;
  }

  async barsAfter(afterMs: number | null, nowMs: number | null, limit: number): Promise<FeedBar[]> {
    // From the bar after the last one taken (bars open on the timeframe's boundaries).
    const since = afterMs === null ? (nowMs ?? this.now()) - limit * this.barMs : afterMs + this.barMs;
    const rows = await this.venue.fetchOHLCV(this.symbol, this.timeframe, since, limit);
    const receivedAtMs = this.now();
    const bars: FeedBar[] = [];
    for (const row of rows) {
      const bar = { time: row.openTimeMs, closeTime: row.openTimeMs + this.barMs, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, receivedAtMs };
      // A bar at or before the cursor is passed on too: the runner refuses it as out of order and records it.
      if (isDeliverable(bar, nowMs)) bars.push(bar);
    }
    return bars.slice(0, limit);
  }
}
