import type { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import type { Services } from '../src/services/index.ts';

/**
 * Registers `count` benchmark strategies `<codePrefix>-0 … <codePrefix>-(count−1)`, each with one approved version
 * copying the template of `templateSources[index % templateSources.length]`'s latest approved version (seed = index),
 * so the benches that need many strategies (API load, scorecard) register them one way. `services` is a factory
 * (a fresh unit of work per call, as the benches create them). Throws when a source strategy has no approved version.
 */
export async function registerBenchStrategies(
  services: () => Services,
  templateSources: readonly Strategy[],
  count: number,
  codePrefix: string,
): Promise<void> {
  for (let index = 0; index < count; index++) {
    const registered = await services().strategies.register({
      code: `${codePrefix}-${index}`,
      name: `${codePrefix} ${index}`,
      objective: `${codePrefix} benchmark`,
      eligibleMarkets: ['*'],
      riskCategory: 'moderate',
      capitalGuardrails: { production: 0.01 },
    });
    const source = templateSources[index % templateSources.length]!;
    const latest = await services().strategies.latestApprovedVersion(source.id);
    if (!latest) throw new Error(`registerBenchStrategies: strategy ${source.id} has no approved version to copy`);
    const version = await services().strategies.submitVersion({ strategyId: registered.id, template: latest.template, changelog: codePrefix, deterministicSeed: index });
    await services().strategies.approveVersion(version.id, codePrefix);
  }
}
