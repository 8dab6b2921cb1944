import { describe, expect, it } from 'vitest';
import { calculateProbabilityOfBacktestOverfitting } from '../overfitting/backtest-overfitting.ts';
import { calculateVolatilityRegimes } from '../regimes/volatility-regimes.ts';
import type { SearchObjective } from '../search/search-objective.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { runOptimizationSegment } from './optimization-segment.ts';
import { summarizeOptimization } from './optimization-summary.ts';
import { runWalkForwardSegment, type WalkForwardOptions } from './walk-forward.ts';
import { makeWalkForwardWindows } from './walk-forward-windows.ts';

const frame = makeRandomWalkFrame(11, 1500, { trendStrength: 0.1 });
const backtest = { feeBps: 10, slippageBps: 5, periodsPerYear: 2190 };
const bandIndex = calculateVolatilityRegimes(frame, { periodsPerYear: backtest.periodsPerYear }).bandIndex;
const objective: SearchObjective = { metric: 'sharpe', direction: 'maximize', constraints: [] };
const options: WalkForwardOptions = {
  windows: { scheme: 'rolling', unit: 'bars', trainSize: 600, testSize: 300 },
  search: { method: 'random', budget: 12, seed: 3, objective },
  backtest,
};
const windows = makeWalkForwardWindows(frame.timestamp, options.windows);
const segments = windows.map((window, index) => runOptimizationSegment(frame, smaCrossoverStrategy, options, window, index, bandIndex));

describe(runOptimizationSegment.name, () => {
  it('gives the golden segment statistics (choice, WFE, PBO, DSR, matrix shape, robustness)', () => {
    const golden = [
      { parameters: { fastPeriod: 188, slowPeriod: 357, allowShort: true }, walkForwardEfficiency: -0.24163466080109267, pbo: 0.36884226884226884, dsr: 0.44814234350988813, robustness: 1 / 3 },
      { parameters: { fastPeriod: 31, slowPeriod: 77, allowShort: false }, walkForwardEfficiency: 0.5667857306323323, pbo: 0.7089355089355089, dsr: 0.5229652296405765, robustness: 1 / 3 },
      { parameters: { fastPeriod: 178, slowPeriod: 213, allowShort: false }, walkForwardEfficiency: -0.04370744906405127, pbo: 0.7491064491064491, dsr: 0.3392267377570556, robustness: 0.5 },
    ];
    expect(segments).toHaveLength(3);
    segments.forEach((segment, index) => {
      const expected = golden[index]!;
      expect(segment.parameters).toEqual(expected.parameters);
      expect(segment.walkForwardEfficiency).toBeCloseTo(expected.walkForwardEfficiency, 10);
      expect(segment.probabilityOfBacktestOverfitting).toBeCloseTo(expected.pbo, 12);
      expect(segment.deflatedSharpeRatio).toBeCloseTo(expected.dsr, 10);
      expect(segment.matrix).toMatchObject({ rows: 192, groupBars: 3 });
      expect(segment.trials).toHaveLength(12);
      expect(segment.trials[0]!.robustness).toBeCloseTo(expected.robustness, 12);
    });
  });

  it('agrees with the engine walk-forward segment and computes PBO from exactly the stored matrix', () => {
    const segment = segments[1]!;
    const reference = runWalkForwardSegment(frame, smaCrossoverStrategy, options, windows[1]!, 1);
    expect(segment.parameters).toEqual(reference.segment.parameters);
    expect(segment.outOfSampleMetrics.sharpe).toBe(reference.segment.outOfSampleMetrics.sharpe);
    expect(Array.from(segment.outOfSampleReturns)).toEqual(Array.from(reference.outOfSample.returns));
    expect(segment.probabilityOfBacktestOverfitting).toBe(calculateProbabilityOfBacktestOverfitting(segment.matrix.series, 16).probabilityOfBacktestOverfitting);
  });
});

describe(summarizeOptimization.name, () => {
  it('gives the golden summary', () => {
    const summary = summarizeOptimization(smaCrossoverStrategy, smaCrossoverStrategy.parameterSpace, objective, [
      {
        frame,
        bandIndex,
        backtest,
        segments: segments.map((segment, index) => ({
          window: windows[index]!,
          parameters: segment.parameters,
          inSampleMetrics: segment.inSampleMetrics,
          outOfSampleMetrics: segment.outOfSampleMetrics,
          outOfSampleReturns: segment.outOfSampleReturns,
          probabilityOfBacktestOverfitting: segment.probabilityOfBacktestOverfitting,
          deflatedSharpeRatio: segment.deflatedSharpeRatio,
        })),
      },
    ]);
    expect(summary).toMatchObject({ bestDatasetIndex: 0, bestSegmentIndex: 2, bestParameters: { fastPeriod: 178, slowPeriod: 213, allowShort: false } });
    expect(summary.probabilityOfBacktestOverfitting).toBeCloseTo(0.6089614089614089, 12);
    expect(summary.deflatedSharpeRatio).toBeCloseTo(0.4367781036358401, 10);
    expect(summary.probabilisticSharpeRatio).toBeCloseTo(0.5672659075230821, 10);
    expect(summary.walkForwardEfficiency).toBeCloseTo(0.027011727532053907, 10);
    expect(summary.robustnessScore).toBeCloseTo(1 / 3, 12);
    expect(summary.outOfSampleMetrics.sharpe).toBeCloseTo(0.2645576873891412, 10);
    expect(summary.sensitivity.neighborhoodRatio).toBeCloseTo(0.9921406606045097, 10);
  });
});
