import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import { calculateWindowMeanSign, nearTieRelativeTolerance } from '../indicators/exact-window-mean-comparison.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Write SMA-crossover targets for pre-computed trailing close sums (shared by the template and the
 * parameter-sweep benchmark). `fastSums[t]`/`slowSums[t]` are the sums of the last
 * `fastPeriod`/`slowPeriod` closes ending at `t` (NaN during warm-up).
 * Target: `1` when fast SMA > slow SMA, `-1` when below and `allowShort`, else `0`; an exact tie is `0`.
 */
export function calculateSmaCrossoverTargets(
  close: Float64Array,
  fastSums: Float64Array,
  fastPeriod: number,
  slowSums: Float64Array,
  slowPeriod: number,
  allowShort: boolean,
  length: number,
  targets: Float64Array,
): void {
  const shortTarget = allowShort ? -1 : 0;
  const warmup = slowPeriod - 1 < length ? slowPeriod - 1 : length;
  for (let index = 0; index < warmup; index++) targets[index] = 0;
  let index = warmup;
  while (index < length) {
    // Clear bars: a call-free loop (so the optimizing compiler keeps the arrays' checks out of it) of the fast floating
    // comparison of the scaled sums. With both sides > 0 the band |left − right| ≤ 1e−9·(left + right) is
    // `left ≤ right·f` and `right ≤ left·f` with one factor f (its rounding, ~1e−16, is far inside the band), and outside
    // the band the floating sign is the exact one.
    for (; index < length; index++) {
      const left = fastSums[index] * slowPeriod;
      const right = slowSums[index] * fastPeriod;
      if (right > 0 && left > right * nearTieFactor) targets[index] = 1;
      else if (left > 0 && left * nearTieFactor < right) targets[index] = shortTarget;
      else break;
    }
    if (index >= length) break;
    // A near tie (or a non-positive or NaN sum): the exact decimal recomputation decides.
    const sign = calculateWindowMeanSign(close, index, fastSums[index], fastPeriod, slowSums[index], slowPeriod);
    targets[index] = sign > 0 ? 1 : sign < 0 ? shortTarget : 0;
    index++;
  }
}

/** `(1 + 1e−9) / (1 − 1e−9)`: the near-tie band of two positive values as one factor. */
const nearTieFactor = (1 + nearTieRelativeTolerance) / (1 - nearTieRelativeTolerance);

/**
 * Simple-moving-average crossover (`sma_crossover`).
 *
 * Logic: at each close, compare the arithmetic mean of the last `fastPeriod` closes with the mean
 * of the last `slowPeriod` closes. Long (target 1) while fast > slow; otherwise flat, or short
 * (target −1) when `allowShort` and fast < slow. An exact tie (compared on the decimal prices,
 * see `exact-window-mean-comparison.ts`) is flat. Warm-up: `slowPeriod − 1` bars.
 *
 * Source: the classic dual moving-average rule; R. Gencay (1996), "Non-linear prediction of
 * security returns with moving average rules", J. of Forecasting 15(3); Brock, Lakonishok &
 * LeBaron (1992), J. of Finance 47(5) (variable-length moving average rules).
 */
export const smaCrossoverStrategy: StrategyTemplate = {
  id: 'sma_crossover',
  name: 'SMA crossover',
  description:
    'Long while the fast simple moving average of closes is above the slow one, flat (or short when allowShort) otherwise; ' +
    'exact ties are flat. Dual moving-average rule (Brock, Lakonishok & LeBaron 1992).',
  parameterSpace: {
    parameters: [
      { name: 'fastPeriod', kind: 'integer', min: 2, max: 200, step: 1, default: 20, description: 'Length of the fast SMA', unit: 'bars' },
      { name: 'slowPeriod', kind: 'integer', min: 3, max: 400, step: 1, default: 50, description: 'Length of the slow SMA', unit: 'bars' },
      { name: 'allowShort', kind: 'boolean', default: false, description: 'Go short (−1) while fast < slow instead of flat' },
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
    const fastPeriod = parameters.fastPeriod as number;
    const slowPeriod = parameters.slowPeriod as number;
    const fastSums = cache.closeSum(fastPeriod);
    const slowSums = cache.closeSum(slowPeriod);
    calculateSmaCrossoverTargets(frame.close, fastSums, fastPeriod, slowSums, slowPeriod, parameters.allowShort === true, frame.length, targets);
  },
};
