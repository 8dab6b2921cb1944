import { describe, expect, it } from 'vitest';
import { makeCloseOnlyFrame } from '../testing/bar-table.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { smaCrossoverStrategy } from './sma-crossover.strategy.ts';
import { calculateExactWindowMeanSign } from '../indicators/exact-window-mean-comparison.ts';
import { calculateRollingSum } from '../indicators/rolling-sum.ts';

function targetsOf(closes: number[], raw: unknown): number[] {
  const frame = makeCloseOnlyFrame(closes);
  const targets = new Float64Array(frame.length);
  smaCrossoverStrategy.computeTargets(frame, parseParameters(smaCrossoverStrategy, raw), targets);
  return Array.from(targets);
}

describe(smaCrossoverStrategy.id, () => {
  it('is flat during warm-up and long while fast SMA > slow SMA', () => {
    //                      0  1  2  3  4  5  6
    const closes = [10, 10, 10, 11, 12, 9, 8];
    // SMA2 vs SMA3 from bar 2: (10 vs 10) tie → 0; bar 3: 10.5 > 10.33 → 1; bar 4: 11.5 > 11 → 1;
    // bar 5: 10.5 < 10.67 → 0; bar 6: 8.5 < 9.67 → 0
    expect(targetsOf(closes, { fastPeriod: 2, slowPeriod: 3 })).toEqual([0, 0, 0, 1, 1, 0, 0]);
    expect(targetsOf(closes, { fastPeriod: 2, slowPeriod: 3, allowShort: true })).toEqual([0, 0, 0, 1, 1, -1, -1]);
  });

  it('treats exact decimal ties as ties even where floating sums drift', () => {
    // Alternating prices: from bar 3 on, SMA2 and SMA4 both equal 0.15 exactly in decimal → tie → flat.
    const closes = [0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2];
    const targets = targetsOf(closes, { fastPeriod: 2, slowPeriod: 4, allowShort: true });
    expect(targets).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('compares on the decimal prices exactly', () => {
    const values = Float64Array.from([0.1, 0.2, 0.3]);
    // mean(0.2, 0.3)·… : last 1 = 0.3 vs mean of 3 = 0.2 → +1 ; last 2 = 0.25 vs mean 3 = 0.2 → +1
    expect(calculateExactWindowMeanSign(values, 2, 1, 3)).toBe(1);
    // window {0.1, 0.2} mean 0.15 vs {0.15}: exactly equal in decimal
    expect(calculateExactWindowMeanSign(Float64Array.from([0.1, 0.2, 0.15]), 1, 2, 1)).toBe(-1); // windows end at index 1: {0.1,0.2} vs {0.2}
    expect(calculateExactWindowMeanSign(Float64Array.from([0.1, 0.2, 0.15, 0.15]), 3, 1, 2)).toBe(0);
    expect(calculateExactWindowMeanSign(Float64Array.from([1e-7, 3e-7, 2e-7]), 2, 1, 3)).toBe(0);
    expect(calculateExactWindowMeanSign(Float64Array.from([1e21, 3e21, 2e21]), 2, 1, 3)).toBe(0);
  });

  it('keeps rolling sums accurate over long series', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, index) => 1000 + ((index * 7919) % 1000) / 100);
    const sums = new Float64Array(values.length);
    calculateRollingSum(values, 50, sums);
    let exact = 0;
    for (let index = values.length - 50; index < values.length; index++) exact += values[index];
    expect(Math.abs(sums[values.length - 1] - exact)).toBeLessThan(1e-9);
    expect(sums[48]).toBeNaN();
  });

  it('declares slowPeriod − 1 warm-up bars', () => {
    expect(smaCrossoverStrategy.warmupBars(parseParameters(smaCrossoverStrategy, {}))).toBe(49);
  });
});
