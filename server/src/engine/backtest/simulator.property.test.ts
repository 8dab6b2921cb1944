import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { simulateTargets } from './simulator.ts';

describe('simulator accounting invariants', () => {
  it('closed-trade profits add up to the equity change, and returns compound to equity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.constantFrom(-1, -0.5, 0, 0, 0.5, 1, 2), { minLength: 2, maxLength: 120 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, rawTargets, feeBps, slippageBps) => {
          const frame = makeRandomWalkFrame(seed, rawTargets.length + 1, { volatility: 0.02 });
          const targets = Float64Array.from([...rawTargets, 0]);
          targets[targets.length - 2] = 0; // flat before the end, so every trade is closed
          const initialEquity = 1000;
          const result = simulateTargets(frame, targets, { feeBps, slippageBps, periodsPerYear: 8760, initialEquity });
          const last = frame.length - 1;
          const profits = result.trades.reduce((sum, trade) => sum + (trade.profit ?? Number.NaN), 0);
          expect(profits).toBeCloseTo(result.equity[last] - initialEquity, 6);
          let equity = initialEquity;
          for (let index = 0; index < frame.length; index++) {
            equity *= 1 + result.returns[index];
            expect(equity).toBeCloseTo(result.equity[index], 6);
          }
          // the position in force during bar t is the target decided at bar t − 1
          for (let index = 1; index < frame.length; index++) expect(result.position[index]).toBe(targets[index - 1]);
          for (const trade of result.trades) {
            expect(trade.exitTime).not.toBeNull();
            expect(trade.fee).toBeGreaterThanOrEqual(0);
            expect(trade.quantity).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
