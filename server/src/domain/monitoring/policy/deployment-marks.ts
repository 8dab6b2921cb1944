import type { RegimeBand } from '../../../engine/index.ts';
import type { DeploymentStage } from '../../deployment/deployment-stage.lifecycle.ts';

/** One UTC day in ms. */
export const millisecondsPerDay = 86_400_000;

/**
 * What monitoring reads of one deployment: its P&L marks (`pnl_snapshot`: equity at each bar's close, keyed by the
 * bar's open time) since it entered its current stage, and the context the rules need. Drawdowns, returns and daily
 * returns are derived from `equity` with the engine's definitions, never read from elsewhere.
 */
export interface DeploymentMarks {
  deploymentId: string;
  stage: DeploymentStage;
  /** Bar length of the deployment's feed, ms (e.g. 3 600 000 for 1h). */
  barDurationMs: number;
  /**
   * The deployment's freshness limit (`limits.maxBarAgeMs`, the column the runtime's freshness gate reads), ms of market
   * time from the last bar's close to the clock's now. The `dataIntegrity` rule's stale feed / missing mark is the
   * runtime's own verdict (`freshness`) with this limit — one definition, one limit.
   */
  maxBarAgeMs: number;
  /** Open time of each marked bar (ms since epoch, UTC), strictly increasing; the same clock as the basket's bars. */
  timestamp: Float64Array;
  /** Equity at the marked bar's close, quote currency (`cash + quantity × close`). */
  equity: Float64Array;
  /** The backtest's expected annualized Sharpe of daily returns (√365, rf = 0); null when none is known. */
  expectedSharpe: number | null;
  /** Volatility regime band of the deployment's instrument at the last mark (engine regimes); null = not labelled. */
  regimeBand: RegimeBand | null;
  /** Data-integrity events of the runtime (stale_feed, clock_skew, out_of_order_bar, invalid_bar, feed_gap) during the data-integrity window. */
  dataIntegrityEvents: number;
}

/** Index of the last entry of `times` that is ≤ `time`, or −1 (binary search; `times` strictly increasing). */
export function indexAtOrBefore(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= time) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Per-mark returns `equity[k] / equity[k − 1] − 1` for k in `(start, end]`, fractions (length end − start). */
export function returnsBetween(equity: Float64Array, start: number, end: number): Float64Array {
  const returns = new Float64Array(Math.max(0, end - start));
  returnsBetweenInto(equity, start, end, returns);
  return returns;
}

/** {@link returnsBetween} written into `output[0 .. end − start)` (length ≥ end − start); returns the count. */
export function returnsBetweenInto(equity: Float64Array, start: number, end: number, output: Float64Array): number {
  for (let k = start + 1; k <= end; k++) output[k - start - 1] = equity[k] / equity[k - 1] - 1;
  return Math.max(0, end - start);
}

/** Scratch of {@link dailyReturnsBetween} (one allocation per call: the result, of its exact length). */
let dailyScratch = new Float64Array(256);

/**
 * Daily returns from the marks `[start, end]`: the equity at the last mark of each UTC day (by bar open time) over
 * the previous day's, the first base being `equity[start]`; the day of `start` contributes only marks after it.
 * Fractions, one per UTC day that has a mark after `start` (the day in progress included).
 */
export function dailyReturnsBetween(timestamp: Float64Array, equity: Float64Array, start: number, end: number): Float64Array {
  if (dailyScratch.length < end - start) dailyScratch = new Float64Array(Math.max(end - start, 2 * dailyScratch.length));
  return dailyScratch.slice(0, dailyReturnsBetweenInto(timestamp, equity, start, end, dailyScratch));
}

/** {@link dailyReturnsBetween} written into `output` (length ≥ end − start); returns the number of daily returns. */
export function dailyReturnsBetweenInto(timestamp: Float64Array, equity: Float64Array, start: number, end: number, output: Float64Array): number {
  let count = 0;
  let base = equity[start];
  let day = start + 1 <= end ? Math.floor(timestamp[start + 1] / millisecondsPerDay) : 0;
  for (let k = start + 1; k <= end; k++) {
    const nextDay = k === end ? Number.NaN : Math.floor(timestamp[k + 1] / millisecondsPerDay);
    const last = k === end || nextDay !== day;
    day = nextDay;
    if (!last) continue;
    output[count++] = equity[k] / base - 1;
    base = equity[k];
  }
  return count;
}
