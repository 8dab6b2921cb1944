import { describe, expect, it } from 'vitest';
import { explainScorecardEntry, scorecardRankChange, type ExplainedFactor } from './scorecard-explanation.ts';

const factor = (name: string, points: number | null, weight: number, metrics: ExplainedFactor['metrics'] = []): ExplainedFactor => ({ factor: name, points, weight, contribution: (points ?? 0) * weight, metrics });

describe('explainScorecardEntry', () => {
  it('names the factors that held the score back (with their weakest input and unit) and those that carried it', () => {
    const text = explainScorecardEntry({
      recommendation: 'monitor',
      normalizedScore: 47.61,
      complete: true,
      missingInputs: [],
      factors: [
        factor('riskAdjustedReturn', 85, 0.25, [{ metric: 'sharpe', value: 1.4, points: 85 }]),
        factor('overfitting', 20, 0.2, [
          { metric: 'probabilityOfBacktestOverfitting', value: 0.68, points: 20 },
          { metric: 'deflatedSharpeRatio', value: 0.9, points: 90 },
        ]),
        factor('drawdownAndTail', 40, 0.25, [{ metric: 'maxDrawdown', value: -0.312, points: 40 }]),
        factor('drift', null, 0, []),
      ],
    });
    expect(text).toBe(
      'Monitor at 47.6 / 100: held back by Overfitting (20 of 100 points, weight 20 %: PBO 68 %) and Drawdown and tail risk (40 of 100 points, weight 25 %: Max drawdown −31.2 %); carried by Risk-adjusted return (85 of 100 points, weight 25 %).',
    );
    expect(text).not.toMatch(/Score \d+(\.\d+)? </); // not the circular "Score 47.61 < 50"
  });

  it('says when no factor stands out and names missing inputs', () => {
    expect(explainScorecardEntry({ recommendation: 'PROMOTE', normalizedScore: 55, complete: false, missingInputs: ['liveDrift', 'walkForwardEfficiency'], factors: [factor('robustness', 70, 1)] })).toBe(
      'Promote at 55.0 / 100: carried by Regime robustness (70 of 100 points, weight 100 %); inputs missing: Live drift |ΔSharpe|, Walk-forward efficiency (OOS ÷ IS).',
    );
    expect(explainScorecardEntry({ recommendation: 'retire', normalizedScore: 55, complete: true, missingInputs: [], factors: [] })).toBe('Retire at 55.0 / 100: no factor stands out.');
  });
});

describe('scorecardRankChange', () => {
  it('is previous − current rank; null when either is missing', () => {
    expect(scorecardRankChange(2, 5)).toBe(3);
    expect(scorecardRankChange(5, 2)).toBe(-3);
    expect(scorecardRankChange(3, 3)).toBe(0);
    expect(scorecardRankChange(3, null)).toBeNull();
    expect(scorecardRankChange(3, undefined)).toBeNull();
    expect(scorecardRankChange(null, 3)).toBeNull();
  });
});
