import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/simulator.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { makeGridPoints } from './grid-points.ts';
import { runTemplateMetricsSweep } from './template-metrics-sweep.ts';

const frame = makeRandomWalkFrame(29, 2000, { trendStrength: 0.1, volatility: 0.02 });
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

describe(runTemplateMetricsSweep.name, () => {
  for (const template of strategyTemplates) {
    it(`${template.id}: every configuration has runBacktest's metrics, trade count and final equity`, () => {
      const parameterSets = makeGridPoints(template.parameterSpace, 16).map((point) => parseParameters(template, point.values));
      expect(parameterSets.length).toBeGreaterThan(3);
      const sweep = runTemplateMetricsSweep(frame, template, parameterSets, options);
      expect(sweep).toHaveLength(parameterSets.length);
      parameterSets.forEach((parameters, index) => {
        const full = runBacktest(frame, template, parameters, options);
        expect(sweep[index]!.metrics).toEqual(full.metrics);
        expect(sweep[index]!.metrics.tradeCount).toBe(full.trades.length);
        expect(sweep[index]!.finalEquity).toBe(full.equity[frame.length - 1]);
      });
    });
  }

  it('refuses an indicator cache of another frame, naming it', () => {
    const template = strategyTemplates[0]!;
    expect(() => runTemplateMetricsSweep(frame, template, [parseParameters(template, {})], options, new IndicatorCache(makeRandomWalkFrame(1, 50)))).toThrow(
      expect.objectContaining({ field: 'indicators' }),
    );
  });
});
