import type { BarFrame } from '../bars/bar-frame.ts';

/** One candle of a thinned price chart: open time (ms), OHLC (quote currency), volume (base units). */
export interface Candle {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * At most `maxCandles` candles for a chart: consecutive groups of `step = ⌈bars / maxCandles⌉` bars merged (first
 * open, highest high, lowest low, last close, summed volume, the group's first open time). `step = 1` returns every
 * bar. `lastIndex[k]` is the frame row of candle k's last bar (to sample indicator series on the same grid).
 */
export function thinCandles(frame: BarFrame, maxCandles: number): { candles: Candle[]; lastIndex: number[]; step: number } {
  const step = Math.max(1, Math.ceil(frame.length / Math.max(1, maxCandles)));
  const candles: Candle[] = [];
  const lastIndex: number[] = [];
  for (let start = 0; start < frame.length; start += step) {
    const end = Math.min(frame.length, start + step);
    let high = frame.high[start];
    let low = frame.low[start];
    let volume = 0;
    for (let index = start; index < end; index++) {
      if (frame.high[index] > high) high = frame.high[index];
      if (frame.low[index] < low) low = frame.low[index];
      volume += frame.volume[index];
    }
    candles.push({ time: frame.timestamp[start], open: frame.open[start], high, low, close: frame.close[end - 1], volume });
    lastIndex.push(end - 1);
  }
  return { candles, lastIndex, step };
}
