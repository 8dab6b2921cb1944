import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * RSI mean reversion (`rsi_mean_reversion`).
 *
 * Logic (stateful, one pass): with Wilder's RSI(period), enter long when RSI < `oversold`; hold
 * until RSI > `exitLevel`, then flat. When `allowShort`, enter short when RSI > `overbought` and
 * hold until RSI < `exitLevel`. From flat, oversold is checked before overbought.
 * Warm-up: `period` bars.
 *
 * Source: J. W. Wilder (1978) for RSI and the 30/70 levels; the mean-reversion use follows
 * L. Connors & C. Alvarez, "Short Term Trading Strategies That Work" (2008).
 */
export const rsiMeanReversionStrategy: StrategyTemplate = {
  id: 'rsi_mean_reversion',
  name: 'RSI mean reversion',
  description:
    "Buy when Wilder's RSI falls below the oversold level, exit when it recovers above the exit level; optionally short above the " +
    'overbought level until RSI falls below the exit level. Wilder (1978); Connors & Alvarez (2008).',
  parameterSpace: {
    parameters: [
      { name: 'period', kind: 'integer', min: 2, max: 100, step: 1, default: 14, description: 'RSI length', unit: 'bars' },
      { name: 'oversold', kind: 'float', min: 1, max: 49, step: 1, default: 30, description: 'Enter long below this RSI', unit: 'RSI points (0–100)' },
      { name: 'exitLevel', kind: 'float', min: 2, max: 98, step: 1, default: 50, description: 'Exit when RSI crosses back past this level', unit: 'RSI points (0–100)' },
      { name: 'overbought', kind: 'float', min: 51, max: 99, step: 1, default: 70, description: 'Enter short above this RSI (allowShort)', unit: 'RSI points (0–100)' },
      makeAllowShortParameter(false),
    ],
    constraints: [
      { description: 'oversold < exitLevel', left: 'oversold', operator: '<', right: 'exitLevel' },
      { description: 'exitLevel < overbought', left: 'exitLevel', operator: '<', right: 'overbought' },
    ],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return parameters.period as number;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const rsi = IndicatorCache.for(frame, indicators).closeRsi(parameters.period as number);
    const oversold = parameters.oversold as number;
    const overbought = parameters.overbought as number;
    const exitLevel = parameters.exitLevel as number;
    const allowShort = parameters.allowShort === true;
    let state = 0;
    for (let index = 0; index < frame.length; index++) {
      const value = rsi[index];
      if (value !== value) {
        state = 0;
      } else if (state > 0) {
        if (value > exitLevel) state = 0;
      } else if (state < 0) {
        if (value < exitLevel) state = 0;
      }
      if (state === 0 && value === value) {
        if (value < oversold) state = 1;
        else if (allowShort && value > overbought) state = -1;
      }
      targets[index] = state;
    }
  },
};
