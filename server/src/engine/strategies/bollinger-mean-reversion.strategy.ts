import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import { calculateWindowMeanSign } from '../indicators/exact-window-mean-comparison.ts';
import { calculateWindowDeviation, SlidingWindowVariance } from '../indicators/window-deviation.ts';
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
    const length = frame.length;
    const sums = IndicatorCache.for(frame, indicators).closeSum(period);
    // The band's σ from flat: a running estimate decides where the close is clearly inside or outside the band, the
    // exact two-pass σ elsewhere (and after any NaN): O(1) instead of O(period) a flat bar, the same decisions. (It
    // replaced the exact σ of every bar — per flat bar alone, once per period from a shared cache — in both uses.)
    const estimate = new SlidingWindowVariance(close, period);
    let state = 0;
    for (let index = 0; index < length; index++) {
      estimate.advance(index);
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
      if (state === 0) state = entryFromFlat(close, index, period, middle, price, bandWidth, allowShort, estimate);
      targets[index] = state;
    }
  },
};

/**
 * The state taken from flat at bar `index`: 1 when `price < middle − bandWidth·σ`, −1 when `allowShort` and
 * `price > middle + bandWidth·σ`, else 0, σ being the exact two-pass {@link calculateWindowDeviation}, compared in
 * floating point as written. `estimate` (at `index`) decides alone when the price is farther from each band edge than
 * `bandWidth·√errorBound()` (|√a − √b| ≤ √|a − b|) plus 1e−9 of the middle, which covers the rounding of σ and of the
 * comparison many times over; there the exact comparison cannot come out otherwise.
 */
function entryFromFlat(close: Float64Array, index: number, period: number, middle: number, price: number, bandWidth: number, allowShort: boolean, estimate: SlidingWindowVariance): number {
  const variance = estimate.variance();
  if (variance === variance) {
    const estimatedWidth = bandWidth * Math.sqrt(variance > 0 ? variance : 0);
    const margin = bandWidth * Math.sqrt(estimate.errorBound()) + 1e-9 * Math.abs(middle);
    const below = middle - price - estimatedWidth;
    const above = price - middle - estimatedWidth;
    if (below > margin) return 1;
    if (below < -margin && (!allowShort || above < -margin)) return 0;
    if (allowShort && above > margin && below < -margin) return -1;
  }
  const width = bandWidth * calculateWindowDeviation(close, index, period, middle);
  if (price < middle - width) return 1;
  if (allowShort && price > middle + width) return -1;
  return 0;
}
