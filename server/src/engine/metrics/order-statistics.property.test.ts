import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculatePercentileBySelection, selectKthSmallest } from './order-statistics.ts';
import { calculateSortedPercentile } from './percentile.ts';
import { calculateConditionalValueAtRisk } from './value-at-risk.ts';

describe('order statistics by selection', () => {
  const samples = fc.array(fc.oneof(fc.constant(0), fc.constant(-0.01), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 300 });
  it('selects the same k-th value as a full sort', () => {
    fc.assert(
      fc.property(samples, fc.double({ min: 0, max: 1, noNaN: true }), (values, fraction) => {
        const sorted = Float64Array.from(values).sort();
        const k = Math.min(values.length - 1, Math.floor(fraction * values.length));
        expect(selectKthSmallest(Float64Array.from(values), values.length, k)).toBe(sorted[k]);
      }),
      { numRuns: 300, seed: 1 },
    );
  });
  it('interpolates percentiles exactly like the sorted (type 7) definition', () => {
    fc.assert(
      fc.property(samples, fc.double({ min: 0, max: 1, noNaN: true }), (values, quantile) => {
        const sorted = Float64Array.from(values).sort();
        expect(calculatePercentileBySelection(Float64Array.from(values), values.length, quantile)).toBe(calculateSortedPercentile(sorted, quantile));
      }),
      { numRuns: 300, seed: 2 },
    );
  });
  it('averages the k+1 worst returns for CVaR', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const sorted = Float64Array.from(values).sort();
        const selected = Math.floor((values.length - 1) * 0.05) + 1;
        let sum = 0;
        for (let index = 0; index < selected; index++) sum += sorted[index];
        expect(calculateConditionalValueAtRisk(Float64Array.from(values))).toBeCloseTo(sum / selected, 14);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
