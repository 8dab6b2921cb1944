import { describe, expect, it } from 'vitest';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { calculateRealizedVolatility } from './realized-volatility.ts';

describe(calculateRealizedVolatility.name, () => {
  it('matches a direct two-pass computation over every window', () => {
    const uniform = makeMulberry32(3);
    const close = new Float64Array(500);
    close[0] = 100;
    for (let index = 1; index < close.length; index++) close[index] = Math.round(close[index - 1] * (1 + (uniform() - 0.5) * 0.04) * 100) / 100;
    const window = 24;
    const output = new Float64Array(close.length);
    calculateRealizedVolatility(close, window, 8760, output);
    expect(output[window - 1]).toBeNaN();
    for (let index = window; index < close.length; index++) {
      const logs = Array.from({ length: window }, (_, offset) => Math.log(close[index - window + 1 + offset] / close[index - window + offset]));
      const mean = logs.reduce((sum, value) => sum + value, 0) / window;
      const expected = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (window - 1)) * Math.sqrt(8760);
      expect(output[index]).toBeCloseTo(expected, 12);
    }
  });

  it('gives the same values after a call on a longer series (its work row is reused, nothing carries over)', () => {
    const uniform = makeMulberry32(5);
    const long = new Float64Array(900);
    long[0] = 50;
    for (let index = 1; index < long.length; index++) long[index] = long[index - 1] * (1 + (uniform() - 0.5) * 0.05);
    const short = long.slice(100, 400).map((value) => value * 1.5);
    const fresh = new Float64Array(short.length);
    calculateRealizedVolatility(short, 30, 365, fresh);
    calculateRealizedVolatility(long, 30, 365, new Float64Array(long.length));
    const again = new Float64Array(short.length);
    calculateRealizedVolatility(short, 30, 365, again);
    expect(again).toEqual(fresh);
    expect(fresh[29]).toBeNaN();
    expect(fresh[30]).toBeGreaterThan(0);
  });
});
