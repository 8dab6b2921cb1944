import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter, recursiveIndicatorTieTolerance } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * MACD signal-line crossover (`macd`).
 *
 * Logic: `MACD = EMA(close, fastPeriod) − EMA(close, slowPeriod)`; `signal = EMA(MACD, signalPeriod)`
 * started where MACD becomes defined. Long while MACD > signal (histogram > 0); flat otherwise,
 * or short when `allowShort` and MACD < signal. A histogram within 1e−12 of the price level is a
 * tie (flat). Warm-up: `slowPeriod + signalPeriod − 2` bars.
 *
 * Source: G. Appel, "The Moving Average Convergence-Divergence Trading Method" (1979); defaults 12/26/9.
 */
export const macdStrategy: StrategyTemplate = {
  id: 'macd',
  name: 'MACD',
  description:
    'Long while the MACD line (EMA fast − EMA slow of closes) is above its signal line (EMA of MACD), flat (or short when allowShort) ' +
    'otherwise. Appel (1979), defaults 12/26/9.',
  parameterSpace: {
    parameters: [
      { name: 'fastPeriod', kind: 'integer', min: 2, max: 100, step: 1, default: 12, description: 'Fast EMA length', unit: 'bars' },
      { name: 'slowPeriod', kind: 'integer', min: 3, max: 200, step: 1, default: 26, description: 'Slow EMA length', unit: 'bars' },
      { name: 'signalPeriod', kind: 'integer', min: 2, max: 100, step: 1, default: 9, description: 'Signal-line EMA length', unit: 'bars' },
      makeAllowShortParameter(false),
    ],
    constraints: [{ description: 'fastPeriod < slowPeriod', left: 'fastPeriod', operator: '<', right: 'slowPeriod' }],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return (parameters.slowPeriod as number) + (parameters.signalPeriod as number) - 2;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const cache = IndicatorCache.for(frame, indicators);
    const length = frame.length;
    const fastPeriod = parameters.fastPeriod as number;
    const slowPeriod = parameters.slowPeriod as number;
    const fast = cache.macdLine(fastPeriod, slowPeriod); // MACD = EMA fast − EMA slow
    const signal = cache.macdSignal(fastPeriod, slowPeriod, parameters.signalPeriod as number);
    const shortTarget = parameters.allowShort === true ? -1 : 0;
    const close = frame.close;
    for (let index = 0; index < length; index++) {
      const histogram = fast[index] - signal[index];
      if (!(Math.abs(histogram) > recursiveIndicatorTieTolerance * Math.abs(close[index]))) targets[index] = 0;
      else targets[index] = histogram > 0 ? 1 : shortTarget;
    }
  },
};
