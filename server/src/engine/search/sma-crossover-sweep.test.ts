import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/simulator.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeBarTable } from '../testing/bar-table.ts';
import type { BarRow } from '../testing/bar-table.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { calculateSmaCrossoverSweep } from './sma-crossover-sweep.ts';

/** Wild bars: opens gap away from the previous close, 2 % of bars jump by up to ±100 %, 5 % close where they opened. */
function makeGappedFrame(seed: number, length: number) {
  const uniform = makeMulberry32(seed);
  const rows: BarRow[] = [];
  let close = 100;
  for (let index = 0; index < length; index++) {
    const open = Math.max(0.01, Math.round(close * Math.exp(0.2 * (uniform() - 0.5)) * 100) / 100);
    const jump = uniform() < 0.02 ? 1.5 * (uniform() - 0.3) : 0;
    close = uniform() < 0.05 ? open : Math.max(0.01, Math.round(open * Math.exp(0.2 * (uniform() - 0.5) + jump) * 100) / 100);
    rows.push([open, Math.max(open, close), Math.min(open, close), close]);
  }
  return makeBarTable(rows);
}

describe(calculateSmaCrossoverSweep.name, () => {
  const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

  function expectSameAsBacktest(frame: ReturnType<typeof makeGappedFrame>, fastPeriods: number[], slowPeriods: number[], backtest: typeof options): number {
    let liquidated = 0;
    for (const allowShort of [false, true]) {
      const sweep = calculateSmaCrossoverSweep(frame, fastPeriods, slowPeriods, backtest, allowShort);
      sweep.sharpe.forEach((sharpe, index) => {
        const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: sweep.fastPeriods[index], slowPeriod: sweep.slowPeriods[index], allowShort });
        const full = runBacktest(frame, smaCrossoverStrategy, parameters, backtest);
        if (Number.isFinite(full.metrics.sharpe)) expect(sharpe).toBeCloseTo(full.metrics.sharpe, 8);
        expect(sweep.totalReturn[index]).toBe(full.equity[frame.length - 1] / backtest.initialEquity - 1);
        expect(sweep.fillCount[index]).toBeGreaterThanOrEqual(full.trades.length);
        if (full.equity[frame.length - 1] === 0) liquidated++;
      });
    }
    return liquidated;
  }

  it('agrees with runBacktest for every pair (long/flat and long/short)', () => {
    const frame = makeRandomWalkFrame(17, 1500, { trendStrength: 0.1 });
    const sweep = calculateSmaCrossoverSweep(frame, [2, 5, 20], [3, 20, 60], options);
    expect(Array.from(sweep.fastPeriods)).toEqual([2, 2, 2, 5, 5, 20]);
    expectSameAsBacktest(frame, [2, 5, 20], [3, 20, 60], options);
  });

  it('agrees with runBacktest on gapped bars with exact ties and liquidations at the open and at the close', () => {
    let liquidated = 0;
    for (const seed of [3, 4, 5]) {
      const frame = makeGappedFrame(seed, 600);
      liquidated += expectSameAsBacktest(frame, [2, 3, 5, 8], [3, 4, 7, 30], options);
      liquidated += expectSameAsBacktest(frame, [2, 3, 5, 8], [3, 4, 7, 30], { ...options, feeBps: 300, slippageBps: 150 });
    }
    expect(liquidated).toBeGreaterThan(0);
  });
});
