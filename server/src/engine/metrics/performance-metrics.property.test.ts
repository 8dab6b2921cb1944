import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateAnnualVolatility } from './annual-volatility.ts';
import { calculateCalmarRatio } from './calmar-ratio.ts';
import { calculateCompoundAnnualGrowthRate } from './compound-annual-growth-rate.ts';
import { calculateDownsideRisk } from './downside-risk.ts';
import { calculateMaxDrawdown, calculateMaxDrawdownDurationBars } from './drawdown.ts';
import { calculateOmegaRatio } from './omega-ratio.ts';
import { calculatePayoffRatio } from './payoff-ratio.ts';
import { calculateExposure, calculatePerformanceMetrics } from './performance-metrics.ts';
import type { PerformanceMetrics } from './performance-metrics.ts';
import { calculateProfitFactor } from './profit-factor.ts';
import { calculateSharpeRatio } from './sharpe-ratio.ts';
import { calculateSortinoRatio } from './sortino-ratio.ts';
import { calculateStability } from './stability.ts';
import { calculateTailRatio } from './tail-ratio.ts';
import { calculateTotalReturn } from './total-return.ts';
import { calculateConditionalValueAtRisk, calculateValueAtRisk } from './value-at-risk.ts';
import { calculateWinRate } from './win-rate.ts';

/** The metric set assembled from the individual reference functions. */
function calculateReferenceMetrics(returns: Float64Array, periodsPerYear: number, position: Float64Array): PerformanceMetrics {
  const empty = returns.length === 0;
  return {
    totalReturn: calculateTotalReturn(returns),
    cagr: calculateCompoundAnnualGrowthRate(returns, periodsPerYear),
    annualVolatility: calculateAnnualVolatility(returns, periodsPerYear),
    sharpe: calculateSharpeRatio(returns, periodsPerYear),
    sortino: calculateSortinoRatio(returns, periodsPerYear),
    calmar: calculateCalmarRatio(returns, periodsPerYear),
    maxDrawdown: calculateMaxDrawdown(returns),
    maxDrawdownDurationBars: calculateMaxDrawdownDurationBars(returns),
    valueAtRisk: empty ? Number.NaN : calculateValueAtRisk(returns),
    conditionalValueAtRisk: calculateConditionalValueAtRisk(returns),
    tailRatio: calculateTailRatio(returns),
    omega: calculateOmegaRatio(returns, periodsPerYear),
    stability: calculateStability(returns),
    downsideRisk: calculateDownsideRisk(returns, periodsPerYear),
    winRate: empty ? Number.NaN : calculateWinRate(returns),
    profitFactor: empty ? Number.NaN : calculateProfitFactor(returns),
    payoffRatio: calculatePayoffRatio(returns),
    tradeCount: 3,
    exposure: calculateExposure(position),
    turnover: 1.5,
  };
}

function expectSame(actual: number, expected: number, name: string): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) expect([name, actual]).toEqual([name, expected]);
  else expect(Math.abs(actual - expected), name).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('calculatePerformanceMetrics (fused kernel) vs the individual metric functions', () => {
  const returnValue = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -0.2, max: 0.2, noNaN: true }) },
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
    { weight: 1, arbitrary: fc.constantFrom(-1, -0.5, 0.01, 0.5) },
  );
  it('agrees on every field, including NaN and degenerate cases', () => {
    fc.assert(
      fc.property(fc.array(returnValue, { maxLength: 200 }), fc.constantFrom(1, 365, 8760), (values, periodsPerYear) => {
        const returns = Float64Array.from(values);
        const position = Float64Array.from(values, (value, index) => (index % 3 === 0 ? 0 : 1));
        const actual = calculatePerformanceMetrics(returns, periodsPerYear, { position, tradeCount: 3, turnover: 1.5 });
        const expected = calculateReferenceMetrics(returns, periodsPerYear, position);
        for (const name of Object.keys(expected) as (keyof PerformanceMetrics)[]) expectSame(actual[name], expected[name], name);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
