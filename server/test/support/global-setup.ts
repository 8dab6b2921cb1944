import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../src/infra/db/migrate.ts';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import type {} from './provided-context.ts';
import { ensureDatabaseRoles, withCredentials } from '../../src/infra/db/database-roles.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer, testRoles } from './postgres-server.ts';


/**
 * Once per test run: ensures the test roles, migrates a template database (MikroORM + graphile-worker schemas) as
 * the owner role with the app role's grants, which each test file clones with CREATE DATABASE … TEMPLATE, then
 * drops it at the end.
 */
export default async function setup(project: TestProject) {
  const server = await startTestPostgresServer();
  const template = `crucible_template_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await ensureDatabaseRoles(server.adminUrl, testRoles);
  await runAdminStatement(server.adminUrl, `create database ${template} owner ${testRoles.owner.name}`);
  const templateUrl = withCredentials(databaseUrlFor(server.adminUrl, template), testRoles.owner);
  const orm = await openOrm(templateUrl, 2);
  await migrateDatabase(orm, templateUrl, createLogger('test-setup', 'warn'), { appRole: testRoles.app.name });
  await orm.close();
  project.provide('testAdminUrl', server.adminUrl);
  project.provide('testTemplateDatabase', template);
  return async () => {
    await runAdminStatement(server.adminUrl, `drop database if exists ${template} with (force)`);
    await server.stop();
  };
}
