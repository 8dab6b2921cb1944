import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseRoles } from '../../src/infra/db/database-roles.ts';
import { startEmbeddedPostgres } from '../../src/infra/db/embedded-postgres.ts';
import { createLogger } from '../../src/infra/logger.ts';

/** A PostgreSQL server for tests: `DATABASE_URL`'s server when set, else a throwaway embedded one. */
export interface TestPostgresServer {
  /** URL of the server's maintenance database; swap the database name to reach others. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts (or points at) the PostgreSQL server that tests create their databases on. */
export async function startTestPostgresServer(): Promise<TestPostgresServer> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'crucible-test-pg-'));
  const handle = await startEmbeddedPostgres({ dataDir, logger: createLogger('test-postgres', 'warn') });
  return {
    adminUrl: handle.adminUrl!,
    stop: async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The cluster-global roles of the tests (the owner migrates the template and owns its tables; the app role is what
 * services under test connect as). Created idempotently by every test run; never dropped, since concurrent runs
 * share them. The fixed password matters only on a password-authenticating server (the embedded one).
 */
export const testRoles: DatabaseRoles = {
  owner: { name: 'crucible_test_owner', password: 'crucible-test-password' },
  app: { name: 'crucible_test_app', password: 'crucible-test-password' },
};

/** The URL of database `name` on the server of `url`. */
export function databaseUrlFor(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function runAdminStatement(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
