import type { ExecutionBar } from '../../engine/index.ts';

/**
 * A bar as a feed delivers it: the engine's {@link ExecutionBar} (open time and close time in ms since the epoch,
 * prices in quote per base, volume in base units) plus when it reached us.
 */
export interface FeedBar extends ExecutionBar {
  /** Platform-clock time the bar was received, ms since the epoch. */
  readonly receivedAtMs: number;
}

/**
 * Where a deployment's bars come from: a replay of a stored dataset (`ReplayFeed`) or live polling of an exchange
 * (`LiveFeed`). Both answer the same question, so the runner does not know which one it reads.
 */
export interface MarketFeed {
  /**
   * Bars opened after `afterMs` (exclusive; null = from the feed's start), oldest first, at most `limit`, that are
   * closed at market time `nowMs` (close time ≤ nowMs; null = every bar, a replay as fast as possible). A bar still
   * forming (open ≤ nowMs < close) is not returned yet; a bar that opens after `nowMs` is returned, so the runner
   * refuses it as future-dated (clock skew) instead of waiting for it forever.
   * @throws VenueUnavailableError (live) when the exchange cannot be read.
   */
  barsAfter(afterMs: number | null, nowMs: number | null, limit: number): Promise<FeedBar[]>;
}

/** True when a feed should hand `bar` to the runner at market time `nowMs` (see {@link MarketFeed.barsAfter}). */
export function isDeliverable(bar: { time: number; closeTime: number }, nowMs: number | null): boolean {
  return nowMs === null || bar.closeTime <= nowMs || bar.time > nowMs;
}
