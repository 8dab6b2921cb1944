import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { alignBarFrames } from './align.ts';
import { makeBarFrame } from './bar-frame.ts';
import type { BarFrame } from './bar-frame.ts';
import { resampleBarFrame } from './resample.ts';
import { periodsPerYear } from './timeframe.ts';

const minute = 60_000;
const hour = 3_600_000;
const midnight = Date.UTC(2024, 0, 1);

function makeFrame(times: number[], closes?: number[]): BarFrame {
  const values = closes ?? times.map((_, index) => index + 1);
  return makeBarFrame({
    timestamp: Float64Array.from(times),
    open: Float64Array.from(values, (value) => value - 0.5),
    high: Float64Array.from(values, (value) => value + 1),
    low: Float64Array.from(values, (value) => value - 1),
    close: Float64Array.from(values),
    volume: Float64Array.from(values, () => 2),
  });
}

describe('timeframes and frames', () => {
  it('maps timeframes to 24/7 periods per year', () => {
    expect([periodsPerYear('1m'), periodsPerYear('5m'), periodsPerYear('1h'), periodsPerYear('1d')]).toEqual([525_600, 105_120, 8_760, 365]);
  });
  it('rejects mismatched columns naming the column', () => {
    const bad = () =>
      makeBarFrame({ timestamp: new Float64Array(2), open: new Float64Array(2), high: new Float64Array(2), low: new Float64Array(1), close: new Float64Array(2), volume: new Float64Array(2) });
    expect(bad).toThrow(EngineInputError);
    expect(bad).toThrow(/'low'/);
    expect(() => makeFrame([2, 1])).toThrow(/strictly increasing/);
  });
});

describe(resampleBarFrame.name, () => {
  it('aggregates OHLCV by UTC hour and drops partial edge buckets', () => {
    // 23:58, 23:59 (partial bucket), then a full hour 00:00–00:59, then 01:00 alone (partial)
    const times = [midnight - 2 * minute, midnight - minute];
    for (let index = 0; index < 60; index++) times.push(midnight + index * minute);
    times.push(midnight + hour);
    const frame = makeFrame(times);
    const dropped = resampleBarFrame(frame, '1m', '1h');
    expect(dropped.frame.length).toBe(1);
    expect(dropped.frame.timestamp[0]).toBe(midnight);
    expect(dropped.frame.open[0]).toBe(3 - 0.5);
    expect(dropped.frame.high[0]).toBe(62 + 1);
    expect(dropped.frame.low[0]).toBe(3 - 1);
    expect(dropped.frame.close[0]).toBe(62);
    expect(dropped.frame.volume[0]).toBe(120);
    expect(Array.from(dropped.complete)).toEqual([1]);
    const kept = resampleBarFrame(frame, '1m', '1h', 'keep');
    expect(Array.from(kept.frame.timestamp)).toEqual([midnight - hour, midnight, midnight + hour]);
    expect(Array.from(kept.sourceBarCount)).toEqual([2, 60, 1]);
    expect(Array.from(kept.complete)).toEqual([0, 1, 0]);
  });
  it('keeps interior buckets with gaps, flagged incomplete', () => {
    const times: number[] = [];
    for (let index = 0; index < 48; index++) if (index !== 30) times.push(midnight + index * hour); // 06:00 on day 2 missing
    const frame = makeFrame(times);
    const daily = resampleBarFrame(frame, '1h', '1d');
    expect(Array.from(daily.sourceBarCount)).toEqual([24, 23]);
    expect(Array.from(daily.complete)).toEqual([1, 0]);
    expect(() => resampleBarFrame(frame, '1d', '1h')).toThrow(/longer whole multiple/);
  });
});

describe(alignBarFrames.name, () => {
  it('keeps the intersection of timestamps', () => {
    const first = makeFrame([1, 2, 3, 5, 8], [10, 20, 30, 50, 80]);
    const second = makeFrame([2, 3, 4, 5, 6, 8]);
    const third = makeFrame([0, 2, 5, 8, 9]);
    const [a, b, c] = alignBarFrames([first, second, third]);
    expect(Array.from(a.timestamp)).toEqual([2, 5, 8]);
    expect(Array.from(b.timestamp)).toEqual([2, 5, 8]);
    expect(Array.from(c.timestamp)).toEqual([2, 5, 8]);
    expect(Array.from(a.close)).toEqual([20, 50, 80]);
    expect(alignBarFrames([first, makeFrame([100])])[0].length).toBe(0);
  });
});
