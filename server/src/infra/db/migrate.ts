import { runMigrations } from 'graphile-worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.ts';

/**
 * Brings the database to the current schema: MikroORM migrations from `migrations/` (public schema), then
 * graphile-worker's own schema. Idempotent; safe to run from several processes (migrations take locks).
 */
export async function migrateDatabase(orm: MikroORM, databaseUrl: string, logger: Logger): Promise<void> {
  const applied = await orm.migrator.up();
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  await runMigrations({ connectionString: databaseUrl, logger: undefined });
}
