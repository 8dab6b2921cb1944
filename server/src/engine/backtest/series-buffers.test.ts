import { describe, expect, it } from 'vitest';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { runBacktest } from './simulator.ts';

const frame = makeRandomWalkFrame(31, 3000, { trendStrength: 0.1, volatility: 0.02 });
const options = { feeBps: 10, slippageBps: 5, periodsPerYear: 8760, initialEquity: 1000 };

describe('runBacktest with caller-owned series buffers', () => {
  it('gives every template the same series, trades and metrics as fresh rows, written into the buffers', () => {
    const buffers = { equity: new Float64Array(frame.length + 7), returns: new Float64Array(frame.length + 7), position: new Float64Array(frame.length + 7) };
    for (const template of strategyTemplates) {
      const parameters = parseParameters(template, {});
      const fresh = runBacktest(frame, template, parameters, options);
      const reused = runBacktest(frame, template, parameters, options, buffers);
      expect(Array.from(reused.equity)).toEqual(Array.from(fresh.equity));
      expect(Array.from(reused.returns)).toEqual(Array.from(fresh.returns));
      expect(Array.from(reused.position)).toEqual(Array.from(fresh.position));
      expect(reused.trades).toEqual(fresh.trades);
      expect(reused.metrics).toEqual(fresh.metrics);
      expect(reused.equity.buffer).toBe(buffers.equity.buffer);
      expect(reused.equity.length).toBe(frame.length);
    }
  });

  it('refuses a buffer shorter than the frame, naming it', () => {
    const template = strategyTemplates[0]!;
    const short = { equity: new Float64Array(frame.length), returns: new Float64Array(frame.length - 1), position: new Float64Array(frame.length) };
    expect(() => runBacktest(frame, template, parseParameters(template, {}), options, short)).toThrow(expect.objectContaining({ field: 'buffers' }));
  });
});
