import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.ts';
import { userOf } from './database-roles.ts';
import type { PostgresHandle } from './embedded-postgres.ts';
import { openOrm } from './orm.ts';

/**
 * Brings the database to the current schema: MikroORM migrations from `migrations/` (public schema), then
 * graphile-worker's own schema, then re-protects every append-only table (triggers on new partitions), attaches the
 * data-change trigger to new tables (infra/db/data-version.ts) and, given
 * `appRole`, re-applies the app role's grant list (`crucible_grant_app_privileges`, so new tables are covered).
 * `orm` and `databaseUrl` connect as the owner role. Idempotent; safe to run from several processes (migrations take locks).
 */
export async function migrateDatabase(orm: MikroORM, databaseUrl: string, logger: Logger, options: { appRole?: string } = {}): Promise<void> {
  const applied = await orm.migrator.up();
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  await runMigrations({ connectionString: databaseUrl, logger: undefined });
  const em = orm.em.fork();
  await em.execute('select crucible_protect_append_only()');
  // Tables added by these migrations get the data-change trigger the response cache's version check relies on.
  await em.execute('select crucible_track_data_changes()');
  if (options.appRole && options.appRole !== userOf(databaseUrl)) await em.execute('select crucible_grant_app_privileges(?)', [options.appRole]);
}

/**
 * Migrates `database` as its owner role and grants the app role its privileges. When the process only holds the
 * app role's credentials (owner URL = app URL and that role may not create tables — the server and worker under
 * `npm start` or docker-compose), it migrates nothing: the owner (`setup`, `db migrate`) did.
 * @returns whether migrations ran.
 */
export async function migrateAsOwner(database: PostgresHandle, logger: Logger): Promise<boolean> {
  if (database.ownerUrl === database.url && !(await canCreateTables(database.url))) {
    logger.debug('connected as a role that may not create tables: migrations are left to the owner role');
    return false;
  }
  const orm = await openOrm(database.ownerUrl, 2, logger);
  try {
    await migrateDatabase(orm, database.ownerUrl, logger, { appRole: userOf(database.url) });
  } finally {
    await orm.close();
  }
  return true;
}

async function canCreateTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ allowed: boolean }>(`select has_schema_privilege('public', 'CREATE') as allowed`);
    return rows[0]!.allowed;
  } finally {
    await client.end();
  }
}
