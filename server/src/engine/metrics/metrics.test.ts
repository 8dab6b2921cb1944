import { describe, expect, it } from 'vitest';
import { calculateAlphaBeta, calculateBeta } from './alpha-beta.ts';
import { calculateAnnualVolatility } from './annual-volatility.ts';
import { calculateCalmarRatio } from './calmar-ratio.ts';
import { calculateCompoundAnnualGrowthRate } from './compound-annual-growth-rate.ts';
import { calculateDownsideRisk } from './downside-risk.ts';
import { calculateMaxDrawdown, calculateMaxDrawdownDurationBars } from './drawdown.ts';
import { calculateOmegaRatio } from './omega-ratio.ts';
import { calculatePayoffRatio } from './payoff-ratio.ts';
import { calculatePerformanceMetrics } from './performance-metrics.ts';
import { calculateCenteredIndexSquares } from './performance-metrics-kernel.ts';
import { calculateProfitFactor } from './profit-factor.ts';
import { calculateSharpeRatio } from './sharpe-ratio.ts';
import { calculateSortinoRatio } from './sortino-ratio.ts';
import { calculateStability } from './stability.ts';
import { calculateTailRatio } from './tail-ratio.ts';
import { calculateTotalReturn } from './total-return.ts';
import { calculateConditionalValueAtRisk, calculateValueAtRisk } from './value-at-risk.ts';
import { calculateWinRate } from './win-rate.ts';

const series = (...values: number[]): Float64Array => Float64Array.from(values);
const sample = series(0.01, -0.02, 0.03, 0, -0.01); // mean 0.002, sample var 0.00037

describe('total return and CAGR', () => {
  it('compounds simple returns', () => {
    expect(calculateTotalReturn(series(0.1, -0.1))).toBeCloseTo(1.1 * 0.9 - 1, 15);
    expect(calculateTotalReturn(series(0.1, Number.NaN, 0.1))).toBeCloseTo(0.21, 15);
    expect(calculateTotalReturn(series())).toBeNaN();
  });
  it('annualizes by count-based years, NaN counting in n', () => {
    // W = 1.21 over 2 periods with P = 1 → 1.21^(1/2) − 1 = 0.1
    expect(calculateCompoundAnnualGrowthRate(series(0.1, 0.1), 1)).toBeCloseTo(0.1, 14);
    // W = 1.1 over n = 2 (NaN counts) with P = 2 → 1.1^1 − 1
    expect(calculateCompoundAnnualGrowthRate(series(0.1, Number.NaN), 2)).toBeCloseTo(0.1, 14);
    expect(calculateCompoundAnnualGrowthRate(series(), 365)).toBeNaN();
    expect(calculateCompoundAnnualGrowthRate(series(-1, 0.5), 365)).toBe(-1);
    expect(calculateCompoundAnnualGrowthRate(series(-1.5, 0.5), 365)).toBeNaN();
  });
});

describe('volatility, Sharpe, downside risk, Sortino', () => {
  it('uses the sample std (ddof = 1) and √P', () => {
    expect(calculateAnnualVolatility(sample, 365)).toBeCloseTo(Math.sqrt(0.00037) * Math.sqrt(365), 14);
    expect(calculateSharpeRatio(sample, 365)).toBeCloseTo((0.002 / Math.sqrt(0.00037)) * Math.sqrt(365), 12);
    expect(calculateAnnualVolatility(series(0.1), 365)).toBeNaN();
  });
  it('drops NaN and follows IEEE for zero std', () => {
    expect(calculateSharpeRatio(series(0.01, Number.NaN, 0.03), 1)).toBeCloseTo(0.02 / Math.sqrt(0.0002), 12);
    expect(calculateSharpeRatio(series(0.01, 0.01, 0.01), 365)).toBe(Number.POSITIVE_INFINITY);
    expect(calculateSharpeRatio(series(-0.01, -0.01), 365)).toBe(Number.NEGATIVE_INFINITY);
    expect(calculateSharpeRatio(series(0, 0), 365)).toBeNaN();
    expect(calculateSharpeRatio(series(0.01, Number.NaN), 365)).toBeNaN();
  });
  it('divides downside squares by ALL observations', () => {
    // shortfalls: −0.02, −0.01 → squares 0.0004 + 0.0001 = 0.0005 over n = 5
    expect(calculateDownsideRisk(sample, 1)).toBeCloseTo(Math.sqrt(0.0001), 15);
    expect(calculateDownsideRisk(series(0.05), 1)).toBe(0);
    expect(calculateDownsideRisk(series(), 1)).toBeNaN();
    expect(calculateSortinoRatio(sample, 365)).toBeCloseTo((0.002 * 365) / (0.01 * Math.sqrt(365)), 12);
    expect(calculateSortinoRatio(series(0.01, 0.02), 365)).toBe(Number.POSITIVE_INFINITY);
    expect(calculateSortinoRatio(series(0, 0), 365)).toBeNaN();
    expect(calculateSortinoRatio(series(0.01), 365)).toBeNaN();
  });
});

