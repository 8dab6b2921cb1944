import { describe, expect, it } from 'vitest';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { calculatePreviousRollingMaximum, calculatePreviousRollingMinimum } from './rolling-extremes.ts';

/** The definition, one window at a time: `max`/`min` of values[t − window .. t − 1] for t ≥ window, NaN before. */
function direct(values: Float64Array, window: number, pick: (...values: number[]) => number): Float64Array {
  const output = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) output[index] = index < window ? Number.NaN : pick(...values.subarray(index - window, index));
  return output;
}

/** A rounded random walk (prices with ties) of `length` values. */
function walk(length: number, seed: number): Float64Array {
  const uniform = makeMulberry32(seed);
  const values = new Float64Array(length);
  let price = 100;
  for (let index = 0; index < length; index++) {
    price = Math.round(price * (1 + (uniform() - 0.5) * 0.02) * 100) / 100;
    values[index] = price;
  }
  return values;
}

describe('previous rolling extremes', () => {
  it('equal the windows’ maximum and minimum for every window length, including ones longer than the series', () => {
    const values = walk(503, 7);
    const output = new Float64Array(values.length);
    const scratch = new Float64Array(values.length);
    for (const window of [1, 2, 3, 7, 20, 55, 251, 502, 503, 600]) {
      calculatePreviousRollingMaximum(values, window, output, scratch);
      expect(output, `maximum, window ${window}`).toEqual(direct(values, window, Math.max));
      calculatePreviousRollingMinimum(values, window, output, scratch);
      expect(output, `minimum, window ${window}`).toEqual(direct(values, window, Math.min));
    }
  });

  it('give NaN for a window that holds a NaN and the window’s extreme elsewhere', () => {
    const values = walk(60, 11);
    values[30] = Number.NaN;
    const output = new Float64Array(values.length);
    const scratch = new Float64Array(values.length);
    calculatePreviousRollingMaximum(values, 8, output, scratch);
    for (let index = 8; index < values.length; index++) {
      if (index > 30 && index <= 38) expect(output[index], `bar ${index}`).toBeNaN();
      else expect(output[index], `bar ${index}`).toBe(Math.max(...values.subarray(index - 8, index)));
    }
  });
});
