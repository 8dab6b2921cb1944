import { describe, expect, it } from 'vitest';
import type { ParameterDefinition, ParameterSpace } from '../../engine/index.ts';
import { diffVersionDefinitions } from './version-diff.ts';

const space = (slowMax: number, extra: ParameterDefinition[] = []): ParameterSpace => ({
  parameters: [
    { name: 'fastPeriod', kind: 'integer', min: 2, max: 200, default: 20, description: 'fast' },
    { name: 'slowPeriod', kind: 'integer', min: 3, max: slowMax, default: 50, description: 'slow' },
    ...extra,
  ],
  constraints: [{ description: 'fastPeriod < slowPeriod', left: 'fastPeriod', operator: '<', right: 'slowPeriod' }],
});

describe('diffVersionDefinitions', () => {
  it('reports changed bounds, added parameters and template changes by path', () => {
    const changes = diffVersionDefinitions(
      { template: 'sma_crossover', parameterSpace: space(400) },
      { template: 'ema_crossover', parameterSpace: space(300, [{ name: 'allowShort', kind: 'boolean', default: false, description: 'short' }]) },
    );
    expect(changes).toEqual([
      { path: 'template', kind: 'changed', before: 'sma_crossover', after: 'ema_crossover' },
      { path: 'parameters.allowShort', kind: 'added', after: { name: 'allowShort', kind: 'boolean', default: false, description: 'short' } },
      { path: 'parameters.slowPeriod.max', kind: 'changed', before: 400, after: 300 },
    ]);
  });

  it('ignores parameter order', () => {
    const reordered = { ...space(400), parameters: [...space(400).parameters].reverse() };
    expect(diffVersionDefinitions({ template: 't', parameterSpace: space(400) }, { template: 't', parameterSpace: reordered })).toEqual([]);
  });
});
