import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres, type PostgresHandle } from './embedded-postgres.ts';
import { waitForDatabase } from './wait-for-database.ts';

/**
 * The database this process uses: `DATABASE_URL` when set (waited for up to `DATABASE_WAIT_SECONDS` while it is
 * unreachable), otherwise the embedded PostgreSQL under `DATA_DIR` (started here, or reused when another process
 * already runs it).
 */
export async function acquireDatabase(config: Config, logger: Logger): Promise<PostgresHandle> {
  if (config.databaseUrl) {
    await waitForDatabase(config.databaseUrl, logger, config.databaseWaitSeconds);
    return { url: config.databaseUrl, owned: false, stop: async () => {} };
  }
  return startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
}
