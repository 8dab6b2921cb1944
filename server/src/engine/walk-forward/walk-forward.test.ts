import { describe, expect, it } from 'vitest';
import { sliceBarFrame } from '../bars/bar-frame.ts';
import type { SearchOptions } from '../search/parameter-search.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { evaluateOutOfSample, runWalkForward, runWalkForwardSegment } from './walk-forward.ts';
import { makeWalkForwardWindows } from './walk-forward-windows.ts';

const hour = 3_600_000;

describe(makeWalkForwardWindows.name, () => {
  const timestamps = Float64Array.from({ length: 10 }, (_, index) => index * hour);
  it('lays out rolling and anchored windows in bars, complete test windows only', () => {
    expect(makeWalkForwardWindows(timestamps, { scheme: 'rolling', unit: 'bars', trainSize: 4, testSize: 2 })).toEqual([
      { trainStart: 0, trainEnd: 4, testStart: 4, testEnd: 6 },
      { trainStart: 2, trainEnd: 6, testStart: 6, testEnd: 8 },
      { trainStart: 4, trainEnd: 8, testStart: 8, testEnd: 10 },
    ]);
    expect(makeWalkForwardWindows(timestamps, { scheme: 'anchored', unit: 'bars', trainSize: 4, testSize: 3 })).toEqual([
      { trainStart: 0, trainEnd: 4, testStart: 4, testEnd: 7 },
      { trainStart: 0, trainEnd: 7, testStart: 7, testEnd: 10 },
    ]);
  });
  it('measures calendar windows by timestamp, so gaps shorten windows', () => {
    const gapped = Float64Array.from([0, 1, 2, 5, 6, 7, 8, 9].map((index) => index * hour)); // bars 3 and 4 missing
    expect(makeWalkForwardWindows(gapped, { scheme: 'rolling', unit: 'milliseconds', trainSize: 4 * hour, testSize: 2 * hour })).toEqual([
      { trainStart: 0, trainEnd: 3, testStart: 3, testEnd: 4 }, // test 04:00–06:00 holds only the 05:00 bar
      { trainStart: 2, trainEnd: 4, testStart: 4, testEnd: 6 },
      { trainStart: 3, trainEnd: 6, testStart: 6, testEnd: 8 },
    ]);
  });
  it('refuses more windows than the bound before laying any out (1 ms windows over two years of hours)', () => {
    const hourly = Float64Array.from({ length: 2 * 8760 }, (_, index) => index * hour);
    expect(() => makeWalkForwardWindows(hourly, { scheme: 'rolling', unit: 'milliseconds', trainSize: 1, testSize: 1 })).toThrow(/exceed the limit of 10000/);
    expect(() => makeWalkForwardWindows(timestamps, { scheme: 'rolling', unit: 'bars', trainSize: 4, testSize: 2, maxWindows: 2 })).toThrow(/3 walk-forward windows exceed the limit of 2/);
    expect(makeWalkForwardWindows(timestamps, { scheme: 'rolling', unit: 'bars', trainSize: 4, testSize: 2, maxWindows: 3 })).toHaveLength(3);
  });
  it('rejects overlapping test windows', () => {
    expect(() => makeWalkForwardWindows(timestamps, { scheme: 'rolling', unit: 'bars', trainSize: 4, testSize: 2, stepSize: 1 })).toThrow(/stepSize/);
  });
});

describe(runWalkForward.name, () => {
  const frame = makeRandomWalkFrame(3, 1200);
  const search: SearchOptions = {
    method: 'grid',
    budget: 30,
    seed: 5,
    objective: { metric: 'sharpe', direction: 'maximize', constraints: [{ metric: 'maxDrawdown', operator: '>=', value: -0.5 }] },
  };
  const backtest = { feeBps: 5, slippageBps: 2, periodsPerYear: 8760 };
  const options = { windows: { scheme: 'rolling' as const, unit: 'bars' as const, trainSize: 400, testSize: 200 }, search, backtest };

  it('stitches the out-of-sample segments', () => {
    const result = runWalkForward(frame, smaCrossoverStrategy, options);
    expect(result.segments).toHaveLength(4);
    expect(result.outOfSampleReturns).toHaveLength(800);
    expect(result.outOfSampleTimestamps[0]).toBe(frame.timestamp[400]);
    let equity = 1;
    for (const value of result.outOfSampleReturns) equity *= 1 + value;
    expect(result.outOfSampleEquity[799]).toBeCloseTo(equity, 12);
    expect(result.outOfSampleMetrics.totalReturn).toBeCloseTo(equity - 1, 12);
    for (const segment of result.segments) {
      expect(segment.trialCount).toBeLessThanOrEqual(30);
      expect(segment.outOfSampleMetrics.maxDrawdown).toBeLessThanOrEqual(0);
      // the first OOS bar starts flat: its position comes from the fill at its own open
      expect(segment.parameters.fastPeriod as number).toBeLessThan(segment.parameters.slowPeriod as number);
    }
    expect(result.walkForwardEfficiency).toBeCloseTo(result.outOfSampleMetrics.cagr / (result.segments.reduce((sum, segment) => sum + segment.inSampleMetrics.cagr, 0) / 4), 12);
  });

  it('does not look ahead: segments are unchanged when later bars are removed', () => {
    const full = runWalkForward(frame, smaCrossoverStrategy, options);
    const truncated = runWalkForward(sliceBarFrame(frame, 0, 800), smaCrossoverStrategy, options);
    expect(truncated.segments).toHaveLength(2);
    expect(truncated.segments.map((segment) => segment.parameters)).toEqual(full.segments.slice(0, 2).map((segment) => segment.parameters));
    expect(Array.from(truncated.outOfSampleReturns)).toEqual(Array.from(full.outOfSampleReturns.subarray(0, 400)));
  });
});

describe(runWalkForwardSegment.name, () => {
  const frame = makeRandomWalkFrame(5, 900);
  const options = {
    windows: { scheme: 'rolling' as const, unit: 'bars' as const, trainSize: 400, testSize: 200 },
    search: { method: 'random' as const, budget: 12, seed: 9, objective: { metric: 'sharpe' as const, direction: 'maximize' as const, constraints: [] } },
    backtest: { feeBps: 10, slippageBps: 5, periodsPerYear: 8760 },
  };
  const window = makeWalkForwardWindows(frame.timestamp, options.windows)[1]!;

  it('gives every trial the same in-sample numbers with shared targets, and out-of-sample numbers equal to evaluateOutOfSample', () => {
    const plain = runWalkForwardSegment(frame, smaCrossoverStrategy, options, window, 1, true);
    const shared = runWalkForwardSegment(frame, smaCrossoverStrategy, options, window, 1, true, true);
    expect(plain.trialsOutOfSample).toEqual([]);
    expect(shared.search.trials.map((trial) => trial.metrics)).toEqual(plain.search.trials.map((trial) => trial.metrics));
    expect(shared.search.trials.map((trial) => Array.from(trial.returns!))).toEqual(plain.search.trials.map((trial) => Array.from(trial.returns!)));
    expect(shared.segment).toEqual(plain.segment);
    expect(shared.trialsOutOfSample).toHaveLength(12);
    shared.search.trials.forEach((trial, index) => {
      expect(shared.trialsOutOfSample[index]!.metrics).toEqual(evaluateOutOfSample(frame, smaCrossoverStrategy, trial.parameters, window, options.backtest).metrics);
    });
  });
});
