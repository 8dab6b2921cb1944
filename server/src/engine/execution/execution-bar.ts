import type { BarFrame } from '../bars/bar-frame.ts';

/**
 * One closed OHLCV bar as the decision path receives it (from a replayed frame or a live feed).
 *
 * - `time`: bar OPEN time, ms since the Unix epoch (UTC) — the frame's `timestamp`.
 * - `closeTime`: bar CLOSE time, ms since the epoch (exclusive end: `time + bar duration`); freshness is measured from
 *   it, and the fill model's latency is a fraction of `closeTime − time`.
 * - `open`, `high`, `low`, `close`: prices in quote currency per base unit.
 * - `volume`: traded volume in base units (the participation cap's denominator).
 */
export interface ExecutionBar {
  readonly time: number;
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Row `index` of a frame as an {@link ExecutionBar} closing `barDurationMs` after it opens. No validation. */
export function executionBarAt(frame: BarFrame, index: number, barDurationMs: number): ExecutionBar {
  const time = frame.timestamp[index];
  return {
    time,
    closeTime: time + barDurationMs,
    open: frame.open[index],
    high: frame.high[index],
    low: frame.low[index],
    close: frame.close[index],
    volume: frame.volume[index],
  };
}
