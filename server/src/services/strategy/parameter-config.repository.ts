import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../../domain/ids.ts';
import { calculateParameterChecksum } from '../../domain/strategy/parameter-checksum.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import type { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';

/**
 * The version's config with these exact parameters, created on first use (deduplicated by checksum), on `em`'s
 * transaction. Race-free: when another transaction creates the same config at the same time (two identical
 * optimizations storing a segment), `INSERT … ON CONFLICT DO NOTHING` waits for it to commit and inserts nothing, and
 * the SELECT that follows (a new READ COMMITTED snapshot) finds its row — neither transaction fails on the unique
 * (strategy version, checksum) key. The version must already be stored.
 */
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
  await em.execute(
    `insert into parameter_config (id, strategy_version_id, label, parameters, source, checksum) values (?, ?, ?, ?::jsonb, ?, ?)
      on conflict (strategy_version_id, checksum) do nothing`,
    [newId(), version.id, label, JSON.stringify({ ...parameters }), source, checksum],
  );
  return em.findOneOrFail(ParameterConfig, { strategyVersion: version, checksum });
}
