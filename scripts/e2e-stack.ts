import 'reflect-metadata';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { e2eStackFile } from './e2e-stack-file.ts';
import { parseConfig, repositoryRoot } from '../server/src/infra/config.ts';
import { assertLeastPrivilege } from '../server/src/infra/db/connection-privileges.ts';
import { ensureDatabaseRoles, withCredentials } from '../server/src/infra/db/database-roles.ts';
import { migrateAsOwner } from '../server/src/infra/db/migrate.ts';
import { openOrm } from '../server/src/infra/db/orm.ts';
import { createLogger } from '../server/src/infra/logger.ts';
import { supervise } from '../server/src/infra/process/supervise.ts';
import { stopOnSignal } from '../server/src/infra/process/stop-on-signal.ts';
import { startServer } from '../server/src/http/server.ts';
import { createSystemServices } from '../server/src/services/system-services.ts';
import { seedPromotionDemo } from '../server/src/services/demo/promotion-demo.ts';
import { PromotionPolicyVersion } from '../server/src/domain/promotion/promotion-policy.entity.ts';
import { parsePromotionPolicy } from '../server/src/domain/promotion/promotion-policy.schema.ts';
import { gatesOpenE2ePolicyVersion, gatesOpenTestPolicy } from '../server/test/support/promotion-test-policies.ts';
import { databaseUrlFor, runAdminStatement, startTestPostgresServer, testRoles } from '../server/test/support/postgres-server.ts';

/**
 * The whole platform for browser tests, on a throwaway database, with the owner/app role split of `npm start`: the
 * database is created owned by the owner role, migrated as the owner, and everything else connects as the
 * least-privilege app role (no superuser warning). Imports two daily datasets, registers the built-in strategies and
 * the demo users, then runs the API + web server (E2E_PORT, default 4100) in this process and the worker as a
 * supervised child process (as `npm start` does: a long job never blocks the API). SIGTERM/SIGINT stops everything
 * and drops the database.
 */
const port = Number(process.env.E2E_PORT ?? 4100);
const logger = createLogger('e2e-stack', process.env.LOG_LEVEL ?? 'warn');
const postgres = await startTestPostgresServer();
const databaseName = `crucible_e2e_${Math.random().toString(36).slice(2, 10)}`;
// As the superuser: the two roles (no superuser, no CREATEDB/CREATEROLE) and the database, owned by the owner role.
await ensureDatabaseRoles(postgres.adminUrl, testRoles, { database: databaseName, setPasswords: true });
const serverUrl = databaseUrlFor(postgres.adminUrl, databaseName);
const database = { url: withCredentials(serverUrl, testRoles.app), ownerUrl: withCredentials(serverUrl, testRoles.owner), owned: false, stop: async () => {} };
await migrateAsOwner(database, logger);
await assertLeastPrivilege(database.url, 'production', logger);
const config = { ...parseConfig({ ...process.env, DATABASE_URL: database.url, PORT: String(port) }), databaseUrl: database.url };
const orm = await openOrm(database.url, 6);
const services = createSystemServices(orm, config, logger);
await services.audit.registerSigningKey();
for (const file of ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv']) {
  await services.marketData.importBytes(file, await readFile(join(repositoryRoot, 'data/market', file)));
}
await services.strategies.registerBuiltInStrategies();
// One demo user per role (`<role>@demo.crucible.local` / `<role>-demo-password`, demo TOTP secret enrolled).
await services.users.ensureDemoUsers();
// An INACTIVE test promotion policy whose evidence gates are open (its version says so: gatesOpenE2ePolicyVersion), for
// specs that watch a promotion execute on this stack: on the bundled real data the strict default, which stays in force,
// refuses every one (research-only scorecards). A spec activates it only while it opens its own request
// (web/e2e/support/promotion-test-policy.ts); the request keeps the version and executes under it.
await orm.em.fork().transactional(async (em) => {
  const row = em.create(PromotionPolicyVersion, { version: gatesOpenE2ePolicyVersion, definition: parsePromotionPolicy(gatesOpenTestPolicy(gatesOpenE2ePolicyVersion)), active: false, createdBy: null });
  await em.flush();
  await services.governance.audit.record(em, {
    action: 'promotion.policy_added',
    subjectType: 'PromotionPolicyVersion',
    subjectId: row.id,
    details: { version: gatesOpenE2ePolicyVersion, active: false, reason: 'e2e stack: a test policy with open evidence gates, activated by a spec only while it opens its own request' },
  });
});
// E2E_PROMOTION_DEMO=1 (screenshots of the promotion board): the `npm start` demo's synthetic dataset, permissive demo
// policy, replays and requests. Off for the e2e specs, which make their own data.
if (process.env.E2E_PROMOTION_DEMO === '1') await seedPromotionDemo(orm.em.fork(), services);
const server = await startServer({ config, orm, databaseUrl: database.url, logger });
// The worker gets the app role's connection only, like `npm start`'s children.
const worker = supervise(
  'worker',
  join(repositoryRoot, 'worker/src/main.ts'),
  { ...process.env, DATABASE_URL: database.url, DATABASE_OWNER_URL: undefined, WORKER_CONCURRENCY: '2', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  logger,
  () => void stop(),
);
// For specs that arrange what no API may create on this stack (web/e2e/support/stack-database.ts): the app role's URL
// of this throwaway database and the version of its inactive test promotion policy, readable by this user only,
// removed when the stack stops.
await writeFile(e2eStackFile(port), JSON.stringify({ databaseUrl: database.url, gatesOpenPromotionPolicyVersion: gatesOpenE2ePolicyVersion }), { mode: 0o600 });
console.log(`e2e stack ready at ${server.url}`);

const stop = stopOnSignal('e2e stack', logger, [
  () => rm(e2eStackFile(port), { force: true }),
  () => worker.stop(),
  () => server.close(),
  () => orm.close(),
  () => runAdminStatement(postgres.adminUrl, `drop database if exists ${databaseName} with (force)`),
  () => postgres.stop(),
]);
