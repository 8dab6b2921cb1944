import { beforeAll, describe, expect, it } from 'vitest';
import { IndicatorCache, makeGridPoints, parseParameters, runBacktest, runBacktestMetrics, strategyTemplates } from '../../src/engine/index.ts';
import type { BarFrame, PerformanceMetrics } from '../../src/engine/index.ts';
import { readMarketFrame } from '../support/market-files.ts';

let frame: BarFrame;
beforeAll(async () => {
  frame = await readMarketFrame('BTC-USDT_1h.csv', 6000);
});
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

describe('runBacktestMetrics (the fused path) against runBacktest on real bars', () => {
  it('reads real bars', () => {
    expect(frame.length).toBe(6000);
  });
  for (const template of strategyTemplates) {
    it(`${template.id}: the fused path gives runBacktest's metrics and final equity for every grid configuration`, () => {
      const cache = new IndicatorCache(frame);
      const parameterSets = makeGridPoints(template.parameterSpace, 12).map((point) => parseParameters(template, point.values));
      expect(parameterSets.length).toBeGreaterThan(3);
      for (const parameters of parameterSets) {
        const full = runBacktest(frame, template, parameters, options);
        const fused = runBacktestMetrics(frame, template, parameters, options, cache);
        expect(fused.finalEquity).toBe(full.equity[frame.length - 1]);
        for (const name of Object.keys(full.metrics) as (keyof PerformanceMetrics)[]) {
          expect([name, fused.metrics[name]]).toEqual([name, full.metrics[name]]);
        }
        expect(fused.metrics.tradeCount).toBe(full.trades.length);
      }
    });
  }
});
