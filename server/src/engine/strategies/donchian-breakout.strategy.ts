import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Donchian channel breakout (`donchian_breakout`).
 *
 * Logic (stateful): from flat, long when the close exceeds the highest HIGH of the previous
 * `entryPeriod` bars (current bar excluded); short when `allowShort` and the close is below the
 * lowest LOW of the previous `entryPeriod` bars. Exit a long when the close falls below the lowest
 * low of the previous `exitPeriod` bars; exit a short when it rises above the highest high of the
 * previous `exitPeriod` bars. Comparisons are between raw prices (exact). Warm-up: `entryPeriod` bars.
 *
 * Source: R. Donchian's 4-week rule; the Turtle Trading rules (C. Faith, "Way of the Turtle", 2007), System 1 = 20/10.
 */
export const donchianBreakoutStrategy: StrategyTemplate = {
  id: 'donchian_breakout',
  name: 'Donchian breakout',
  description:
    'Buy when the close breaks above the highest high of the previous N bars, exit below the lowest low of the previous M bars; ' +
    'optionally the mirror image on the short side. Donchian; Turtle System 1 (20/10).',
  parameterSpace: {
    parameters: [
      { name: 'entryPeriod', kind: 'integer', min: 2, max: 400, step: 1, default: 20, description: 'Breakout channel length', unit: 'bars' },
      { name: 'exitPeriod', kind: 'integer', min: 1, max: 400, step: 1, default: 10, description: 'Exit channel length', unit: 'bars' },
      makeAllowShortParameter(false),
    ],
    constraints: [{ description: 'exitPeriod <= entryPeriod', left: 'exitPeriod', operator: '<=', right: 'entryPeriod' }],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return parameters.entryPeriod as number;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const cache = IndicatorCache.for(frame, indicators);
    const length = frame.length;
    const entryPeriod = parameters.entryPeriod as number;
    const exitPeriod = parameters.exitPeriod as number;
    const allowShort = parameters.allowShort === true;
    const entryHigh = cache.previousHighMaximum(entryPeriod);
    const entryLow = cache.previousLowMinimum(entryPeriod);
    const exitHigh = cache.previousHighMaximum(exitPeriod);
    const exitLow = cache.previousLowMinimum(exitPeriod);
    const close = frame.close;
    let state = 0;
    for (let index = 0; index < length; index++) {
      if (index < entryPeriod) {
        targets[index] = 0;
        continue;
      }
      const price = close[index];
      if (state > 0 && price < exitLow[index]) state = 0;
      else if (state < 0 && price > exitHigh[index]) state = 0;
      if (state === 0) {
        if (price > entryHigh[index]) state = 1;
        else if (allowShort && price < entryLow[index]) state = -1;
      }
      targets[index] = state;
    }
  },
};
