import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculatePercentileBySelection, RankSelection, selectKthSmallest } from './order-statistics.ts';
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
  it('selects ranks k and k+1 and sums the values below without reordering the row, sampled or not', () => {
    // rows of ≥ 4096 values take the sampled bounds; 'aliased' raises exactly the sampled positions, so the bounds miss
    // and the selection falls back to the whole row
    const orders = ['random', 'sorted', 'reversed', 'blocks', 'aliased'] as const;
    const selection = new RankSelection();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...orders),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.boolean(),
        (length, fraction, order, seed, withTies) => {
          let state = seed;
          const next = () => ((state = (Math.imul(state, 48271) >>> 0) % 2147483647), state / 2147483647);
          const values = Float64Array.from({ length }, () => (withTies ? Math.round((next() - 0.5) * 20) / 100 : (next() - 0.5) * 0.1));
          if (order === 'sorted') values.sort();
          if (order === 'reversed') values.sort().reverse();
          if (order === 'blocks') for (let index = 0; index < length; index++) values[index] += Math.floor(index / 500) % 3;
          if (order === 'aliased') for (let draw = 0; draw < 1024; draw++) values[Math.floor(((2 * draw + 1) * length) / 2048) % length] += 10;
          const copy = values.slice();
          const sorted = values.slice().sort();
          const k = Math.min(length - 1, Math.floor(fraction * length));
          selection.select(values, length, k, true);
          expect(selection.value).toBe(sorted[k]);
          expect(selection.next).toBe(k + 1 < length ? sorted[k + 1] : Number.NaN);
          let sum = 0;
          let magnitude = 0;
          let count = 0;
          for (const value of copy) {
            if (value < sorted[k]) {
              sum += value;
              magnitude += Math.abs(value);
              count++;
            }
          }
          expect(selection.countBelow).toBe(count);
          // a sampled row's sum is associated differently from the index-order loop (see RankSelection.sumBelow)
          expect(Math.abs(selection.sumBelow - sum)).toBeLessThanOrEqual(1e-13 * magnitude);
          expect(values).toEqual(copy);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });
});
