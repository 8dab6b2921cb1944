import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateDailyReturnCorrelation, calculateDailyReturns, millisecondsPerDay, utcDayOf } from './daily-returns.ts';

const day = millisecondsPerDay;
const hour = 3_600_000;
const f = (values: number[]) => Float64Array.from(values);

describe('calculateDailyReturns', () => {
  it('takes each UTC day’s last mark as its close and compounds from the first mark', () => {
    const times = f([0, 12 * hour, 23 * hour, day + hour, day + 20 * hour, 3 * day]);
    const equity = f([100, 101, 102, 99, 104.04, 93.636]);
    const result = calculateDailyReturns(times, equity);
    expect(Array.from(result.days)).toEqual([0, 1, 3]);
    expect(result.returns[0]).toBeCloseTo(0.02, 15);
    expect(result.returns[1]).toBeCloseTo(0.02, 15);
    expect(result.returns[2]).toBeCloseTo(-0.1, 12); // day 2 has no mark: the move lands on day 3
  });
  it('measures the first day from an explicit starting equity', () => {
    expect(calculateDailyReturns(f([hour]), f([110]), 100).returns[0]).toBeCloseTo(0.1, 15);
  });
  it('skips NaN marks and gives NaN after a zero close', () => {
    const result = calculateDailyReturns(f([0, day, 2 * day, 3 * day]), f([100, Number.NaN, 0, 10]));
    expect(Array.from(result.days)).toEqual([0, 2, 3]);
    expect(result.returns[1]).toBe(-1);
    expect(result.returns[2]).toBeNaN();
  });
  it('refuses decreasing times and mismatched lengths, naming the field', () => {
    expect(() => calculateDailyReturns(f([day, 0]), f([1, 1]))).toThrow(expect.objectContaining({ field: 'timestamps' }));
    expect(() => calculateDailyReturns(f([0]), f([1, 2]))).toThrow(EngineInputError);
  });
  it('numbers days from the epoch in UTC', () => {
    expect(utcDayOf(Date.UTC(2026, 0, 1, 23, 59))).toBe(Date.UTC(2026, 0, 1) / day);
  });
});

describe('calculateDailyReturnCorrelation', () => {
  const a = { days: f([1, 2, 3, 4, 5, 6]), returns: f([0.01, -0.02, 0.03, 0.0, 0.01, Number.NaN]) };
  const b = { days: f([0, 2, 3, 4, 5, 6]), returns: f([0.5, -0.04, 0.06, 0.0, 0.02, 0.01]) };
  it('correlates the common days with finite returns inside the window', () => {
    expect(calculateDailyReturnCorrelation(a, b, 0, 10)).toEqual({ correlation: 1, overlapDays: 4 });
    expect(calculateDailyReturnCorrelation(a, b, 3, 4).overlapDays).toBe(2);
  });
  it('is NaN with fewer than two common days', () => {
    expect(calculateDailyReturnCorrelation(a, b, 5, 6)).toEqual({ correlation: Number.NaN, overlapDays: 1 });
  });
});
