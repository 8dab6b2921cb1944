import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateAverageRanks, calculatePearsonCorrelation, calculateSpearmanCorrelation } from './correlation.ts';

const f = (values: number[]) => Float64Array.from(values);

describe('calculatePearsonCorrelation', () => {
  it('matches the textbook value (numpy corrcoef [1..5] vs [2,4,5,4,5] = 0.7745966692)', () => {
    expect(calculatePearsonCorrelation(f([1, 2, 3, 4, 5]), f([2, 4, 5, 4, 5]))).toBeCloseTo(0.7745966692414834, 12);
  });
  it('is ±1 for exact linear relations and symmetric', () => {
    expect(calculatePearsonCorrelation(f([1, 2, 3]), f([10, 20, 30]))).toBe(1);
    expect(calculatePearsonCorrelation(f([1, 2, 3]), f([3, 2, 1]))).toBe(-1);
    const x = f([0.01, -0.02, 0.005, 0.03, -0.01]);
    const y = f([0.02, -0.01, 0.0, 0.01, -0.03]);
    expect(calculatePearsonCorrelation(x, y)).toBe(calculatePearsonCorrelation(y, x));
  });
  it('drops pairs with a NaN on either side', () => {
    expect(calculatePearsonCorrelation(f([1, Number.NaN, 2, 3]), f([2, 100, 4, 6]))).toBe(1);
    expect(calculatePearsonCorrelation(f([1, 2, 3, 4]), f([2, 4, Number.NaN, 8]))).toBe(1);
  });
  it('is NaN (undefined, not 0) for fewer than 2 pairs or a constant series', () => {
    expect(calculatePearsonCorrelation(f([1]), f([2]))).toBeNaN();
    expect(calculatePearsonCorrelation(f([1, 2, 3]), f([5, 5, 5]))).toBeNaN();
    expect(calculatePearsonCorrelation(f([]), f([]))).toBeNaN();
  });
  it('refuses series of different lengths, naming y', () => {
    expect(() => calculatePearsonCorrelation(f([1, 2]), f([1]))).toThrow(EngineInputError);
    try {
      calculatePearsonCorrelation(f([1, 2]), f([1]));
    } catch (error) {
      expect((error as EngineInputError).field).toBe('y');
    }
  });
});

describe('calculateSpearmanCorrelation', () => {
  it('averages tied ranks (scipy rankdata "average")', () => {
    expect(Array.from(calculateAverageRanks(f([10, 20, 20, 5])))).toEqual([2, 3.5, 3.5, 1]);
  });
  it('is 1 for any monotone relation', () => {
    expect(calculateSpearmanCorrelation(f([1, 2, 3, 4]), f([1, 8, 27, 64]))).toBe(1);
  });
  it('matches scipy.stats.spearmanr with ties ([1,2,2,3,4] vs [1,3,2,4,4] = 0.9473684211)', () => {
    expect(calculateSpearmanCorrelation(f([1, 2, 2, 3, 4]), f([1, 3, 2, 4, 4]))).toBeCloseTo(0.9473684210526317, 12);
  });
  it('drops NaN pairs before ranking', () => {
    expect(calculateSpearmanCorrelation(f([1, 2, Number.NaN, 3]), f([3, 2, 1, 1]))).toBeCloseTo(calculateSpearmanCorrelation(f([1, 2, 3]), f([3, 2, 1])), 15);
  });
});
