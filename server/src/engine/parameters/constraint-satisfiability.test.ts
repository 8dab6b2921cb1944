import { describe, expect, it } from 'vitest';
import type { ParameterConstraint, ParameterSpace } from './parameter-space.ts';
import { findUnsatisfiableConstraint } from './constraint-satisfiability.ts';

const fastBelowSlow: ParameterConstraint = { description: 'fastPeriod < slowPeriod', left: 'fastPeriod', operator: '<', right: 'slowPeriod' };
const space = (fast: [number, number], slow: [number, number], constraints: ParameterConstraint[] = [fastBelowSlow]): ParameterSpace => ({
  parameters: [
    { name: 'fastPeriod', kind: 'integer', min: fast[0], max: fast[1], default: fast[0], description: '' },
    { name: 'slowPeriod', kind: 'integer', min: slow[0], max: slow[1], default: slow[1], description: '' },
  ],
  constraints,
});

describe(findUnsatisfiableConstraint.name, () => {
  it('names the constraint no point can satisfy', () => {
    expect(findUnsatisfiableConstraint(space([100, 200], [3, 50]))).toEqual(fastBelowSlow);
    expect(findUnsatisfiableConstraint(space([50, 60], [3, 50]))).toEqual(fastBelowSlow); // 50 < 50 fails
  });
  it('accepts spaces where one point is enough', () => {
    expect(findUnsatisfiableConstraint(space([49, 200], [3, 50]))).toBeNull();
    expect(findUnsatisfiableConstraint(space([5, 30], [40, 120]))).toBeNull();
  });
  it('propagates through chains and equal singletons', () => {
    const chain: ParameterSpace = {
      parameters: [
        { name: 'a', kind: 'integer', min: 1, max: 10, default: 1, description: '' },
        { name: 'b', kind: 'integer', min: 1, max: 10, default: 2, description: '' },
        { name: 'c', kind: 'integer', min: 1, max: 2, default: 2, description: '' },
      ],
      constraints: [
        { description: 'a < b', left: 'a', operator: '<', right: 'b' },
        { description: 'b < c', left: 'b', operator: '<', right: 'c' },
      ],
    };
    expect(findUnsatisfiableConstraint(chain)).not.toBeNull();
    const pinned = space([7, 7], [7, 7], [{ description: 'fast != slow', left: 'fastPeriod', operator: '!=', right: 'slowPeriod' }]);
    expect(findUnsatisfiableConstraint(pinned)?.description).toBe('fast != slow');
  });
  it('treats continuous floats as intervals', () => {
    const floats: ParameterSpace = {
      parameters: [
        { name: 'low', kind: 'float', min: 0.5, max: 1, default: 0.5, description: '' },
        { name: 'high', kind: 'float', min: 0, max: 0.4, default: 0.4, description: '' },
      ],
      constraints: [{ description: 'low < high', left: 'low', operator: '<', right: 'high' }],
    };
    expect(findUnsatisfiableConstraint(floats)?.description).toBe('low < high');
    expect(findUnsatisfiableConstraint({ ...floats, constraints: [{ description: 'low > high', left: 'low', operator: '>', right: 'high' }] })).toBeNull();
  });
});
