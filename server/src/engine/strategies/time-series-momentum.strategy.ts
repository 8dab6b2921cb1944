import type { BarFrame } from '../bars/bar-frame.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Time-series momentum (`time_series_momentum`).
 *
 * Logic: the sign of the trailing `lookbackPeriod`-bar return, `close[t] / close[t − L] − 1`.
 * Long when positive; short when negative and `allowShort` (the default, as in the paper),
 * otherwise flat; an exactly unchanged price is flat (raw price comparison, exact).
 * Warm-up: `lookbackPeriod` bars. Unlevered (±1); see `volatility_targeted_trend` for the
 * paper's volatility scaling.
 *
 * Source: T. Moskowitz, Y. H. Ooi & L. H. Pedersen (2012), "Time series momentum",
 * J. of Financial Economics 104(2), 228–250 (12-month lookback on monthly data).
 */
export const timeSeriesMomentumStrategy: StrategyTemplate = {
  id: 'time_series_momentum',
  name: 'Time-series momentum',
  description:
    'Long when the trailing lookback return is positive, short (or flat) when negative. Moskowitz, Ooi & Pedersen (2012), JFE 104(2).',
  parameterSpace: {
    parameters: [
      { name: 'lookbackPeriod', kind: 'integer', min: 2, max: 2000, step: 1, default: 90, description: 'Trailing return window', unit: 'bars' },
      makeAllowShortParameter(true, 'Short when the trailing return is negative (as in the paper) instead of staying flat'),
    ],
    constraints: [],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return parameters.lookbackPeriod as number;
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array): void {
    assertTargetCapacity(frame, targets);
    const lookback = parameters.lookbackPeriod as number;
    const shortTarget = parameters.allowShort === true ? -1 : 0;
    const close = frame.close;
    for (let index = 0; index < frame.length; index++) {
      if (index < lookback) {
        targets[index] = 0;
        continue;
      }
      const now = close[index];
      const then = close[index - lookback];
      targets[index] = now > then ? 1 : now < then ? shortTarget : 0;
    }
  },
};
