import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import { calculateWindowMeanSign } from '../indicators/exact-window-mean-comparison.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Bollinger-band mean reversion (`bollinger_mean_reversion`).
 *
 * Logic (stateful): middle band = SMA(close, period); bands = middle ± `bandWidth` × population
 * standard deviation (ddof = 0, Bollinger's definition) of the same closes. From flat: long when
 * close < lower band; short when `allowShort` and close > upper band. Exit a long when close ≥
 * middle, a short when close ≤ middle; the close-vs-middle comparison is exact on decimal prices.
 * Warm-up: `period − 1` bars.
 *
 * Source: J. Bollinger, "Bollinger on Bollinger Bands" (2001); defaults 20 bars, 2σ.
 */
export const bollingerMeanReversionStrategy: StrategyTemplate = {
  id: 'bollinger_mean_reversion',
  name: 'Bollinger-band mean reversion',
  description:
    'Buy when the close falls below the lower Bollinger band (SMA − k·σ), exit when it returns to the middle band; optionally short ' +
    'above the upper band. Bollinger (2001), population σ.',
  parameterSpace: {
    parameters: [
      { name: 'period', kind: 'integer', min: 2, max: 200, step: 1, default: 20, description: 'SMA and σ window', unit: 'bars' },
      { name: 'bandWidth', kind: 'float', min: 0.5, max: 4, step: 0.1, default: 2, description: 'Band distance from the middle', unit: 'standard deviations' },
      makeAllowShortParameter(false),
    ],
    constraints: [],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return (parameters.period as number) - 1;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const period = parameters.period as number;
    const bandWidth = parameters.bandWidth as number;
    const allowShort = parameters.allowShort === true;
    const close = frame.close;
    // With a shared cache (sweeps) the band's standard deviation is computed once per period for every bar; alone,
    // only on the flat bars that need it. Same two-pass formula, same numbers.
    const deviations = indicators === undefined ? null : IndicatorCache.for(frame, indicators).closeDeviation(period);
    const sums = IndicatorCache.for(frame, indicators).closeSum(period);
    let state = 0;
    for (let index = 0; index < frame.length; index++) {
      if (index < period - 1 || sums[index] !== sums[index]) {
        state = 0;
        targets[index] = 0;
        continue;
      }
      const middle = sums[index] / period;
      const price = close[index];
      if (state !== 0) {
        const side = calculateWindowMeanSign(close, index, price, 1, sums[index], period);
        if ((state > 0 && side >= 0) || (state < 0 && side <= 0)) state = 0;
      }
      if (state === 0) {
        let deviation: number;
        if (deviations !== null) deviation = deviations[index];
        else {
          let squares = 0;
          for (let inner = index - period + 1; inner <= index; inner++) {
            const difference = close[inner] - middle;
            squares += difference * difference;
          }
          deviation = Math.sqrt(squares / period);
        }
        const width = bandWidth * deviation;
        if (price < middle - width) state = 1;
        else if (allowShort && price > middle + width) state = -1;
      }
      targets[index] = state;
    }
  },
};
