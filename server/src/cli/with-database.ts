import type { Config } from '../infra/config.ts';
import { acquireDatabase } from '../infra/db/database.ts';
import { migrateDatabase } from '../infra/db/migrate.ts';
import { openOrm, type MikroORM } from '../infra/db/orm.ts';
import type { Logger } from '../infra/logger.ts';

/**
 * Runs `work` with a migrated database (DATABASE_URL, or the embedded one — reused while the app runs),
 * then releases everything this command opened.
 */
export async function withDatabase<T>(
  config: Config,
  logger: Logger,
  work: (orm: MikroORM, databaseUrl: string) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const database = await acquireDatabase(config, logger);
  try {
    const orm = await openOrm(database.url, 4);
    try {
      if (options.migrate ?? true) await migrateDatabase(orm, database.url, logger);
      return await work(orm, database.url);
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}
