import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/simulator.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { makeGridPoints } from './grid-points.ts';
import { runTemplateSweep } from './template-sweep.ts';

const frame = makeRandomWalkFrame(23, 2000, { trendStrength: 0.1, volatility: 0.02 });
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

describe(runTemplateSweep.name, () => {
  for (const template of strategyTemplates) {
    it(`${template.id}: shared-indicator targets equal computeTargets and every configuration agrees with runBacktest`, () => {
      const parameterSets = makeGridPoints(template.parameterSpace, 24).map((point) => parseParameters(template, point.values));
      expect(parameterSets.length).toBeGreaterThan(4);
      const cache = new IndicatorCache(frame);
      const sweep = runTemplateSweep(frame, template, parameterSets, options, cache);
      parameterSets.forEach((parameters, index) => {
        const alone = new Float64Array(frame.length);
        const shared = new Float64Array(frame.length);
        template.computeTargets(frame, parameters, alone);
        template.computeTargets(frame, parameters, shared, cache);
        expect(Array.from(shared)).toEqual(Array.from(alone));
        const full = runBacktest(frame, template, parameters, options);
        expect(sweep.totalReturn[index]).toBe(full.equity[frame.length - 1] / 1000 - 1);
        if (Number.isFinite(full.metrics.sharpe)) expect(sweep.sharpe[index]).toBeCloseTo(full.metrics.sharpe, 8);
        else expect(sweep.sharpe[index]).toBeNaN();
        expect(sweep.fillCount[index]).toBeGreaterThanOrEqual(full.trades.length);
      });
    });
  }

  it('refuses an indicator cache of another frame, naming it', () => {
    const template = strategyTemplates[0]!;
    const parameters = parseParameters(template, {});
    expect(() => runTemplateSweep(frame, template, [parameters], options, new IndicatorCache(makeRandomWalkFrame(1, 50)))).toThrow(/indicator/);
  });
});
