import { describe, expect, it } from 'vitest';
import { calculateSharpeRatio } from '../metrics/sharpe-ratio.ts';
import type { ParameterSpace } from '../parameters/parameter-space.ts';
import { makeBacktestEvaluator, runParameterSearch } from '../search/parameter-search.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { calculateProbabilityOfBacktestOverfitting } from './backtest-overfitting.ts';
import { calculateDeflatedSharpeRatio } from './deflated-sharpe-ratio.ts';

/** The SMA-crossover space with long/short fixed on, so the null has zero expected Sharpe. */
const longShortSmaSpace: ParameterSpace = {
  constraints: smaCrossoverStrategy.parameterSpace.constraints,
  parameters: smaCrossoverStrategy.parameterSpace.parameters.map((definition) =>
    definition.name === 'allowShort' ? { ...definition, kind: 'categorical' as const, choices: [true], default: true } : definition,
  ),
};

interface SelectionOutcome {
  deflatedSharpeRatio: number;
  probabilityOfBacktestOverfitting: number;
}

/** A 200-trial random search on a 4000-bar hourly series, then DSR of the winner and PBO (S = 10) of all trials. */
function runSelection(seed: number, trendStrength: number): SelectionOutcome {
  const frame = makeRandomWalkFrame(seed, 4000, { trendStrength });
  const search = runParameterSearch(longShortSmaSpace, makeBacktestEvaluator(frame, smaCrossoverStrategy, { feeBps: 0, slippageBps: 0, periodsPerYear: 8760 }), {
    method: 'random',
    budget: 200,
    seed,
    keepReturns: true,
    objective: { metric: 'sharpe', direction: 'maximize', constraints: [] },
  });
  const returnsByTrial = search.trials.map((trial) => trial.returns ?? new Float64Array(0));
  const trialSharpes = Float64Array.from(returnsByTrial, (returns) => calculateSharpeRatio(returns, 1));
  const best = search.best?.returns ?? new Float64Array(0);
  return {
    deflatedSharpeRatio: calculateDeflatedSharpeRatio(best, trialSharpes).deflatedSharpeRatio,
    probabilityOfBacktestOverfitting: calculateProbabilityOfBacktestOverfitting(returnsByTrial, 10).probabilityOfBacktestOverfitting,
  };
}

const seeds = Array.from({ length: 20 }, (_, index) => index + 1);

describe('selection bias acceptance (20 seeds, 200-configuration searches)', () => {
  it('random walks: the best of 200 is not significant by DSR in ≥ 19 of 20 seeds and PBO averages ≈ 0.5', () => {
    const outcomes = seeds.map((seed) => runSelection(seed, 0));
    const significant = outcomes.filter((outcome) => outcome.deflatedSharpeRatio > 0.95).length;
    expect(significant).toBeLessThanOrEqual(1);
    const meanPbo = outcomes.reduce((sum, outcome) => sum + outcome.probabilityOfBacktestOverfitting, 0) / outcomes.length;
    expect(meanPbo).toBeGreaterThan(0.35);
    expect(meanPbo).toBeLessThan(0.65);
  });

  it('planted trend: DSR is significant and PBO is low', () => {
    const outcomes = seeds.map((seed) => runSelection(seed, 0.3));
    const significant = outcomes.filter((outcome) => outcome.deflatedSharpeRatio > 0.95).length;
    expect(significant).toBeGreaterThanOrEqual(19);
    const meanPbo = outcomes.reduce((sum, outcome) => sum + outcome.probabilityOfBacktestOverfitting, 0) / outcomes.length;
    expect(meanPbo).toBeLessThan(0.1);
  });
});