describe('drawdown and Calmar', () => {
  it('measures from the starting capital', () => {
    expect(calculateMaxDrawdown(series(-0.1))).toBeCloseTo(-0.1, 15);
    // 1 → 1.2 → 0.9 → 1.35: drawdown 0.9/1.2 − 1 = −0.25
    expect(calculateMaxDrawdown(series(0.2, -0.25, 0.5))).toBeCloseTo(-0.25, 15);
    expect(calculateMaxDrawdown(series(0.1, 0.2))).toBe(0);
    expect(calculateMaxDrawdown(series(0.1, -1, 0.5))).toBe(-1);
    expect(calculateMaxDrawdown(series())).toBeNaN();
  });
  it('counts the longest underwater run in bars', () => {
    expect(calculateMaxDrawdownDurationBars(series(0.1, -0.1, 0.05, 0.2, -0.01))).toBe(2);
    expect(calculateMaxDrawdownDurationBars(series(-0.1, 0, 0))).toBe(3);
    expect(calculateMaxDrawdownDurationBars(series(0.1))).toBe(0);
  });
  it('divides CAGR by |MDD| and is NaN without drawdown', () => {
    const returns = series(0.2, -0.25, 0.5);
    expect(calculateCalmarRatio(returns, 3)).toBeCloseTo((1.2 * 0.75 * 1.5 - 1) / 0.25, 12);
    expect(calculateCalmarRatio(series(0.1, 0.1), 365)).toBeNaN();
    expect(calculateCalmarRatio(series(-1, 0), 365)).toBeCloseTo(-1, 15);
  });
});

describe('VaR, CVaR, tail ratio', () => {
  const twentyOne = Float64Array.from({ length: 21 }, (_, index) => (index - 10) / 100); // −0.10 … 0.10
  it('interpolates percentiles linearly (type 7)', () => {
    // n = 21: h = 20·0.05 = 1 → the 2nd smallest, −0.09
    expect(calculateValueAtRisk(twentyOne)).toBeCloseTo(-0.09, 15);
    // n = 5 sorted −0.02 −0.01 0 0.01 0.03: h = 0.2 → −0.02 + 0.2·0.01
    expect(calculateValueAtRisk(sample)).toBeCloseTo(-0.018, 15);
    expect(calculateValueAtRisk(series(0.01, Number.NaN))).toBeNaN();
    expect(() => calculateValueAtRisk(series())).toThrow(/at least one/);
  });
  it('averages the k+1 worst returns, k = ⌊(n−1)·0.05⌋', () => {
    expect(calculateConditionalValueAtRisk(twentyOne)).toBeCloseTo((-0.1 - 0.09) / 2, 15);
    expect(calculateConditionalValueAtRisk(sample)).toBeCloseTo(-0.02, 15);
    expect(calculateConditionalValueAtRisk(series(Number.NaN))).toBeNaN();
    expect(calculateConditionalValueAtRisk(series())).toBeNaN();
  });
  it('divides |P95| by |P5|', () => {
    expect(calculateTailRatio(twentyOne)).toBeCloseTo(1, 14);
    // sample sorted: P95 h = 3.8 → 0.01 + 0.8·0.02 = 0.026; P5 = −0.018
    expect(calculateTailRatio(sample)).toBeCloseTo(0.026 / 0.018, 12);
    expect(calculateTailRatio(series(0, 0, 0.1))).toBe(Number.POSITIVE_INFINITY);
    expect(calculateTailRatio(series(Number.NaN))).toBeNaN();
  });
});

