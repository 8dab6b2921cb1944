import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateGroupedProbabilityOfBacktestOverfitting, calculateProbabilityOfBacktestOverfitting } from './backtest-overfitting.ts';
import { calculateDeflatedSharpeRatio, calculateExpectedMaximumStandardNormal } from './deflated-sharpe-ratio.ts';
import { calculateProbabilisticSharpeRatio, calculateSharpeRatioMoments } from './probabilistic-sharpe-ratio.ts';

// Reference values computed with numpy 2.4 / scipy 1.17 directly from the formulas of
// metrics-conventions §4–§5 (np.argmax, scipy.stats.rankdata average ties, skew/kurtosis biased).
const returns = Float64Array.from([0.01, -0.02, 0.03, 0, -0.01, 0.015, 0.004, -0.007]);

describe('probabilistic Sharpe ratio', () => {
  it('uses the per-observation Sharpe and biased moments', () => {
    const moments = calculateSharpeRatioMoments(returns);
    expect(moments.sharpe).toBeCloseTo(0.17495301479691022, 14);
    expect(moments.skewness).toBeCloseTo(0.3012754739489415, 14);
    expect(moments.kurtosis).toBeCloseTo(2.3537935528744987, 13);
    expect(calculateProbabilisticSharpeRatio(returns)).toBeCloseTo(0.6818956718706595, 13);
    expect(calculateProbabilisticSharpeRatio(returns, 0.05)).toBeCloseTo(0.6322526074605788, 13);
  });
  it('is NaN for degenerate input', () => {
    expect(calculateProbabilisticSharpeRatio(Float64Array.from([0.01]))).toBeNaN();
    expect(calculateProbabilisticSharpeRatio(Float64Array.from([0.01, 0.01, 0.01]))).toBeNaN();
  });
});

describe('deflated Sharpe ratio', () => {
  it('deflates by √V[SR]·Z_max(N) with ddof = 1', () => {
    const trials = Float64Array.from([0.1, -0.05, 0.02, 0.2, 0, 0.07]);
    expect(calculateExpectedMaximumStandardNormal(6)).toBeCloseTo(1.3001407878455837, 12);
    const result = calculateDeflatedSharpeRatio(returns, trials);
    expect(result.benchmarkSharpe).toBeCloseTo(0.11413626869848789, 12);
    expect(result.deflatedSharpeRatio).toBeCloseTo(0.5653018361085415, 12);
    expect(result.trialCount).toBe(6);
  });
  it('refuses fewer than 2 trials', () => {
    expect(() => calculateDeflatedSharpeRatio(returns, Float64Array.from([0.1]))).toThrow(EngineInputError);
  });
});

describe('probability of backtest overfitting (CSCV)', () => {
  const strategies = Array.from({ length: 7 }, (_, strategy) =>
    Float64Array.from({ length: 48 }, (_, row) => Math.sin(row * 0.7 + strategy * 1.3) * 0.01 + (((row * strategy) % 7) - 3) * 0.001),
  );
  it('matches the reference implementation, counting λ = 0 as overfit', () => {
    const result = calculateProbabilityOfBacktestOverfitting(strategies, 6);
    expect(result.combinationCount).toBe(20);
    expect(result.probabilityOfBacktestOverfitting).toBeCloseTo(0.4, 15);
    expect(result.probabilityOfLoss).toBeCloseTo(0.3, 15);
    expect(Array.from(result.logits.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(result.degradationSlope).toBeCloseTo(-0.5883968602988945, 10);
    expect(result.degradationIntercept).toBeCloseTo(0.07512867170195192, 10);
  });
  it('is 0 when one strategy dominates in every block and 1 when the IS winner is always the OOS loser', () => {
    const base = Float64Array.from({ length: 40 }, (_, row) => Math.sin(row) * 0.01);
    const dominant = [base.map((value) => value + 0.01), base, base.map((value) => value - 0.01)];
    expect(calculateProbabilityOfBacktestOverfitting(dominant, 4).probabilityOfBacktestOverfitting).toBe(0);
    // strategy A wins in the first half of time, B in the second half: with S = 2 the IS winner always loses OOS
    const first = Float64Array.from({ length: 40 }, (_, row) => (row < 20 ? 0.01 : -0.01) + Math.sin(row) * 0.001);
    const second = Float64Array.from({ length: 40 }, (_, row) => (row < 20 ? -0.01 : 0.01) + Math.cos(row) * 0.001);
    expect(calculateProbabilityOfBacktestOverfitting([first, second], 2).probabilityOfBacktestOverfitting).toBe(1);
  });
  it('validates S and the matrix', () => {
    expect(() => calculateProbabilityOfBacktestOverfitting(strategies, 5)).toThrow(/even/);
    expect(() => calculateProbabilityOfBacktestOverfitting(strategies, 10)).toThrow(/divide/);
    expect(() => calculateProbabilityOfBacktestOverfitting([strategies[0]], 6)).toThrow(/at least 2/);
  });
});

describe('grouped PBO', () => {
  it('gives each group exactly the single call on its columns (ties to the member listed first), in one pass', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) / 100;
    const columns = Array.from({ length: 9 }, () => Float64Array.from({ length: 64 }, next));
    columns[4] = Float64Array.from(columns[1]); // an exact tie between two members
    columns[6][10] = Number.NaN;
    const groups = [[0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 4, 8], [7, 2], [6, 0, 3]];
    const grouped = calculateGroupedProbabilityOfBacktestOverfitting(columns, groups);
    groups.forEach((group, index) => {
      expect(grouped[index]).toEqual(calculateProbabilityOfBacktestOverfitting(group.map((member) => columns[member])));
    });
    expect(() => calculateGroupedProbabilityOfBacktestOverfitting(columns, [[1]])).toThrow(EngineInputError);
    expect(() => calculateGroupedProbabilityOfBacktestOverfitting(columns, [[1, 1]])).toThrow(/groups|distinct/);
    expect(() => calculateGroupedProbabilityOfBacktestOverfitting(columns, [[1, 9]])).toThrow(/\[0, 9\)/);
  });
});
