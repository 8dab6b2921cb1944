import { inject } from 'vitest';
import { withCredentials } from '../../src/infra/db/database-roles.ts';
import { connectedAs } from './postgres-client.ts';
import { databaseUrlFor, runAdminStatement, testRoles } from './postgres-server.ts';
import type {} from './provided-context.ts';

/** A fresh, migrated database for one test file. */
export interface TestDatabase {
  /** As the server's superuser: fixtures and tampering (what an attacker with full access could do). */
  url: string;
  /** As the owner role (owns every table; runs migrations). */
  ownerUrl: string;
  /** As the least-privilege app role, like the server and worker in production. */
  appUrl: string;
  drop(): Promise<void>;
}

/** Clones the migrated template into a new database (fast: a file copy, no migrations). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('testAdminUrl');
  const name = `crucible_test_${Math.random().toString(36).slice(2, 10)}`;
  await runAdminStatement(adminUrl, `create database ${name} template ${inject('testTemplateDatabase')} owner ${testRoles.owner.name}`);
  const url = databaseUrlFor(adminUrl, name);
  return {
    url,
    ownerUrl: withCredentials(url, testRoles.owner),
    appUrl: withCredentials(url, testRoles.app),
    drop: () => dropWhenClosed(adminUrl, name),
  };
}

/** How long a drop waits for the test's own connections to finish closing before it terminates what is left. */
const closingGraceMs = 1_000;

/**
 * Drops the database once the connections the test closed have gone, then with `force` (a killed worker's or a
 * spawned process's connections). `pool.end()` resolves before its clients' sockets are closed; terminating such a
 * client mid-close makes it emit 57P01 with no listener left — an uncaught exception in the test process.
 */
async function dropWhenClosed(adminUrl: string, name: string): Promise<void> {
  await connectedAs(adminUrl, async (client) => {
    const deadline = Date.now() + closingGraceMs;
    for (;;) {
      const { rows } = await client.query<{ open: number }>('select count(*)::int as open from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      if (rows[0]!.open === 0 || Date.now() > deadline) break;
      await new Promise((resolveLater) => setTimeout(resolveLater, 10));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  });
}
