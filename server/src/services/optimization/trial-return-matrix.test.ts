import { describe, expect, it } from 'vitest';
import { unpackFloat64 } from '../backtest/equity-curve-codec.ts';
import { packTrialReturnMatrix, reduceTrialReturns } from './trial-return-matrix.ts';

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

  it('packs row-major by trial', () => {
    const matrix = { series: [Float64Array.of(1, 2), Float64Array.of(3, 4)], rows: 2, groupBars: 1 };
    expect(Array.from(unpackFloat64(packTrialReturnMatrix(matrix)))).toEqual([1, 2, 3, 4]);
  });
});
