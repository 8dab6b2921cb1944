import { describe, expect, it } from 'vitest';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { calculateIndicatorOverlays } from '../strategies/indicator-overlays.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { barTableStart, makeBarTable } from '../testing/bar-table.ts';
import { runBacktest, simulateTargets } from './simulator.ts';
import { calculateTradeExitReasons } from './trade-exit-reason.ts';

const hour = 3_600_000;
const options = { feeBps: 0, slippageBps: 0, periodsPerYear: 8760 };

/** SMA(2)/SMA(3) with shorts: long from bar 4, flipped short at bar 6, open at the end. */
const bars = makeBarTable([
  [10, 10, 10, 10],
  [10, 10, 10, 10],
  [10, 10, 10, 10],
  [10, 11, 10, 11], // 3: SMA2 10.5 > SMA3 10.33 → long
  [11, 12, 11, 12], // 4: buy at 11
  [12, 12, 9, 9], //   5: SMA2 10.5 < SMA3 10.67 → short
  [9, 9, 8, 8], //     6: flip at 9
  [8, 8, 8, 8],
]);

describe('trade exit reasons', () => {
  it('reads a flip as a reversal and the last trade as open (SMA 2/3 with shorts)', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3, allowShort: true });
    const result = runBacktest(bars, smaCrossoverStrategy, parameters, options);
    expect(result.trades.map((trade) => [trade.side, trade.entryTime - barTableStart, trade.exitTime === null ? null : trade.exitTime - barTableStart])).toEqual([
      ['long', 4 * hour, 6 * hour],
      ['short', 6 * hour, null],
    ]);
    expect(calculateTradeExitReasons(result.trades, bars.timestamp, result.equity)).toEqual(['reversal', 'open']);
  });

  it('reads a return to flat as a signal exit, and equity 0 at the exit bar as a liquidation', () => {
    const flat = runBacktest(bars, smaCrossoverStrategy, parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3 }), options);
    expect(calculateTradeExitReasons(flat.trades, bars.timestamp, flat.equity)).toEqual(['signal']);
    // 3x long into a fall from 10 to 6 at the open of bar 2: equity ≤ 0 → liquidated there
    const crash = makeBarTable([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [6, 6, 6, 6],
      [6, 6, 6, 6],
    ]);
    const liquidated = simulateTargets(crash, Float64Array.from([3, 3, 3, 3]), options);
    expect(calculateTradeExitReasons(liquidated.trades, crash.timestamp, liquidated.equity)).toEqual(['liquidation']);
  });
});

describe('indicator overlays', () => {
  it('draws the two SMAs the crossover trades on, from the engine’s rolling sums (NaN in warm-up)', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3 });
    const [fast, slow] = calculateIndicatorOverlays('sma_crossover', bars, parameters);
    expect([fast.label, slow.label, fast.pane]).toEqual(['SMA 2', 'SMA 3', 'price']);
    expect(Number.isNaN(fast.values[0])).toBe(true);
    expect(fast.values[3]).toBeCloseTo(10.5, 12);
    expect(slow.values[3]).toBeCloseTo(31 / 3, 12);
    expect(slow.values[5]).toBeCloseTo(32 / 3, 12);
    expect(calculateIndicatorOverlays('time_series_momentum', bars, {})).toEqual([]);
  });
});
