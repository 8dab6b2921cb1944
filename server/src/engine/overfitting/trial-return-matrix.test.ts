import { describe, expect, it } from 'vitest';
import { compoundIntoGroups, compoundReturnGroups, reduceTrialReturns } from './trial-return-matrix.ts';

describe(reduceTrialReturns.name, () => {
  it('keeps short series as they are, trimmed to a multiple of 16 rows from the oldest end', () => {
    const returns = Float64Array.from({ length: 40 }, (_, index) => index / 1000);
    const matrix = reduceTrialReturns([returns, returns]);
    expect(matrix).toMatchObject({ rows: 32, groupBars: 1 });
    expect(Array.from(matrix.series[0]!)).toEqual(Array.from(returns.subarray(8)));
  });

  it('compounds long series into groups of ⌈T/256⌉ bars, most recent whole groups kept', () => {
    const returns = Float64Array.from({ length: 1000 }, (_, index) => (index % 7) / 100 - 0.03);
    const matrix = reduceTrialReturns([returns]);
    expect(matrix.groupBars).toBe(4);
    expect(matrix.rows).toBe(240); // 250 whole groups → 240 (a multiple of 16)
    const last = matrix.series[0]![239]!;
    expect(last).toBeCloseTo((1 + returns[996]!) * (1 + returns[997]!) * (1 + returns[998]!) * (1 + returns[999]!) - 1, 15);
    const first = matrix.series[0]![0]!;
    expect(first).toBeCloseTo((1 + returns[40]!) * (1 + returns[41]!) * (1 + returns[42]!) * (1 + returns[43]!) - 1, 15);
  });

  it('gives no rows (no PBO) below 16 observations', () => {
    expect(reduceTrialReturns([new Float64Array(15), new Float64Array(15)]).rows).toBe(0);
  });
});

describe(compoundReturnGroups.name, () => {
  it('compounds the most recent whole groups, dropping the oldest remainder (golden values)', () => {
    // 5 bars, 2 groups of 2: bar 0 dropped; (1.1·0.9 − 1, 1.2·0.5 − 1)
    const grouped = compoundReturnGroups(Float64Array.of(0.3, 0.1, -0.1, 0.2, -0.5), 2, 2);
    expect(grouped[0]).toBeCloseTo(-0.01, 15);
    expect(grouped[1]).toBeCloseTo(-0.4, 15);
  });
});

describe(compoundIntoGroups.name, () => {
  it('uses ⌊T / groups⌋ bars per group', () => {
    const grouped = compoundIntoGroups(Float64Array.of(0.5, 0.1, 0.1, -0.2, 0.25, 0.02, 0.03), 3);
    expect(Array.from(grouped, (value) => Number(value.toFixed(12)))).toEqual([0.21, 0, 0.0506]);
  });

  it('is all NaN when the series is shorter than the group count', () => {
    expect(Array.from(compoundIntoGroups(Float64Array.of(0.1), 2))).toEqual([Number.NaN, Number.NaN]);
  });
});
