import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres, type PostgresHandle } from './embedded-postgres.ts';
import { waitForDatabase } from './wait-for-database.ts';
import { withVerifiedTls } from './database-tls.ts';

/** There is no database to work on (and creating one was not wanted). */
export class NoDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoDatabaseError';
  }
}

/**
 * The database this process uses: `DATABASE_URL` (app role) and `DATABASE_OWNER_URL` (owner role, for migrations)
 * when set (waited for up to `DATABASE_WAIT_SECONDS` while unreachable), otherwise the embedded PostgreSQL under
 * `DATA_DIR` (started here, or reused when another process already runs it), with its owner and app roles.
 * @param options.existingOnly refuse to create a new embedded cluster (commands that only read, like `audit verify`).
 * @throws NoDatabaseError naming DATA_DIR when `existingOnly` and there is no cluster there.
 */
export async function acquireDatabase(config: Config, logger: Logger, options: { existingOnly?: boolean } = {}): Promise<PostgresHandle> {
  if (config.databaseUrl) {
    const url = withVerifiedTls(config.databaseUrl, config.databaseSslRootCert);
    const ownerUrl = withVerifiedTls(config.databaseOwnerUrl ?? config.databaseUrl, config.databaseSslRootCert);
    await waitForDatabase(url, logger, config.databaseWaitSeconds);
    return { url, ownerUrl, owned: false, stop: async () => {} };
  }
  if (options.existingOnly && !existsSync(join(config.dataDir, 'postgres', 'PG_VERSION'))) {
    throw new NoDatabaseError(`No Crucible database: DATABASE_URL is not set and there is no embedded cluster in DATA_DIR (${config.dataDir}/postgres). Point DATA_DIR at the directory \`npm start\` uses, or set DATABASE_URL.`);
  }
  return startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
}
