import { describe, expect, it } from 'vitest';
import { calculateComplementaryErrorFunction, calculateNormalCumulative, calculateNormalQuantile } from './normal-distribution.ts';

describe('normal distribution', () => {
  it('matches reference values (scipy.stats.norm)', () => {
    expect(calculateNormalCumulative(0)).toBe(0.5);
    expect(calculateNormalCumulative(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(calculateNormalCumulative(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(calculateNormalCumulative(-6) / 9.865876450376946e-10).toBeCloseTo(1, 12);
    expect(calculateComplementaryErrorFunction(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(calculateComplementaryErrorFunction(4) / 1.541725790028002e-8).toBeCloseTo(1, 12);
    expect(calculateNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(calculateNormalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
    expect(calculateNormalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(calculateNormalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(calculateNormalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(calculateNormalQuantile(1.5)).toBeNaN();
  });
  it('inverts the CDF across the range', () => {
    for (const x of [-8, -3.3, -1, -0.1, 0.2, 2.5, 5]) expect(calculateNormalQuantile(calculateNormalCumulative(x))).toBeCloseTo(x, 9);
  });
});
