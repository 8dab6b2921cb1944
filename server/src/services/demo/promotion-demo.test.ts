import { describe, expect, it } from 'vitest';
import { calculateVolatilityRegimes, makeBarFrame, periodsPerYear } from '../../engine/index.ts';
import { parseOhlcvFile } from '../market-data/ohlcv-file.ts';
import { syntheticTrendBarsCsv } from '../../domain/market-data/synthetic-trend-bars.ts';
import { demoHistoryBars, demoReplayStartMs, demoSyntheticCsv, demoSyntheticFileName, demoSyntheticSeed } from './promotion-demo.ts';

/** The regime band index of every bar of a CSV (−1 = unlabelled), with the bars' open times — monitoring's labelling. */
function regimesOf(csv: string) {
  const file = parseOhlcvFile(demoSyntheticFileName, csv, { symbol: 'SYNTH-USD', timeframe: '1h' });
  const frame = makeBarFrame({ timestamp: file.timestamp, open: file.open, high: file.high, low: file.low, close: file.close, volume: file.volume });
  return { timestamp: file.timestamp, missing: file.missingBarCount, bandIndex: calculateVolatilityRegimes(frame, { periodsPerYear: periodsPerYear('1h') }).bandIndex };
}

describe('the demo dataset', () => {
  it('has enough history that monitoring labels the regime of every replayed bar (without it the first 60 days are unlabelled: unknown, fail closed)', () => {
    const demo = regimesOf(demoSyntheticCsv());
    const first = demo.timestamp.indexOf(demoReplayStartMs);
    expect(first).toBe(demoHistoryBars);
    expect(demo.timestamp.length).toBe(demoHistoryBars + 2_880);
    expect(demo.missing).toBe(0);
    expect(Array.from(demo.bandIndex.subarray(first)).filter((band) => band < 0)).toEqual([]);
    // The replayed span alone, as the demo replayed it before: its first ~1,440 bars have no regime label.
    const alone = regimesOf(syntheticTrendBarsCsv(demoSyntheticSeed, { startMs: demoReplayStartMs }));
    expect(Array.from(alone.bandIndex).filter((band) => band < 0).length).toBeGreaterThan(1_400);
  });

  it('replays the planted-trend bars unchanged after the history, whose last close meets their first open', () => {
    const demo = demoSyntheticCsv().trimEnd().split('\n');
    const replayed = syntheticTrendBarsCsv(demoSyntheticSeed, { startMs: demoReplayStartMs }).trimEnd().split('\n');
    expect(demo.slice(1 + demoHistoryBars)).toEqual(replayed.slice(1));
    const lastHistoryClose = Number(demo[demoHistoryBars]!.split(',')[4]);
    expect(lastHistoryClose).toBeCloseTo(Number(replayed[1]!.split(',')[1]), 3);
    expect(demoSyntheticCsv()).toBe(demoSyntheticCsv());
  });
});
