import { describe, expect, it } from 'vitest';
import { makeGridPoints } from './grid-points.ts';
import { makeBacktestEvaluator } from './parameter-search.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';

const frame = makeRandomWalkFrame(41, 2500, { trendStrength: 0.1, volatility: 0.02 });
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760 };

describe(makeBacktestEvaluator.name, () => {
  for (const template of strategyTemplates) {
    it(`${template.id}: without returns (fused path, shared indicator cache) the metrics equal those with returns`, () => {
      const withReturns = makeBacktestEvaluator(frame, template, options);
      const metricsOnly = makeBacktestEvaluator(frame, template, options, false);
      for (const point of makeGridPoints(template.parameterSpace, 8)) {
        const full = withReturns(point.values);
        const fused = metricsOnly(point.values);
        expect(fused.metrics).toEqual(full.metrics);
        expect(full.returns?.length).toBe(frame.length);
        expect(fused.returns).toBeUndefined();
      }
    });
  }
});
