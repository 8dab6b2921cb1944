import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/simulator.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { calculateSmaCrossoverSweep } from './sma-crossover-sweep.ts';

describe(calculateSmaCrossoverSweep.name, () => {
  it('agrees with runBacktest for every pair (long/flat and long/short)', () => {
    const frame = makeRandomWalkFrame(17, 1500, { trendStrength: 0.1 });
    const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };
    for (const allowShort of [false, true]) {
      const sweep = calculateSmaCrossoverSweep(frame, [2, 5, 20], [3, 20, 60], options, allowShort);
      expect(Array.from(sweep.fastPeriods)).toEqual([2, 2, 2, 5, 5, 20]);
      sweep.sharpe.forEach((sharpe, index) => {
        const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: sweep.fastPeriods[index], slowPeriod: sweep.slowPeriods[index], allowShort });
        const full = runBacktest(frame, smaCrossoverStrategy, parameters, options);
        expect(sharpe).toBeCloseTo(full.metrics.sharpe, 8);
        expect(sweep.totalReturn[index]).toBeCloseTo(full.equity[frame.length - 1] / 1000 - 1, 12);
        expect(sweep.fillCount[index]).toBeGreaterThanOrEqual(full.trades.length);
      });
    }
  });
});
