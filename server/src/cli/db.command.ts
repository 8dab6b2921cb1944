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
      const warning = result.fileName ? undeclaredObjectsWarning(result.diff.up) : null;
      if (warning) console.error(warning);
    },
    { migrate: !initial, asOwner: true },
  );
  return 0;
}

/**
 * The generator diffs the entities against the database, and the entities do not declare what migrations add in SQL
 * (append-only and change-notification triggers, constraints, tables of raw SQL): a generated migration drops those.
 * @returns a warning counting the drops in `statements` (the migration's up SQL), or null when there are none.
 */
export function undeclaredObjectsWarning(statements: readonly string[]): string | null {
  const count = (pattern: RegExp) => statements.filter((statement) => pattern.test(statement)).length;
  const drops = [
    [count(/^drop trigger/i), 'triggers'],
    [count(/^drop table/i), 'tables'],
    [count(/drop constraint/i), 'constraints'],
  ].filter(([n]) => Number(n) > 0);
  if (drops.length === 0) return null;
  return (
    `Review it before committing: it drops ${drops.map(([n, what]) => `${n} ${what}`).join(', ')} that migrations created in SQL and the entities do not ` +
    'declare (e.g. the audit tables\' append-only triggers). Keep only the statements of your entity change; delete the rest.'
  );
}
