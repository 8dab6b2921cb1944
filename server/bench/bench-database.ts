import { ensureDatabaseRoles, withCredentials } from '../src/infra/db/database-roles.ts';
import { migrateDatabase } from '../src/infra/db/migrate.ts';
import { openOrm, type MikroORM } from '../src/infra/db/orm.ts';
import type { Logger } from '../src/infra/logger.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer, testRoles } from '../test/support/postgres-server.ts';

/** A bench's throwaway database, migrated, with an ORM on it; `drop` closes the ORM, drops it and stops its server. */
export interface BenchDatabase {
  orm: MikroORM;
  /** What the ORM connects with: the app role's URL with `roles`, else the server's superuser. */
  databaseUrl: string;
  /** The owner role's URL with `roles` (it migrated the database; e.g. for bulk inserts past the app role's grants), else `databaseUrl`. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one bench: a test PostgreSQL server, a database `crucible_bench_<random>` migrated to the
 * latest schema, an ORM with at most `poolSize` connections. With `roles`, as production runs: the database belongs to
 * the test owner role, which migrates it (granting the app role), and the ORM connects as the app role. Call `drop` in a
 * `finally` once what the bench started on it (servers, workers) is stopped; when the set-up fails it is dropped here.
 */
export async function openBenchDatabase(poolSize: number, logger: Logger, options: { roles?: boolean } = {}): Promise<BenchDatabase> {
  const postgres = await startTestPostgresServer();
  const databaseName = `crucible_bench_${Math.random().toString(36).slice(2, 10)}`;
  const serverUrl = databaseUrlFor(postgres.adminUrl, databaseName);
  if (options.roles) await ensureDatabaseRoles(postgres.adminUrl, testRoles, { database: databaseName, setPasswords: true });
  else await runAdminStatement(postgres.adminUrl, `create database ${databaseName}`);
  const ownerUrl = options.roles ? withCredentials(serverUrl, testRoles.owner) : serverUrl;
  const databaseUrl = options.roles ? withCredentials(serverUrl, testRoles.app) : serverUrl;
  let orm: MikroORM | null = null;
  const drop = async () => {
    await orm?.close();
    await runAdminStatement(postgres.adminUrl, `drop database if exists ${databaseName} with (force)`);
    await postgres.stop();
  };
  try {
    if (options.roles) {
      const ownerOrm = await openOrm(ownerUrl, 2);
      try {
        await migrateDatabase(ownerOrm, ownerUrl, logger, { appRole: testRoles.app.name });
      } finally {
        await ownerOrm.close();
      }
      orm = await openOrm(databaseUrl, poolSize);
    } else {
      orm = await openOrm(databaseUrl, poolSize);
      await migrateDatabase(orm, databaseUrl, logger);
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { orm, databaseUrl, ownerUrl, drop };
}
