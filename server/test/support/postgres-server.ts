import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
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
    adminUrl: handle.url,
    stop: async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

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
