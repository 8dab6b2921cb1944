import { makeBarFrame } from '../bars/bar-frame.ts';
import type { BarFrame } from '../bars/bar-frame.ts';

/** One hand-written bar: `[open, high, low, close]` (volume 1) or `[open, high, low, close, volume]`. */
export type BarRow = readonly [number, number, number, number] | readonly [number, number, number, number, number];

/** Start of test bar tables: 2024-01-01T00:00:00Z. */
export const barTableStart = Date.UTC(2024, 0, 1);

/**
 * Test fixture: a frame from hand-written rows, one bar per `stepMilliseconds` (default 1 h)
 * from {@link barTableStart}.
 */
export function makeBarTable(rows: readonly BarRow[], stepMilliseconds = 3_600_000): BarFrame {
  const length = rows.length;
  const timestamp = new Float64Array(length);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  rows.forEach((row, index) => {
    timestamp[index] = barTableStart + index * stepMilliseconds;
    open[index] = row[0];
    high[index] = row[1];
    low[index] = row[2];
    close[index] = row[3];
    volume[index] = row[4] ?? 1;
  });
  return makeBarFrame({ timestamp, open, high, low, close, volume });
}

/** Test fixture: a frame where every bar opens at the previous close and high/low bracket open and close. */
export function makeCloseOnlyFrame(closes: readonly number[], firstOpen = closes[0], stepMilliseconds = 3_600_000): BarFrame {
  const rows: BarRow[] = closes.map((closePrice, index) => {
    const openPrice = index === 0 ? firstOpen : closes[index - 1];
    return [openPrice, Math.max(openPrice, closePrice), Math.min(openPrice, closePrice), closePrice];
  });
  return makeBarTable(rows, stepMilliseconds);
}
