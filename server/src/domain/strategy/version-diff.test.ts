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
  it('reports changed bounds, added parameters (field by field) and template changes by path, each value a ParameterValue', () => {
    const changes = diffVersionDefinitions(
      { template: 'sma_crossover', parameterSpace: space(400) },
      { template: 'ema_crossover', parameterSpace: space(300, [{ name: 'allowShort', kind: 'boolean', default: false, description: 'short' }]) },
    );
    expect(changes).toEqual([
      { path: 'template', kind: 'changed', before: 'sma_crossover', after: 'ema_crossover' },
      { path: 'parameters.allowShort.kind', kind: 'added', before: null, after: 'boolean' },
      { path: 'parameters.allowShort.default', kind: 'added', before: null, after: false },
      { path: 'parameters.allowShort.description', kind: 'added', before: null, after: 'short' },
      { path: 'parameters.slowPeriod.max', kind: 'changed', before: 400, after: 300 },
    ]);
  });

  it('reports a removed parameter field by field, choices as a set and constraints by relation', () => {
    const mode = (choices: string[]): ParameterDefinition => ({ name: 'mode', kind: 'categorical', choices, default: choices[0]!, description: 'mode' });
    const before: ParameterSpace = { ...space(400, [mode(['fast', 'slow'])]) };
    const after: ParameterSpace = {
      parameters: [space(400).parameters[0]!, mode(['fast', 'medium'])],
      constraints: [{ description: 'fast period below slow period', left: 'fastPeriod', operator: '<', right: 'slowPeriod' }, { description: 'fastPeriod != slowPeriod', left: 'fastPeriod', operator: '!=', right: 'slowPeriod' }],
    };
    expect(diffVersionDefinitions({ template: 't', parameterSpace: before }, { template: 't', parameterSpace: after })).toEqual([
      { path: 'parameters.mode.choices', kind: 'removed', before: 'slow', after: null },
      { path: 'parameters.mode.choices', kind: 'added', before: null, after: 'medium' },
      { path: 'parameters.slowPeriod.kind', kind: 'removed', before: 'integer', after: null },
      { path: 'parameters.slowPeriod.min', kind: 'removed', before: 3, after: null },
      { path: 'parameters.slowPeriod.max', kind: 'removed', before: 400, after: null },
      { path: 'parameters.slowPeriod.default', kind: 'removed', before: 50, after: null },
      { path: 'parameters.slowPeriod.description', kind: 'removed', before: 'slow', after: null },
      { path: 'constraints.fastPeriod != slowPeriod', kind: 'added', before: null, after: 'fastPeriod != slowPeriod' },
      { path: 'constraints.fastPeriod < slowPeriod', kind: 'changed', before: 'fastPeriod < slowPeriod', after: 'fast period below slow period' },
    ]);
  });

  it('ignores parameter order', () => {
    const reordered = { ...space(400), parameters: [...space(400).parameters].reverse() };
    expect(diffVersionDefinitions({ template: 't', parameterSpace: space(400) }, { template: 't', parameterSpace: reordered })).toEqual([]);
  });
});
