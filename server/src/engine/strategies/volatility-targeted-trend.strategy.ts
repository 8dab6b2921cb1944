import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { makeAllowShortParameter } from './allow-short-parameter.ts';
import { assertTargetCapacity } from './assert-target-capacity.ts';
import type { StrategyTemplate } from './strategy-template.ts';

const millisecondsPerYear = 365 * 86_400_000;

/**
 * Volatility-targeted trend (`volatility_targeted_trend`).
 *
 * Logic: direction = sign of the trailing `lookbackPeriod`-bar return (time-series momentum; flat
 * when negative unless `allowShort`). Size = `min(targetVolatility / σ̂ₜ, maxLeverage)` where σ̂ₜ
 * is the annualized realized volatility (sample std of the last `volatilityPeriod` log returns ×
 * √P). P is inferred causally as `365 days / smallest bar spacing seen so far` (24/7 market).
 * The size is rounded to a multiple of `positionStep` (never above `maxLeverage`), so the engine
 * re-balances only when the rounded size changes. Warm-up: `max(lookbackPeriod, volatilityPeriod)` bars.
 *
 * Source: Moskowitz, Ooi & Pedersen (2012), JFE 104(2) (40 % ex-ante volatility scaling);
 * C. Harvey et al. (2018), "The impact of volatility targeting", J. of Portfolio Management 45(1).
 */
export const volatilityTargetedTrendStrategy: StrategyTemplate = {
  id: 'volatility_targeted_trend',
  name: 'Volatility-targeted trend',
  description:
    'Trend direction from the trailing lookback return; position sized to a target annualized volatility using trailing realized ' +
    'volatility, capped at a maximum leverage and rounded to a position step. Moskowitz, Ooi & Pedersen (2012); Harvey et al. (2018).',
  parameterSpace: {
    parameters: [
      { name: 'lookbackPeriod', kind: 'integer', min: 2, max: 2000, step: 1, default: 90, description: 'Trend (trailing return) window', unit: 'bars' },
      { name: 'volatilityPeriod', kind: 'integer', min: 2, max: 2000, step: 1, default: 30, description: 'Realized-volatility window', unit: 'bars' },
      { name: 'targetVolatility', kind: 'float', min: 0.01, max: 2, step: 0.01, default: 0.4, description: 'Target volatility', unit: 'annualized fraction' },
      { name: 'maxLeverage', kind: 'float', min: 0.1, max: 5, step: 0.1, default: 2, description: 'Cap on |position|', unit: 'fraction of equity' },
      { name: 'positionStep', kind: 'float', min: 0.01, max: 1, step: 0.01, default: 0.25, description: 'Rounding grid of the position size', unit: 'fraction of equity' },
      makeAllowShortParameter(false),
    ],
    constraints: [],
  },
  allowsShort: true,
  warmupBars(parameters: ParameterValues): number {
    return Math.max(parameters.lookbackPeriod as number, parameters.volatilityPeriod as number);
  },
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void {
    assertTargetCapacity(frame, targets);
    const length = frame.length;
    const lookback = parameters.lookbackPeriod as number;
    const volatilityPeriod = parameters.volatilityPeriod as number;
    const targetVolatility = parameters.targetVolatility as number;
    const maxLeverage = parameters.maxLeverage as number;
    const positionStep = parameters.positionStep as number;
    const maxSteps = Math.floor(maxLeverage / positionStep + 1e-9);
    const shortSign = parameters.allowShort === true ? -1 : 0;
    const perBarVolatility = IndicatorCache.for(frame, indicators).closeRealizedVolatility(volatilityPeriod);
    const close = frame.close;
    const timestamp = frame.timestamp;
    const warmup = Math.max(lookback, volatilityPeriod);
    let smallestSpacing = Number.POSITIVE_INFINITY;
    for (let index = 0; index < length; index++) {
      if (index > 0) {
        const spacing = timestamp[index] - timestamp[index - 1];
        if (spacing < smallestSpacing) smallestSpacing = spacing;
      }
      if (index < warmup) {
        targets[index] = 0;
        continue;
      }
      const now = close[index];
      const then = close[index - lookback];
      const direction = now > then ? 1 : now < then ? shortSign : 0;
      const volatility = perBarVolatility[index] * Math.sqrt(millisecondsPerYear / smallestSpacing);
      if (direction === 0 || !(volatility >= 0)) {
        targets[index] = 0;
        continue;
      }
      const size = Math.min(targetVolatility / volatility, maxLeverage);
      const steps = Math.min(Math.round(size / positionStep), maxSteps);
      targets[index] = direction * steps * positionStep;
    }
  },
};
