import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { generateConfigurations, makeConfigurationKey } from './generate-configurations.ts';

describe('generateConfigurations', () => {
  it('makes 60 unique, valid configurations over the built-in templates with no template above 30 %', () => {
    const configurations = generateConfigurations({ templates: strategyTemplates, count: 60, seed: 42 });
    expect(configurations).toHaveLength(60);
    expect(new Set(configurations.map((configuration) => configuration.key)).size).toBe(60);
    const perTemplate = new Map<string, number>();
    for (const configuration of configurations) perTemplate.set(configuration.templateId, (perTemplate.get(configuration.templateId) ?? 0) + 1);
    expect(Math.max(...perTemplate.values())).toBeLessThanOrEqual(18);
    expect(perTemplate.size).toBe(strategyTemplates.length);
    for (const configuration of configurations) {
      const template = strategyTemplates.find((candidate) => candidate.id === configuration.templateId)!;
      expect(() => parseParameters(template, configuration.parameters)).not.toThrow();
    }
  });

  it('scales to 200+ and is reproducible from the seed', () => {
    const first = generateConfigurations({ templates: strategyTemplates, count: 240, seed: 7 });
    const again = generateConfigurations({ templates: strategyTemplates, count: 240, seed: 7 });
    const other = generateConfigurations({ templates: strategyTemplates, count: 240, seed: 8 });
    expect(first.map((configuration) => configuration.key)).toEqual(again.map((configuration) => configuration.key));
    expect(first.map((configuration) => configuration.key)).not.toEqual(other.map((configuration) => configuration.key));
    expect(new Set(first.map((configuration) => configuration.key)).size).toBe(240);
  });

  it('refuses counts the share cap cannot reach, naming the field', () => {
    const two = strategyTemplates.slice(0, 2);
    expect(() => generateConfigurations({ templates: two, count: 60, seed: 1 })).toThrow(EngineInputError);
    expect(() => generateConfigurations({ templates: two, count: 60, seed: 1 })).toThrow(/2 templates with at most 18 configurations each/);
  });

  it('keys configurations canonically', () => {
    expect(makeConfigurationKey('sma_crossover', { slowPeriod: 50, fastPeriod: 20 })).toBe('sma_crossover:{fastPeriod=20,slowPeriod=50}');
  });
});
