import { describe, expect, it } from 'vitest';
import { experimentEquityCurves } from './experiment-equity.ts';

describe('experimentEquityCurves', () => {
  // Two trials, two datasets of two groups each: column-major, dataset A's rows then dataset B's.
  const matrix = Float64Array.from([0.1, -0.5, 0.2, 0, /* trial b */ 0, 0.25, -0.1, 0.1]);

  it('compounds each trial’s groups per dataset from 1.0, in the order asked, null for a trial not in the matrix', () => {
    const curves = experimentEquityCurves(matrix, 4, ['a', 'b'], ['A', 'B'], ['b', 'missing', 'a']);
    expect(curves.map((entry) => entry.datasetId)).toEqual(['A', 'B']);
    expect(curves[0]!.curves[0]).toEqual([1, 1, 1.25]);
    expect(curves[0]!.curves[1]).toBeNull();
    expect(curves[0]!.curves[2]![1]).toBeCloseTo(1.1, 12);
    expect(curves[0]!.curves[2]![2]).toBeCloseTo(0.55, 12);
    expect(curves[1]!.curves[2]).toEqual([1, 1.2, 1.2]);
    expect(curves[1]!.curves[0]![2]).toBeCloseTo(0.99, 12);
  });

  it('draws nothing for a matrix of another shape', () => {
    expect(experimentEquityCurves(matrix, 3, ['a', 'b'], ['A'], ['a'])).toEqual([]);
    expect(experimentEquityCurves(matrix, 4, ['a', 'b'], ['A', 'B', 'C'], ['a'])).toEqual([]);
    expect(experimentEquityCurves(matrix, 4, ['a'], ['A'], ['a'])).toEqual([]);
    expect(experimentEquityCurves(new Float64Array(0), 0, [], [], ['a'])).toEqual([]);
  });
});
