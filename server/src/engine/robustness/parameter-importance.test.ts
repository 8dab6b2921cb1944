import { describe, expect, it } from 'vitest';
import { calculateParameterImportance, importanceBins } from './parameter-importance.ts';

describe('calculateParameterImportance', () => {
  it('gives all the importance to the only parameter the objective depends on', () => {
    const trials = [];
    for (let fast = 5; fast <= 30; fast += 1) for (const slow of [50, 100, 150]) trials.push({ parameters: { fast, slow }, objective: fast * 0.1 });
    const result = calculateParameterImportance(trials, ['slow', 'fast']);
    expect(result.map((entry) => entry.parameter)).toEqual(['fast', 'slow']);
    expect(result[0]!.importance).toBeCloseTo(1, 12);
    expect(result[1]!.importance).toBe(0);
    // 26 distinct values are binned into 8 quantile groups, so η² is high but below 1.
    expect(result[0]!.explainedVariance).toBeGreaterThan(0.95);
    expect(result[0]!.explainedVariance).toBeLessThanOrEqual(1);
  });

  it('splits by the variance each parameter explains (additive effects, η² exact for few values)', () => {
    const trials = [];
    // objective = 3·a + 1·b over a full 2×2 design: η²(a) = 9/10, η²(b) = 1/10.
    for (const a of [0, 1]) for (const b of [0, 1]) trials.push({ parameters: { a, b }, objective: 3 * a + b });
    const [first, second] = calculateParameterImportance(trials, ['a', 'b']);
    expect(first).toEqual({ parameter: 'a', importance: expect.closeTo(0.9, 12), explainedVariance: expect.closeTo(0.9, 12) });
    expect(second).toEqual({ parameter: 'b', importance: expect.closeTo(0.1, 12), explainedVariance: expect.closeTo(0.1, 12) });
  });

  it('groups categorical and boolean values by value', () => {
    const trials = [
      { parameters: { mode: 'long', flag: true }, objective: 1 },
      { parameters: { mode: 'long', flag: false }, objective: 1 },
      { parameters: { mode: 'short', flag: true }, objective: -1 },
      { parameters: { mode: 'short', flag: false }, objective: -1 },
    ];
    const result = calculateParameterImportance(trials, ['flag', 'mode']);
    expect(result[0]).toMatchObject({ parameter: 'mode', importance: 1 });
    expect(result[1]).toMatchObject({ parameter: 'flag', importance: 0 });
  });

  it('ignores non-finite objectives and gives 0 to all when the objective is constant or too few trials', () => {
    const constant = [1, 2, 3].map((x) => ({ parameters: { x }, objective: 2 }));
    expect(calculateParameterImportance(constant, ['x'])).toEqual([{ parameter: 'x', importance: 0, explainedVariance: 0 }]);
    expect(calculateParameterImportance([{ parameters: { x: 1 }, objective: 1 }, { parameters: { x: 2 }, objective: Number.NaN }], ['x'])[0]!.importance).toBe(0);
    expect(calculateParameterImportance([], ['x', 'y']).map((entry) => entry.importance)).toEqual([0, 0]);
  });

  it('bins many distinct numbers into at most the documented number of groups', () => {
    // Pure noise in a parameter with 1000 distinct values: binning keeps η² near (bins − 1)/(n − 1), not 1.
    const trials = Array.from({ length: 1000 }, (_, index) => ({ parameters: { x: index }, objective: Math.sin(index * 12.9898) * 43758.5453 % 1 }));
    const [entry] = calculateParameterImportance(trials, ['x']);
    expect(entry!.explainedVariance).toBeLessThan(0.05);
    expect(importanceBins).toBe(8);
  });
});
