import { timeframeMilliseconds, type Timeframe } from '../../engine/bars/timeframe.ts';
import type { Clock } from '../clock.ts';
import type { Venue, VenueOhlcvBar } from '../../domain/deployment/venue.ts';

/** A closed bar from a live venue: its event time is its close time; `receivedAt` is when this poll read it. */
export interface PolledBar {
  /** Bar open time (UTC). */
  openTime: Date;
  /** Bar close time = open time + the timeframe: the bar's event time. */
  closeTime: Date;
  /** Prices in quote currency per base unit. */
  open: number;
  high: number;
  low: number;
  close: number;
  /** Traded volume, base units. */
  volume: number;
  /** Clock time the poll received it. */
  receivedAt: Date;
}

/** A bar the poller will not pass on, with the rule it broke (recorded by the runner as a data-integrity event). */
export interface RefusedBar {
  /** The bar's open time as the venue gave it, ms since the epoch. */
  openTimeMs: number;
  rule: 'malformed' | 'misaligned' | 'out-of-order' | 'future-dated';
  detail: string;
}

/** One poll: the new closed bars, oldest first, and the refused ones. */
export interface OhlcvPoll {
  bars: PolledBar[];
  refused: RefusedBar[];
}

/** What the poller needs. `lastBarOpenTime`: open time (ms) of the last bar already received, null for none. */
export interface OhlcvPollerOptions {
  venue: Pick<Venue, 'fetchOHLCV'>;
  symbol: string;
  timeframe: Timeframe;
  clock: Clock;
  lastBarOpenTime: number | null;
  /** With no bar received yet: open time (ms) of the first bar wanted (e.g. the warm-up start); default the last `limit` bars. */
  firstBarOpenTime?: number;
  /** Bars asked per poll (Coinbase serves at most 300). Default 300. */
  limit?: number;
}

/**
 * Live bars from an exchange by polling `fetchOHLCV` from the bar after the last one received (ccxt `since`). Each
 * poll passes on only CLOSED bars (close time ≤ clock now; the forming bar is left for a later poll) that are new
 * (open time after the last one), well-formed (finite prices, low ≤ open, close ≤ high, volume ≥ 0) and aligned to
 * the timeframe; a bar from the future (clock skew) or out of order is refused, never traded on. The caller decides
 * when to poll (no timer here) and measures freshness from the last bar's close time.
 */
export class OhlcvPoller {
  readonly #options: OhlcvPollerOptions;
  readonly #timeframeMs: number;
  #lastBarOpenTime: number | null;

  constructor(options: OhlcvPollerOptions) {
    this.#options = options;
    this.#timeframeMs = timeframeMilliseconds(options.timeframe);
    this.#lastBarOpenTime = options.lastBarOpenTime;
  }

  /** Open time (ms) of the last bar passed on, null before the first. */
  get lastBarOpenTime(): number | null {
    return this.#lastBarOpenTime;
  }

  /** Fetches from the bar after the last one received. @throws the connector's typed errors (nothing is consumed then). */
  async poll(): Promise<OhlcvPoll> {
    const { venue, symbol, timeframe, clock, limit } = this.#options;
    const now = clock.now().getTime();
    const count = limit ?? 300;
    const since =
      this.#lastBarOpenTime !== null
        ? this.#lastBarOpenTime + this.#timeframeMs
        : (this.#options.firstBarOpenTime ?? Math.floor(now / this.#timeframeMs) * this.#timeframeMs - (count - 1) * this.#timeframeMs);
    const rows = await venue.fetchOHLCV(symbol, timeframe, since, count);
    const receivedAt = new Date(now);
    const bars: PolledBar[] = [];
    const refused: RefusedBar[] = [];
    for (const row of rows) {
      const refusal = this.#refusal(row, now);
      if (refusal) {
        refused.push(refusal);
        continue;
      }
      if (this.#lastBarOpenTime !== null && row.openTimeMs === this.#lastBarOpenTime) continue;
      if (row.openTimeMs + this.#timeframeMs > now) continue;
      bars.push({
        openTime: new Date(row.openTimeMs),
        closeTime: new Date(row.openTimeMs + this.#timeframeMs),
        open: row.open,
        high: row.high,
        low: row.low,
        close: row.close,
        volume: row.volume,
        receivedAt,
      });
      this.#lastBarOpenTime = row.openTimeMs;
    }
    return { bars, refused };
  }

  #refusal(row: VenueOhlcvBar, now: number): RefusedBar | null {
    const { openTimeMs, open, high, low, close, volume } = row;
    if (![openTimeMs, open, high, low, close, volume].every(Number.isFinite)) {
      return { openTimeMs, rule: 'malformed', detail: `non-finite field in [${openTimeMs}, ${open}, ${high}, ${low}, ${close}, ${volume}]` };
    }
    if (!(low <= Math.min(open, close) && high >= Math.max(open, close) && low > 0 && volume >= 0)) {
      return { openTimeMs, rule: 'malformed', detail: `inconsistent bar: open ${open}, high ${high}, low ${low}, close ${close}, volume ${volume}` };
    }
    if (openTimeMs % this.#timeframeMs !== 0) return { openTimeMs, rule: 'misaligned', detail: `open time ${openTimeMs} is not on a ${this.#options.timeframe} boundary` };
    if (openTimeMs > now) return { openTimeMs, rule: 'future-dated', detail: `opens at ${new Date(openTimeMs).toISOString()}, after the clock's ${new Date(now).toISOString()}` };
    if (this.#lastBarOpenTime !== null && openTimeMs < this.#lastBarOpenTime) {
      return { openTimeMs, rule: 'out-of-order', detail: `opens before the last bar received (${new Date(this.#lastBarOpenTime).toISOString()})` };
    }
    return null;
  }
}
