import { migrateDatabase } from '../src/infra/db/migrate.ts';
import { openOrm, type MikroORM } from '../src/infra/db/orm.ts';
import type { Logger } from '../src/infra/logger.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer } from '../test/support/postgres-server.ts';

/** A bench's throwaway database, migrated, with an ORM on it; `drop` closes the ORM, drops it and stops its server. */
export interface BenchDatabase {
  orm: MikroORM;
  databaseUrl: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one bench: a test PostgreSQL server, a database `crucible_bench_<random>` migrated to the
 * latest schema, an ORM with at most `poolSize` connections. Call `drop` in a `finally` once what the bench started on
 * it (servers, workers) is stopped; when the migration fails it is dropped here.
 */
export async function openBenchDatabase(poolSize: number, logger: Logger): Promise<BenchDatabase> {
  const postgres = await startTestPostgresServer();
  const databaseName = `crucible_bench_${Math.random().toString(36).slice(2, 10)}`;
  await runAdminStatement(postgres.adminUrl, `create database ${databaseName}`);
  const databaseUrl = databaseUrlFor(postgres.adminUrl, databaseName);
  const orm = await openOrm(databaseUrl, poolSize);
  const drop = async () => {
    await orm.close();
    await runAdminStatement(postgres.adminUrl, `drop database if exists ${databaseName} with (force)`);
    await postgres.stop();
  };
  try {
    await migrateDatabase(orm, databaseUrl, logger);
  } catch (error) {
    await drop();
    throw error;
  }
  return { orm, databaseUrl, drop };
}
