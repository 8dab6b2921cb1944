import { describe, expect, it } from 'vitest';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { calculateParameterSensitivity } from './parameter-sensitivity.ts';

describe(calculateParameterSensitivity.name, () => {
  const score = (parameters: ParameterValues): number => 10 - Math.abs((parameters.fastPeriod as number) - 10) - Math.abs((parameters.slowPeriod as number) - 30) - (parameters.allowShort === true ? 1 : 0);
  it('scores one-at-a-time neighbours within bounds and constraints', () => {
    const result = calculateParameterSensitivity(smaCrossoverStrategy.parameterSpace, { fastPeriod: 10, slowPeriod: 30, allowShort: false }, score, 2);
    expect(result.centerScore).toBe(10);
    // fast ±1, ±2; slow ±1, ±2; allowShort flipped
    expect(result.neighbors).toHaveLength(9);
    expect(result.neighbors.map((neighbor) => neighbor.score).sort()).toEqual([8, 8, 8, 8, 9, 9, 9, 9, 9]);
    expect(result.meanNeighborScore).toBeCloseTo(77 / 9, 14);
    expect(result.worstNeighborScore).toBe(8);
    expect(result.neighborhoodRatio).toBeCloseTo(77 / 90, 14);
  });
  it('skips neighbours that break fastPeriod < slowPeriod or the bounds', () => {
    const result = calculateParameterSensitivity(smaCrossoverStrategy.parameterSpace, { fastPeriod: 2, slowPeriod: 3, allowShort: false }, score);
    const moved = result.neighbors.map((neighbor) => [neighbor.parameter, neighbor.offset]);
    // fast 1 is below min, fast 3 breaks fast < slow, slow 2 breaks it too; slow 4 and the flip remain
    expect(moved).toEqual([
      ['slowPeriod', 1],
      ['allowShort', 0],
    ]);
  });
});
