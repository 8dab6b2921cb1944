import { describe, expect, it } from 'vitest';
import { calculateBandPoints, calculateScorecard, rankScorecards, type ScoringInputs } from './scorecard.ts';
import { defaultScoringPolicy, type ScoringPolicy } from './scoring-policy.ts';

/** A strong, complete evaluation: every metric at or beyond its band's best end. */
const strong: ScoringInputs = {
  sharpe: 2.5,
  sortino: 3.5,
  calmar: 2.2,
  maxDrawdown: -0.08,
  valueAtRisk: -0.009,
  conditionalValueAtRisk: -0.012,
  winRateDispersion: 0.01,
  robustnessScore: 1,
  probabilityOfBacktestOverfitting: 0.05,
  deflatedSharpeRatio: 0.995,
  walkForwardEfficiency: 1.2,
};

describe('calculateBandPoints', () => {
  it('maps a band linearly to 0–100 and clamps, for higher-is-better and lower-is-better bands', () => {
    expect(calculateBandPoints(1, { worst: 0, best: 2 })).toBe(50);
    expect(calculateBandPoints(3, { worst: 0, best: 2 })).toBe(100);
    expect(calculateBandPoints(-1, { worst: 0, best: 2 })).toBe(0);
    expect(calculateBandPoints(-0.35, { worst: -0.6, best: -0.1 })).toBe(50);
    expect(calculateBandPoints(0.45, { worst: 0.8, best: 0.1 })).toBeCloseTo(50, 12);
  });
});

describe('calculateScorecard', () => {
  it('gives 100 to an evaluation at the best end of every band and recommends promotion', () => {
    const card = calculateScorecard(strong, defaultScoringPolicy);
    expect(card.normalizedScore).toBe(100);
    expect(card.complete).toBe(true);
    expect(card.recommendation).toBe('promote');
    expect(card.researchOnly).toBe(false);
    expect(card.policyVersion).toBe(defaultScoringPolicy.version);
    // Weights are renormalized over factors with data: liveDrift is absent but walk-forward efficiency feeds drift.
    expect(card.factors.reduce((sum, factor) => sum + factor.weight, 0)).toBeCloseTo(1, 12);
  });

  it('computes the weighted mean of factor points by hand', () => {
    const policy: ScoringPolicy = { ...defaultScoringPolicy, weights: { riskAdjustedReturn: 1, drawdownAndTail: 1, winRateStability: 0, robustness: 0, overfitting: 0, drift: 0 } };
    // Sharpe 1 → 50, Sortino 1.5 → 50, Calmar 0.5 → 25: factor 41.67. Drawdown −0.35 → 50, VaR −0.045 → 50, CVaR −0.0675 → 50: factor 50.
    const card = calculateScorecard({ ...strong, sharpe: 1, sortino: 1.5, calmar: 0.5, maxDrawdown: -0.35, valueAtRisk: -0.045, conditionalValueAtRisk: -0.0675 }, policy);
    expect(card.factors.find((factor) => factor.factor === 'riskAdjustedReturn')!.points).toBeCloseTo(41.67, 2);
    expect(card.normalizedScore).toBeCloseTo((41.6667 + 50) / 2, 1);
  });

  it('marks missing inputs incomplete, blocks deployment and says why', () => {
    const card = calculateScorecard({ ...strong, deflatedSharpeRatio: null, probabilityOfBacktestOverfitting: Number.NaN }, defaultScoringPolicy);
    expect(card.complete).toBe(false);
    expect(card.missingInputs).toEqual(['probabilityOfBacktestOverfitting', 'deflatedSharpeRatio']);
    expect(card.researchOnly).toBe(true);
    expect(card.recommendation).toBe('monitor');
    expect(card.rationale[0]).toMatch(/Incomplete scoring inputs \(probabilityOfBacktestOverfitting, deflatedSharpeRatio\)/);
  });

  it('keeps a high score research-only when the minimum production standard fails (overfit)', () => {
    const card = calculateScorecard({ ...strong, deflatedSharpeRatio: 0.6, probabilityOfBacktestOverfitting: 0.55 }, defaultScoringPolicy);
    expect(card.normalizedScore).toBeGreaterThanOrEqual(70);
    expect(card.recommendation).toBe('monitor');
    expect(card.researchOnly).toBe(true);
    expect(card.rationale[0]).toMatch(/not promotable: Deflated Sharpe 0\.600 < 0\.95; PBO 0\.55 > 0\.5/);
  });

  it('demotes and retires weak strategies', () => {
    const weak: ScoringInputs = {
      sharpe: 0.2, sortino: 0.3, calmar: 0.1, maxDrawdown: -0.55, valueAtRisk: -0.07, conditionalValueAtRisk: -0.11,
      winRateDispersion: 0.12, robustnessScore: 0.3, probabilityOfBacktestOverfitting: 0.7, deflatedSharpeRatio: 0.55, walkForwardEfficiency: 0.2,
    };
    const retired = calculateScorecard(weak, defaultScoringPolicy);
    expect(retired.normalizedScore).toBeLessThan(30);
    expect(retired.recommendation).toBe('retire');
    expect(retired.rationale.some((line) => line.startsWith('Research only:'))).toBe(true);
    const middling = calculateScorecard({ ...weak, sharpe: 1.1, sortino: 1.6, calmar: 1, robustnessScore: 0.6, walkForwardEfficiency: 0.6 }, defaultScoringPolicy);
    expect(middling.normalizedScore).toBeGreaterThanOrEqual(30);
    expect(middling.normalizedScore).toBeLessThan(50);
    expect(middling.recommendation).toBe('demote');
  });
});

describe('rankScorecards', () => {
  it('ranks by score, then Deflated Sharpe, sharing ranks on exact ties', () => {
    const ranked = rankScorecards([
      { key: 'c', normalizedScore: 60, deflatedSharpeRatio: 0.9 },
      { key: 'a', normalizedScore: 80, deflatedSharpeRatio: 0.5 },
      { key: 'b', normalizedScore: 60, deflatedSharpeRatio: 0.97 },
      { key: 'd', normalizedScore: 60, deflatedSharpeRatio: 0.9 },
      { key: 'e', normalizedScore: 10, deflatedSharpeRatio: null },
    ]);
    expect(ranked.map((item) => `${item.rank}${item.key}`)).toEqual(['1a', '2b', '3c', '3d', '5e']);
  });
});
