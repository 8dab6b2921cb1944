import { describe, expect, it } from 'vitest';
import {
  calculateCalibrationMonotonicity,
  calculateDailyInformationCoefficient,
  calculateDirectionalHitRate,
  calculateForwardReturns,
  calculateSignalLift,
} from './signal-quality.ts';

const f = (values: number[]) => Float64Array.from(values);
const NaN_ = Number.NaN;

describe('calculateForwardReturns', () => {
  it('is price[i+h]/price[i] − 1, NaN past the end or on a missing price', () => {
    const forward = calculateForwardReturns(f([100, 110, NaN_, 121, 0]), 1);
    expect(forward[0]).toBeCloseTo(0.1, 15);
    expect(forward[1]).toBeNaN();
    expect(forward[2]).toBeNaN();
    expect(forward[3]).toBeNaN(); // next price 0
    expect(forward[4]).toBeNaN();
    expect(calculateForwardReturns(f([100, 110, 121]), 2)[0]).toBeCloseTo(0.21, 15);
  });
  it('refuses a horizon that is not a positive integer', () => {
    expect(() => calculateForwardReturns(f([1, 2]), 0)).toThrow(expect.objectContaining({ field: 'horizon' }));
    expect(() => calculateForwardReturns(f([1, 2]), 1.5)).toThrow(expect.objectContaining({ field: 'horizon' }));
  });
});

describe('calculateDirectionalHitRate', () => {
  it('counts sign matches over directional signals with a non-zero outcome', () => {
    // directional pairs: (1, +), (−1, +) miss, (0.5, −) miss, (−2, −) hit; flat signal, flat outcome and NaN left out
    const result = calculateDirectionalHitRate(f([1, -1, 0.5, -2, 0, 1, NaN_]), f([0.01, 0.02, -0.01, -0.03, 0.05, 0, 0.01]));
    expect(result).toEqual({ hitRate: 0.5, directionalCount: 4 });
  });
  it('is NaN without a directional signal', () => {
    expect(calculateDirectionalHitRate(f([0, 0]), f([0.1, -0.1])).hitRate).toBeNaN();
  });
});

describe('calculateDailyInformationCoefficient', () => {
  it('averages the per-day Spearman IC and counts negative days, skipping thin or constant days', () => {
    const days = f([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
    const signals = f([1, 2, 3, 1, 2, 3, 1, 1, 1, 5]);
    const outcomes = f([0.1, 0.2, 0.3, 0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 0.1]);
    // day 0: +1, day 1: −1, day 2: constant signal (undefined), day 3: one observation
    expect(calculateDailyInformationCoefficient(days, signals, outcomes, 3)).toEqual({ mean: 0, negativeDayShare: 0.5, dayCount: 2 });
  });
  it('refuses days out of order', () => {
    expect(() => calculateDailyInformationCoefficient(f([1, 0]), f([1, 2]), f([1, 2]))).toThrow(expect.objectContaining({ field: 'days' }));
  });
});

describe('calculateSignalLift', () => {
  it('is the mean signed outcome of directional signals minus the mean outcome (hold baseline)', () => {
    // directional: +0.02 (long, up), +0.01 (short, down) → 0.015; baseline mean (0.02 − 0.01 + 0.03)/3 = 0.013333…
    expect(calculateSignalLift(f([1, -1, 0]), f([0.02, -0.01, 0.03]))).toBeCloseTo(0.015 - 0.04 / 3, 15);
  });
  it('is NaN without a directional signal', () => {
    expect(calculateSignalLift(f([0, 0]), f([0.01, 0.02]))).toBeNaN();
  });
});

describe('calculateCalibrationMonotonicity', () => {
  it('passes every bucket of a monotone signal and names the inversions of a non-monotone one', () => {
    // 4 buckets of 2 signals by confidence; hit rates 0, 0.5, 1, 1 → all 4 pass
    const confidence = f([0.1, 0.15, 0.3, 0.35, 0.6, 0.65, 0.9, 0.95]);
    const signals = f([1, 1, 1, 1, 1, 1, 1, 1]);
    const monotone = f([-0.01, -0.01, 0.01, -0.01, 0.01, 0.01, 0.01, 0.01]);
    const result = calculateCalibrationMonotonicity(confidence, signals, monotone, 4);
    expect(result.monotonicBuckets).toBe(4);
    expect(Array.from(result.bucketHitRates)).toEqual([0, 0.5, 1, 1]);
    // hit rates 1, 0, 1, 0 → buckets 1 and 3 pass
    const zigzag = f([0.01, 0.01, -0.01, -0.01, 0.01, 0.01, -0.01, -0.01]);
    expect(calculateCalibrationMonotonicity(confidence, signals, zigzag, 4).monotonicBuckets).toBe(2);
  });
  it('is NaN with fewer directional signals than buckets, and refuses fewer than 2 buckets', () => {
    expect(calculateCalibrationMonotonicity(f([0.5, NaN_]), f([1, 1]), f([0.1, 0.1]), 2).monotonicBuckets).toBeNaN();
    expect(() => calculateCalibrationMonotonicity(f([0.5]), f([1]), f([0.1]), 1)).toThrow(expect.objectContaining({ field: 'bucketCount' }));
  });
});
