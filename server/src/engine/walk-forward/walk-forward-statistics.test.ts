import { describe, expect, it } from 'vitest';
import { selectCandidatesWalkForward } from './candidate-walk-forward.ts';
import { compoundEquity, stitchSeries } from './stitch-series.ts';
import { calculateWalkForwardEfficiency } from './walk-forward-efficiency.ts';

describe(calculateWalkForwardEfficiency.name, () => {
  it('divides the OOS CAGR by the mean of the finite in-sample CAGRs (golden)', () => {
    expect(calculateWalkForwardEfficiency(0.1, [0.2, 0.3, Number.NaN])).toBeCloseTo(0.4, 15);
    expect(calculateWalkForwardEfficiency(-0.05, [0.25])).toBeCloseTo(-0.2, 15);
  });

  it('is NaN (not defined) when the mean in-sample CAGR is ≤ 0 or there is none — never a 0 sentinel', () => {
    expect(calculateWalkForwardEfficiency(0.1, [0.1, -0.1])).toBeNaN();
    expect(calculateWalkForwardEfficiency(0.1, [-0.2])).toBeNaN();
    expect(calculateWalkForwardEfficiency(0.1, [])).toBeNaN();
    expect(calculateWalkForwardEfficiency(0.1, [Number.NaN, Number.POSITIVE_INFINITY])).toBeNaN();
  });
});

describe(stitchSeries.name, () => {
  it('concatenates parts in order', () => {
    expect(Array.from(stitchSeries([Float64Array.of(1, 2), new Float64Array(0), Float64Array.of(3)]))).toEqual([1, 2, 3]);
  });
});

describe(compoundEquity.name, () => {
  it('marks equity after each period from the starting capital (golden)', () => {
    const equity = compoundEquity(Float64Array.of(0.1, -0.1, 0.2), 1);
    expect(equity[0]).toBeCloseTo(1.1, 15);
    expect(equity[1]).toBeCloseTo(0.99, 15);
    expect(equity[2]).toBeCloseTo(1.188, 15);
    expect(Array.from(compoundEquity(Float64Array.of(0.5), 10))).toEqual([15]);
  });
});

describe(selectCandidatesWalkForward.name, () => {
  // Candidate 0 (A) and 1 (B) over six bars; windows: train [0, 3) → test [3, 4), train [1, 4) → test [4, 5).
  const returns = [Float64Array.of(0.01, 0.02, 0.03, 0.05, -0.02, 0), Float64Array.of(0.02, 0.02, 0.021, -0.01, 0.04, 0)];
  const windows = [
    { trainStart: 0, trainEnd: 3, testStart: 3, testEnd: 4 },
    { trainStart: 1, trainEnd: 4, testStart: 4, testEnd: 5 },
  ];

  it('chooses the best in-sample Sharpe per window and stitches the chosen test returns (golden values)', () => {
    // Window 1: Sharpe A = 0.02/0.01 = 2, B = 0.020333/0.000577 ≈ 35 → B. Window 2: A ≈ 2.18, B ≈ 0.59 → A.
    const result = selectCandidatesWalkForward(returns, [0, 1], windows, 3);
    expect(result.chosen).toEqual([1, 0]);
    expect(Array.from(result.outOfSampleReturns)).toEqual([-0.01, -0.02]);
    // IS CAGR (P = 3, 3 bars → one year): 1.02·1.02·1.021 − 1 and 1.02·1.03·1.05 − 1.
    expect(result.inSampleCagr[0]).toBeCloseTo(0.0622484, 12);
    expect(result.inSampleCagr[1]).toBeCloseTo(0.10313, 12);
    // OOS CAGR = 0.9702^(3/2) − 1 = −0.0443653…; WFE = that ÷ 0.0826892 = −0.5365309…
    expect(result.walkForwardEfficiency).toBeCloseTo(-0.5365309165169686, 12);
  });

  it('considers only the given candidates; NaN Sharpe ranks last and ties go to the lower index', () => {
    expect(selectCandidatesWalkForward(returns, [0], windows, 3).chosen).toEqual([0, 0]);
    const flat = [new Float64Array(6), new Float64Array(6), Float64Array.of(0.01, -0.01, 0.01, -0.01, 0.01, -0.01)];
    expect(selectCandidatesWalkForward(flat, [0, 1], windows, 3).chosen).toEqual([0, 0]);
    expect(selectCandidatesWalkForward(flat, [0, 2], windows, 3).chosen).toEqual([2, 2]);
  });
});
