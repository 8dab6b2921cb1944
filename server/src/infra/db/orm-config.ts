import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig } from '@mikro-orm/postgresql';
import { entities } from '../../domain/entities.ts';
import type { Logger } from '../logger.ts';
import { beforeCommitSubscriber } from './before-commit.ts';
import { driverTlsOptions } from './database-tls.ts';

/** `migrations/` at the repository root, resolved the same way from `src/` and `dist/`. */
export const migrationsDir = fileURLToPath(new URL('../../../../migrations', import.meta.url));

/**
 * MikroORM configuration. graphile-worker owns the `graphile_worker` schema, so it is kept out of the schema
 * diff (without `ignoreSchema` the diff would drop the job tables).
 */
export function makeOrmConfig(options: { databaseUrl: string; logger?: Logger; poolMax?: number }) {
  const tls = driverTlsOptions(options.databaseUrl);
  return defineConfig({
    clientUrl: options.databaseUrl,
    // MikroORM reads host, user and database from the URL but not its TLS parameters: pass them to the pool.
    ...(tls ? { driverOptions: tls } : {}),
    entities: [...entities],
    extensions: [Migrator],
    // Work a use-case defers to right before its commit (`runBeforeCommit`: the audit chain's append and its lock).
    subscribers: [beforeCommitSubscriber],
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: false,
    // MikroORM prints migration progress to the console by default; route it into the structured log.
    logger: (message: string) => options.logger?.debug({ orm: message }, 'mikro-orm'),
    allowGlobalContext: false,
    migrations: {
      path: migrationsDir,
      pathTs: migrationsDir,
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    // `crucible_append_only` is the registry of the hand-written least-privilege migration (no entity).
    schemaGenerator: { ignoreSchema: ['graphile_worker'], skipTables: ['crucible_append_only'] },
  });
}
