import { describe, expect, it } from 'vitest';
import { makeBarFrame, type BarFrame } from '../bars/bar-frame.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { IndicatorCache } from './indicator-cache.ts';
import { bollingerMeanReversionStrategy } from '../strategies/bollinger-mean-reversion.strategy.ts';
import { calculateWindowDeviation, SlidingWindowVariance } from './window-deviation.ts';

/** A random walk of `length` closes around `level`, rounded to cents (ties and repeated values included). */
function walk(length: number, level: number, seed: number, step = 0.004): Float64Array {
  const uniform = makeMulberry32(seed);
  const values = new Float64Array(length);
  let price = level;
  for (let index = 0; index < length; index++) {
    price = Math.round(price * (1 + (uniform() - 0.5) * step) * 100) / 100;
    values[index] = price;
  }
  return values;
}

/** The exact two-pass variance of the window ending at `end`, as the template's exact σ squares it. */
function exactVariance(values: Float64Array, end: number, period: number): number {
  let sum = 0;
  for (let index = end - period + 1; index <= end; index++) sum += values[index];
  return calculateWindowDeviation(values, end, period, sum / period) ** 2;
}

describe(SlidingWindowVariance.name, () => {
  it('stays within its error bound of the exact variance at every bar, at a price level far above the spread', () => {
    for (const [level, period] of [
      [65_000, 20],
      [65_000, 200],
      [0.25, 7],
      [3_000, 2],
    ] as const) {
      const values = walk(3_000, level, period);
      const estimate = new SlidingWindowVariance(values, period);
      for (let end = 0; end < values.length; end++) {
        estimate.advance(end);
        if (end < period - 1) continue;
        const exact = exactVariance(values, end, period);
        expect(Math.abs(estimate.variance() - exact), `level ${level}, period ${period}, bar ${end}`).toBeLessThanOrEqual(estimate.errorBound());
        // the bound is tight enough to decide: far below the variance of a moving price
        expect(estimate.errorBound()).toBeLessThan(1e-9 * level * level);
      }
    }
  });

  it('reads a flat window as variance 0 within its bound, and a NaN as NaN until a recomputation after it has left the window', () => {
    const values = new Float64Array(60).fill(101.5);
    values[25] = Number.NaN;
    const estimate = new SlidingWindowVariance(values, 10);
    const variances: number[] = [];
    for (let end = 0; end < values.length; end++) {
      estimate.advance(end);
      variances.push(estimate.variance());
    }
    expect(Math.abs(variances[20]!)).toBeLessThanOrEqual(1e-20);
    expect(variances.slice(25, 39).every(Number.isNaN)).toBe(true);
    // windows without the NaN from bar 36; the sums are recomputed at bars 39, 49, 59
    expect(variances[39]).toBe(0);
    expect(variances[59]).toBe(0);
  });
});

/**
 * Checks every decision the template took from flat against the exact two-pass σ of its bar (the cache's
 * `closeDeviation`): long below `middle − k·σ`, else short above `middle + k·σ` when allowed, else flat. A bar decided
 * from flat when the bar before was flat or the target changed (a position that does not exit keeps its target, and
 * one that exits and re-enters on its own side cannot: the exit needs the close on the far side of the middle).
 * Returns the number of decisions checked and those that differ.
 */
function checkEntriesWithExactSigma(frame: BarFrame, targets: Float64Array, period: number, bandWidth: number, allowShort: boolean): { checked: number; entries: number; wrong: number[] } {
  const cache = new IndicatorCache(frame);
  const sums = cache.closeSum(period);
  const sigma = cache.closeDeviation(period);
  const close = frame.close;
  let checked = 0;
  let entries = 0;
  const wrong: number[] = [];
  for (let index = period; index < frame.length; index++) {
    if (sums[index] !== sums[index] || (targets[index - 1] !== 0 && targets[index] === targets[index - 1])) continue;
    const middle = sums[index] / period;
    const width = bandWidth * sigma[index];
    const expected = close[index] < middle - width ? 1 : allowShort && close[index] > middle + width ? -1 : 0;
    checked++;
    if (expected !== 0) entries++;
    if (targets[index] !== expected) wrong.push(index);
  }
  return { checked, entries, wrong };
}

describe('Bollinger mean reversion: the running σ estimate decides as the exact σ', () => {
  it('gives the targets of the exact two-pass σ of every bar for periods 2–200, band widths 0.5–4, with and without shorts, alone and with a shared cache', () => {
    const close = walk(4_000, 40_000, 99, 0.01);
    // a flat stretch (σ = 0: every close is on the band) and a NaN close
    close.fill(40_000, 1_000, 1_060);
    close[2_500] = Number.NaN;
    const frame = makeBarFrame({ timestamp: Float64Array.from(close, (_, index) => index * 3_600_000), open: close, high: close, low: close, close, volume: new Float64Array(close.length).fill(1) });
    const alone = new Float64Array(close.length);
    const shared = new Float64Array(close.length);
    const cache = new IndicatorCache(frame);
    let entries = 0;
    for (const period of [2, 3, 20, 57, 200]) {
      for (const bandWidth of [0.5, 1, 2, 4]) {
        for (const allowShort of [false, true]) {
          const parameters = { period, bandWidth, allowShort };
          bollingerMeanReversionStrategy.computeTargets(frame, parameters, alone);
          bollingerMeanReversionStrategy.computeTargets(frame, parameters, shared, cache);
          expect(shared, `shared cache: period ${period}, band width ${bandWidth}, shorts ${allowShort}`).toEqual(alone);
          const check = checkEntriesWithExactSigma(frame, alone, period, bandWidth, allowShort);
          expect(check.wrong, `period ${period}, band width ${bandWidth}, shorts ${allowShort}: bars decided otherwise than with the exact σ`).toEqual([]);
          expect(check.checked).toBeGreaterThan(200);
          entries += check.entries;
        }
      }
    }
    // the comparison covers real decisions: many entries from flat
    expect(entries).toBeGreaterThan(500);
  });
});
