import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateParameterChecksum } from '../../domain/strategy/parameter-checksum.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import type { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';

/** The version's config with these exact parameters, created on first use (deduplicated by checksum). */
export async function findOrCreateParameterConfig(
  em: EntityManager,
  version: StrategyVersion,
  parameters: Readonly<Record<string, number | string | boolean>>,
  source: ParameterConfig['source'],
): Promise<ParameterConfig> {
  const checksum = calculateParameterChecksum(parameters);
  const existing = await em.findOne(ParameterConfig, { strategyVersion: version, checksum });
  if (existing) return existing;
  const label = Object.entries(parameters)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return em.create(ParameterConfig, { strategyVersion: version, label, parameters: { ...parameters }, source, checksum });
}
