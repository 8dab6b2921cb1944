import { describe, expect, it } from 'vitest';
import { calculateRollingSum } from './rolling-sum.ts';

describe(calculateRollingSum.name, () => {
  it('sums trailing windows and marks windows containing NaN', () => {
    const values = Float64Array.from([1, 2, 3, Number.NaN, 5, 6, 7, 8]);
    const output = new Float64Array(values.length);
    calculateRollingSum(values, 3, output);
    expect(Array.from(output)).toEqual([Number.NaN, Number.NaN, 6, Number.NaN, Number.NaN, Number.NaN, 18, 21]);
  });
  it('stays exact on decimal prices over a long series', () => {
    const values = Float64Array.from({ length: 200_000 }, (_, index) => 30_000 + ((index * 7919) % 100_000) / 100);
    const output = new Float64Array(values.length);
    calculateRollingSum(values, 20, output);
    let direct = 0;
    for (let index = values.length - 20; index < values.length; index++) direct += values[index];
    expect(Math.abs(output[values.length - 1] - direct)).toBeLessThan(1e-9);
  });
});
