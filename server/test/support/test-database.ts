import { inject } from 'vitest';
import { withCredentials } from '../../src/infra/db/database-roles.ts';
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
    drop: () => runAdminStatement(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
