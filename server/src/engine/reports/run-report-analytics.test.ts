import { describe, expect, it } from 'vitest';
import { makeBarFrame } from '../bars/bar-frame.ts';
import { calculateMonthlyReturns } from './monthly-returns.ts';
import { calculateReturnDistribution } from './return-distribution.ts';
import { calculateRollingWindowBars, calculateRunReportAnalytics } from './run-report-analytics.ts';

const day = 86_400_000;
const jan30 = Date.UTC(2024, 0, 30);

describe('monthly returns (golden values)', () => {
  it('compounds each UTC month from the previous month’s last close; the months multiply to the total', () => {
    // Jan 30, Jan 31 | Feb 1, Feb 2 | Mar 1
    const timestamp = Float64Array.from([jan30, jan30 + day, jan30 + 2 * day, jan30 + 3 * day, Date.UTC(2024, 2, 1)]);
    const equity = Float64Array.from([1.1, 1.21, 1.089, 1.2, 0.6]);
    const months = calculateMonthlyReturns(timestamp, equity, 1);
    expect(months.map(({ year, month, barCount }) => [year, month, barCount])).toEqual([
      [2024, 1, 2],
      [2024, 2, 2],
      [2024, 3, 1],
    ]);
    expect(months[0].returnFraction).toBeCloseTo(0.21, 12);
    expect(months[1].returnFraction).toBeCloseTo(1.2 / 1.21 - 1, 12);
    expect(months[2].returnFraction).toBeCloseTo(-0.5, 12);
    const product = months.reduce((total, month) => total * (1 + month.returnFraction), 1);
    expect(product).toBeCloseTo(0.6, 12);
  });

  it('gives nothing for no bars', () => {
    expect(calculateMonthlyReturns(new Float64Array(0), new Float64Array(0))).toEqual([]);
  });
});

describe('return distribution (golden values)', () => {
  it('puts non-zero returns in equal-width bins from min to max, the max in the last bin, and counts flat bars apart', () => {
    const histogram = calculateReturnDistribution(Float64Array.from([-0.02, -0.01, 0, 0, 0.005, 0.01, 0.02, Number.NaN]), 4);
    [-0.02, -0.01, 0, 0.01].forEach((start, k) => expect(histogram.binStart[k]).toBeCloseTo(start, 15));
    expect(histogram.binEnd[3]).toBe(0.02);
    expect(histogram.counts).toEqual([1, 1, 1, 2]);
    expect(histogram.zeroCount).toBe(2);
  });

  it('holds equal returns in one bin and no finite return in none', () => {
    expect(calculateReturnDistribution(Float64Array.from([0.01, 0.01]), 10).counts).toEqual([2]);
    expect(calculateReturnDistribution(Float64Array.from([Number.NaN, 0]), 10)).toEqual({ binStart: [], binEnd: [], counts: [], zeroCount: 1 });
  });
});

describe('run report analytics', () => {
  it('rolls over half a year of bars, capped at a quarter of the run', () => {
    expect(calculateRollingWindowBars(10_000, 365)).toBe(183);
    expect(calculateRollingWindowBars(100, 365)).toBe(25);
    expect(calculateRollingWindowBars(4, 365)).toBe(2);
  });

  it('rebases buy-and-hold on the first close, warns on a sample under a year, and states the window in time', () => {
    const close = Float64Array.from([100, 110, 99, 121, 133.1, 120, 132, 145.2]);
    const timestamp = Float64Array.from(close, (_, index) => jan30 + index * day);
    const frame = makeBarFrame({ timestamp, open: close, high: close, low: close, close, volume: close });
    const returns = Float64Array.from([0, 0.1, -0.1, 0.2, 0.1, -0.1, 0.1, 0.1]);
    const equity = new Float64Array(returns.length);
    returns.reduce((value, r, index) => (equity[index] = value * (1 + r)), 1);
    const analytics = calculateRunReportAnalytics(frame, equity, returns, 365, day);
    expect(Array.from(analytics.buyAndHoldEquity)).toEqual([1, 1.1, 0.99, 1.21, 1.331, 1.2, 1.32, 1.452]);
    expect(analytics.rollingWindowBars).toBe(2);
    expect(analytics.rollingWindowMs).toBe(2 * day);
    expect(analytics.sampleYears).toBeCloseTo(8 / 365, 12);
    expect(analytics.shortSample).toBe(true);
    expect(Number.isNaN(analytics.rollingSharpe[0])).toBe(true);
    // window [0.1, −0.1]: mean 0 → Sharpe 0; volatility = std(ddof 1) · √365 = 0.1·√2·√365
    expect(analytics.rollingSharpe[2]).toBe(0);
    expect(analytics.rollingVolatility[2]).toBeCloseTo(0.1 * Math.SQRT2 * Math.sqrt(365), 12);
    expect(analytics.monthlyReturns.map((month) => month.month)).toEqual([1, 2]);
  });
});

describe('thin candles', () => {
  it('merges consecutive bars into at most maxCandles candles (first open, extremes, last close, summed volume)', async () => {
    const { thinCandles } = await import('./thin-candles.ts');
    const timestamp = Float64Array.from([0, 1, 2, 3, 4]);
    const frame = makeBarFrame({
      timestamp,
      open: Float64Array.from([1, 2, 3, 4, 5]),
      high: Float64Array.from([2, 5, 4, 6, 6]),
      low: Float64Array.from([0.5, 1, 2, 3, 4]),
      close: Float64Array.from([2, 3, 4, 5, 5.5]),
      volume: Float64Array.from([1, 1, 1, 1, 1]),
    });
    const thinned = thinCandles(frame, 2);
    expect(thinned.step).toBe(3);
    expect(thinned.candles).toEqual([
      { time: 0, open: 1, high: 5, low: 0.5, close: 4, volume: 3 },
      { time: 3, open: 4, high: 6, low: 3, close: 5.5, volume: 2 },
    ]);
    expect(thinned.lastIndex).toEqual([2, 4]);
    expect(thinCandles(frame, 10).candles).toHaveLength(5);
  });
});

describe('align rebased', () => {
  it('takes the last source value at or before each target time, rebased to 1 at the first covered time', async () => {
    const { alignRebased } = await import('./align-rebased.ts');
    const aligned = alignRebased([10, 20, 30], [2, 3, 4], [5, 10, 15, 25, 40]);
    expect(Number.isNaN(aligned[0])).toBe(true);
    expect(Array.from(aligned.subarray(1))).toEqual([1, 1, 1.5, 2]);
  });
});

describe('rolling Sharpe and volatility in O(n)', () => {
  it('agrees with the exact per-window functions on a random walk of returns', async () => {
    const { calculateRollingSharpeAndVolatility } = await import('./rolling-moments.ts');
    const { calculateRollingSharpeRatio, calculateRollingVolatility } = await import('../metrics/rolling-metrics.ts');
    const { makeMulberry32 } = await import('../random/mulberry32.ts');
    const random = makeMulberry32(7);
    const returns = Float64Array.from({ length: 3000 }, () => (random() - 0.48) * 0.04);
    const fast = calculateRollingSharpeAndVolatility(returns, 250, 365);
    const sharpe = calculateRollingSharpeRatio(returns, 250, 365);
    const volatility = calculateRollingVolatility(returns, 250, 365);
    for (let index = 0; index < returns.length; index++) {
      if (index < 249) {
        expect(Number.isNaN(fast.sharpe[index])).toBe(true);
        continue;
      }
      expect(fast.sharpe[index]).toBeCloseTo(sharpe[index], 8);
      expect(fast.volatility[index]).toBeCloseTo(volatility[index], 10);
    }
  });
});
