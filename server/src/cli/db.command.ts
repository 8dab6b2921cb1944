import type { Config } from '../infra/config.ts';
import type { Logger } from '../infra/logger.ts';
import { withDatabase } from './with-database.ts';

/** `db migrate`: applies pending MikroORM and graphile-worker migrations. */
export async function migrateCommand(config: Config, logger: Logger): Promise<number> {
  await withDatabase(config, logger, async () => {
    console.log('Database is up to date.');
  });
  return 0;
}

/** `db migration:create`: writes a new migration into `migrations/` from the entity diff. */
export async function migrationCreateCommand(config: Config, logger: Logger, initial: boolean): Promise<number> {
  await withDatabase(
    config,
    logger,
    async (orm) => {
      const result = await orm.migrator.create(undefined, false, initial);
      console.log(result.fileName ? `Created ${result.fileName}` : 'No changes: the database matches the entities.');
    },
    { migrate: !initial, asOwner: true },
  );
  return 0;
}
