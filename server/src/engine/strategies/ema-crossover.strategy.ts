import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter, recursiveIndicatorTieTolerance } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Exponential-moving-average crossover (`ema_crossover`).
 *
 * Logic: EMAs of closes with `α = 2/(n+1)`, each seeded by the SMA of its first n closes. Long
 * while EMA(fast) > EMA(slow); flat otherwise, or short when `allowShort` and EMA(fast) <
 * EMA(slow). Values within a relative 1e−12 are a tie (flat). Warm-up: `slowPeriod − 1` bars.
 *
 * Source: dual moving-average rule with exponential smoothing (Appel 1979; Brock, Lakonishok &
 * LeBaron 1992 for the rule family).
 */
export const emaCrossoverStrategy: StrategyTemplate = {
  id: 'ema_crossover',
  name: 'EMA crossover',
  description:
    'Long while the fast exponential moving average of closes is above the slow one, flat (or short when allowShort) otherwise. ' +
    'EMAs seeded with an SMA, α = 2/(n+1).',
  parameterSpace: {
    parameters: [
      { name: 'fastPeriod', kind: 'integer', min: 2, max: 200, step: 1, default: 12, description: 'Length of the fast EMA', unit: 'bars' },
      { name: 'slowPeriod', kind: 'integer', min: 3, max: 400, step: 1, default: 26, description: 'Length of the slow EMA', unit: 'bars' },
      makeAllowShortParameter(false),
    ],
    constraints: [{ description: 'fastPeriod < slowPeriod', left: 'fastPeriod', operator: '<', right: 'slowPeriod' }],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return (parameters.slowPeriod as number) - 1;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const cache = IndicatorCache.for(frame, indicators);
    const fast = cache.closeEma(parameters.fastPeriod as number);
    const slow = cache.closeEma(parameters.slowPeriod as number);
    const shortTarget = parameters.allowShort === true ? -1 : 0;
    for (let index = 0; index < frame.length; index++) {
      const difference = fast[index] - slow[index];
      if (!(Math.abs(difference) > recursiveIndicatorTieTolerance * (Math.abs(fast[index]) + Math.abs(slow[index])))) targets[index] = 0;
      else targets[index] = difference > 0 ? 1 : shortTarget;
    }
  },
};
