import { beforeAll, describe, expect, it } from 'vitest';
import { calculateSmaCrossoverSweep, parseParameters, runBacktest, smaCrossoverStrategy } from '../../src/engine/index.ts';
import type { BarFrame } from '../../src/engine/index.ts';
import { readMarketFrame } from '../support/market-files.ts';

let frame: BarFrame;
beforeAll(async () => {
  frame = await readMarketFrame('BTC-USDT_1h.csv');
});
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

describe('calculateSmaCrossoverSweep against runBacktest on the whole BTC-USDT 1h history', () => {
  for (const allowShort of [false, true]) {
    it(`${allowShort ? 'long/short' : 'long/flat'}: the same final equity and fills ≥ trades for every pair, Sharpe within 1e-10 relative (held longs summed by series)`, () => {
      const sweep = calculateSmaCrossoverSweep(frame, [5, 20, 45, 100], [30, 50, 200, 400], options, allowShort);
      expect(sweep.sharpe.length).toBe(13);
      sweep.sharpe.forEach((sharpe, index) => {
        const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: sweep.fastPeriods[index], slowPeriod: sweep.slowPeriods[index], allowShort });
        const full = runBacktest(frame, smaCrossoverStrategy, parameters, options);
        expect(sweep.totalReturn[index]).toBe(full.equity[frame.length - 1] / 1000 - 1);
        expect(Math.abs(sharpe - full.metrics.sharpe)).toBeLessThan(1e-10 * Math.abs(full.metrics.sharpe));
        expect(sweep.fillCount[index]).toBeGreaterThanOrEqual(full.trades.length);
      });
    });
  }
});
