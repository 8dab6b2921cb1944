import type { Config } from '../infra/config.ts';
import { assertLeastPrivilege } from '../infra/db/connection-privileges.ts';
import { acquireDatabase } from '../infra/db/database.ts';
import { migrateAsOwner } from '../infra/db/migrate.ts';
import { openOrm, type MikroORM } from '../infra/db/orm.ts';
import type { Logger } from '../infra/logger.ts';

/**
 * Runs `work` with the database (DATABASE_URL, or the embedded one — reused while the app runs), migrated as the
 * owner role first unless `migrate: false`, then releases everything this command opened. The app role's connection is
 * checked like the server's (`assertLeastPrivilege`: refused in production mode when it is a superuser or owns the
 * platform's tables, a warning in demo mode). `work` gets an ORM on the
 * app role's connection, or on the owner's with `asOwner` (migration authoring).
 * @param options.existingOnly refuse to create a new embedded cluster (read-only commands such as `audit verify`).
 */
export async function withDatabase<T>(
  config: Config,
  logger: Logger,
  work: (orm: MikroORM, databaseUrl: string) => Promise<T>,
  options: { migrate?: boolean; asOwner?: boolean; existingOnly?: boolean } = {},
): Promise<T> {
  const database = await acquireDatabase(config, logger, { existingOnly: options.existingOnly });
  try {
    if (options.migrate ?? true) await migrateAsOwner(database, logger);
    // Like the server and worker: production mode refuses an app connection that could rewrite the audit trail.
    if (!options.asOwner) await assertLeastPrivilege(database.url, config.mode, logger);
    const url = options.asOwner ? database.ownerUrl : database.url;
    const orm = await openOrm(url, 4);
    try {
      return await work(orm, url);
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}
