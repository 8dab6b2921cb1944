import type { EntityManager } from '@mikro-orm/postgresql';
import { isDeliverable, type FeedBar, type MarketFeed } from './market-feed.ts';

/** First page of a paced replay's read, rows: a paced job finds a bar or two closed; a catch-up reads on in larger pages. */
const pacedPageRows = 8;

/**
 * Replays a stored dataset's bars (`market_bar`) in time order, from `fromMs` to `untilMs` (open times, inclusive;
 * null = the dataset's ends), each closing `barMs` after its open. Reads inside `em`'s transaction; every bar is
 * "received" at `receivedAtMs` (the platform clock of the job that reads it). NaN prices stored in the dataset are
 * delivered as they are (the runner refuses such a bar).
 */
export class ReplayFeed implements MarketFeed {
  private readonly em: EntityManager;
  private readonly dataSetId: string;
  private readonly barMs: number;
  private readonly bounds: { fromMs: number | null; untilMs: number | null };
  private readonly receivedAtMs: number;
  /** What the last `barsAfter` saw beyond the bars it returned: the open time of the next bar after `afterMs`, or null at the end. */
  private lookahead: { afterMs: number | null; next: number | null } | null = null;

  constructor(em: EntityManager, dataSetId: string, barMs: number, bounds: { fromMs: number | null; untilMs: number | null }, receivedAtMs: number) {
    this.em = em;
    this.dataSetId = dataSetId;
    this.barMs = barMs;
    this.bounds = bounds;
    this.receivedAtMs = receivedAtMs;
  }

  async barsAfter(afterMs: number | null, nowMs: number | null, limit: number): Promise<FeedBar[]> {
    // One read serves both questions of a job: the bars to process, and when the next one is due (the row after them).
    // A paced replay reads in small pages (a job usually finds one closed bar and the forming one after it); reading
    // `limit + 1` rows there would move most of the dataset per bar. As fast as possible reads one page of `limit + 1`.
    const bars: FeedBar[] = [];
    let next: number | null = null;
    let lower = afterMs ?? (this.bounds.fromMs === null ? null : this.bounds.fromMs - 1);
    let page = nowMs === null ? limit + 1 : Math.min(limit + 1, pacedPageRows);
    for (;;) {
      const rows = await this.rowsAfter(lower, page);
      let stopped = false;
      for (const row of rows) {
        const bar = { time: row.t, closeTime: row.t + this.barMs, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, receivedAtMs: this.receivedAtMs };
        if (bars.length < limit && isDeliverable(bar, nowMs)) bars.push(bar);
        else {
          next = row.t;
          stopped = true;
          break;
        }
      }
      if (stopped || rows.length < page) break;
      lower = rows[rows.length - 1]!.t;
      page = Math.min(limit + 1, page * 4);
    }
    this.lookahead = { afterMs: bars.length > 0 ? bars[bars.length - 1]!.time : afterMs, next };
    return bars;
  }

  /** Up to `rows` bars opened after `lowerMs` (null = from the start) within the upper bound, oldest first. */
  private rowsAfter(lowerMs: number | null, rows: number) {
    return this.em.execute<{ t: number; open: number; high: number; low: number; close: number; volume: number }[]>(
      `select (extract(epoch from "timestamp") * 1000)::float8 as t, open, high, low, close, volume
         from market_bar
        where dataset_id = ?
          and (?::float8 is null or "timestamp" > to_timestamp(?::float8 / 1000))
          and (?::float8 is null or "timestamp" <= to_timestamp(?::float8 / 1000))
        order by "timestamp" limit ?`,
      [this.dataSetId, lowerMs, lowerMs, this.bounds.untilMs, this.bounds.untilMs, rows],
    );
  }

  /** Open time of the first bar after `afterMs` within the bounds, or null at the end of the dataset. */
  async nextBarTime(afterMs: number | null): Promise<number | null> {
    if (this.lookahead && this.lookahead.afterMs === afterMs) return this.lookahead.next;
    const lower = afterMs ?? (this.bounds.fromMs === null ? null : this.bounds.fromMs - 1);
    const [row] = await this.em.execute<{ t: number | null }[]>(
      `select (extract(epoch from min("timestamp")) * 1000)::float8 as t from market_bar
        where dataset_id = ? and (?::float8 is null or "timestamp" > to_timestamp(?::float8 / 1000))
          and (?::float8 is null or "timestamp" <= to_timestamp(?::float8 / 1000))`,
      [this.dataSetId, lower, lower, this.bounds.untilMs, this.bounds.untilMs],
    );
    return row?.t ?? null;
  }
}
