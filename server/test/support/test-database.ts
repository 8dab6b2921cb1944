import { inject } from 'vitest';
import { databaseUrlFor, runAdminStatement } from './postgres-server.ts';
import type {} from './provided-context.ts';

/** A fresh, migrated database for one test file. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Clones the migrated template into a new database (fast: a file copy, no migrations). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('testAdminUrl');
  const name = `crucible_test_${Math.random().toString(36).slice(2, 10)}`;
  await runAdminStatement(adminUrl, `create database ${name} template ${inject('testTemplateDatabase')}`);
  return {
    url: databaseUrlFor(adminUrl, name),
    drop: () => runAdminStatement(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