describe('omega and stability', () => {
  it('divides gains above the threshold by losses below it', () => {
    expect(calculateOmegaRatio(sample, 365)).toBeCloseTo(0.04 / 0.03, 14);
    expect(calculateOmegaRatio(series(0.01, 0.02), 365)).toBeNaN();
    expect(calculateOmegaRatio(series(0.01), 365)).toBeNaN();
    // required 10 %/yr with P = 1 → τ = 0.1
    expect(calculateOmegaRatio(series(0.2, 0.05), 1, 0.1)).toBeCloseTo(0.1 / 0.05, 12);
  });
  it('is the R² of cumulative log returns on time', () => {
    const constantGrowth = series(0.01, 0.01, 0.01, 0.01);
    expect(calculateStability(constantGrowth)).toBeCloseTo(1, 14);
    expect(calculateStability(series(0, 0, 0))).toBe(0);
    expect(calculateStability(series(0.1))).toBeNaN();
    expect(calculateStability(series(0.1, -1, 0.1))).toBeNaN();
    // y = ln1.1, 0, ln1.1 on x = 0,1,2 → corr = 0
    expect(calculateStability(series(0.1, 1 / 1.1 - 1, 0.1))).toBeCloseTo(0, 12);
  });
});

describe('alpha and beta', () => {
  it('regresses returns on the benchmark over valid pairs', () => {
    const benchmark = series(0.01, -0.02, 0.03, Number.NaN);
    const returns = series(0.021, -0.039, 0.061, 0.5); // 2·b + 0.001
    const { alpha, beta } = calculateAlphaBeta(returns, benchmark, 365);
    expect(beta).toBeCloseTo(2, 12);
    expect(alpha).toBeCloseTo(Math.pow(1.001, 365) - 1, 10);
    expect(calculateBeta(series(0.1, 0.2), series(0.01, 0.01))).toBeNaN();
    expect(calculateAlphaBeta(series(0.1), series(0.1), 365).alpha).toBeNaN();
  });
});

describe('win rate, profit factor, payoff ratio (per period)', () => {
  it('exclude flat periods from the win rate', () => {
    expect(calculateWinRate(sample)).toBeCloseTo(2 / 4, 15);
    expect(calculateWinRate(series(0, Number.NaN))).toBe(0);
  });
  it('divide gross gains by gross losses', () => {
    expect(calculateProfitFactor(sample)).toBeCloseTo(0.04 / 0.03, 14);
    expect(calculateProfitFactor(series(0.01, 0))).toBe(Number.POSITIVE_INFINITY);
    expect(calculateProfitFactor(series(0, 0))).toBe(0);
    expect(calculatePayoffRatio(sample)).toBeCloseTo(0.02 / 0.015, 14);
    expect(calculatePayoffRatio(series(0.01, 0.02))).toBeNaN();
  });
});

describe(calculatePerformanceMetrics.name, () => {
  it('assembles every metric and leaves activity metrics NaN without activity', () => {
    const metrics = calculatePerformanceMetrics(sample, 365);
    expect(metrics.sharpe).toBe(calculateSharpeRatio(sample, 365));
    expect(metrics.valueAtRisk).toBe(calculateValueAtRisk(sample));
    expect(metrics.tradeCount).toBeNaN();
    expect(metrics.exposure).toBeNaN();
  });
  it('reports exposure from positions', () => {
    const metrics = calculatePerformanceMetrics(sample, 365, { position: series(0, 1, 1, -1, 0), tradeCount: 2, turnover: 4 });
    expect(metrics.exposure).toBeCloseTo(0.6, 15);
    expect(metrics.tradeCount).toBe(2);
    expect(metrics.turnover).toBe(4);
  });
  it('is all NaN for an empty series', () => {
    const metrics = calculatePerformanceMetrics(series(), 365);
    for (const [name, value] of Object.entries(metrics)) expect([name, value]).toEqual([name, Number.NaN]);
  });
});

describe('the regression’s Σ dx² in closed form', () => {
  it('is the index-order loop’s sum bit for bit, up to the closed form’s limit and past it', () => {
    for (const n of [0, 1, 2, 3, 10, 4096, 65_653, 131_072, 199_999, 200_000, 200_001, 262_144]) {
      const shiftedMean = (n - 1) / 2 + 0.5;
      let squares = 0;
      for (let index = 0, x = 0.5; index < n; index++, x += 1) squares += (x - shiftedMean) * (x - shiftedMean);
      expect([n, calculateCenteredIndexSquares(n)]).toEqual([n, squares]);
    }
  });
});
