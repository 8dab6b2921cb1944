import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeSystemActor } from '../domain/auth/actor.ts';
import { newId } from '../domain/ids.ts';
import { systemClock } from '../infra/clock.ts';
import type { Config } from '../infra/config.ts';
import type { MikroORM } from '../infra/db/orm.ts';
import type { Logger } from '../infra/logger.ts';
import { roles } from '../domain/auth/roles.ts';
import { demoEmail, demoPassword, demoTotpSecret, extraDemoPeople } from '../services/auth/user.service.ts';
import { queueStartupCohort } from '../services/backtest/startup-cohort.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { demoSyntheticFileName, seedPromotionDemo } from '../services/demo/promotion-demo.ts';
import { consoleSteps, silentSteps, type StepReporter } from './start-steps.ts';
import { withDatabase } from './with-database.ts';

/** What `setup` did, for the start-up log and the closing figures. */
export interface SetupReport {
  importedFiles: number;
  createdDataSets: number;
  importMs: number;
  queuedRuns: number;
  /** The first evaluation cycle queued by this setup (null when one existed already). */
  queuedCycleId: string | null;
  /** Demo users (demo mode only): email and password per role. */
  demoUsers: { role: string; email: string; password: string }[];
}

/**
 * Prepares a migrated database for use: imports the bundled market data (idempotent by checksum), registers one
 * built-in strategy per engine template, and queues the first backtest cohort on BTC, ETH and SOL.
 */
export async function prepareDatabase(orm: MikroORM, config: Config, logger: Logger, step: StepReporter = silentSteps): Promise<SetupReport> {
  const correlationId = newId();
  const ctx = { em: orm.em.fork(), clock: systemClock, logger: logger.child({ correlationId }), correlationId, actor: makeSystemActor() };
  const services = createServices(ctx, config);
  await services.audit.registerSigningKey();
  const hadCycle = (await services.cycles.list({ first: 1 })).totalCount > 0;
  const imported = await step('import market data', () => importBundledData(config.bundledDataDir, services.marketData, logger), (result) => `${result.importedFiles} files, ${result.createdDataSets} new datasets`);
  await step('register templates', () => services.strategies.registerBuiltInStrategies(), () => 'one strategy per built-in engine template');
  const demoUsers = await prepareUsers(services, config);
  if (config.mode !== 'production') {
    await step('seed promotion demo', () => seedPromotionDemo(ctx.em.fork(), services), (report) =>
      report ? `SYNTHETIC dataset ${demoSyntheticFileName}, policy ${report.policyVersion}, ${report.deployments} deployments, ${report.requests} requests` : 'already seeded');
  }
  const cohort = await step('queue first backtests', () => queueStartupCohort(ctx, services), (queued) => `${queued.length} runs`);
  logger.info({ queued: cohort.length }, 'first backtest cohort queued');
  const queuedCycleId = hadCycle ? null : await queueFirstEvaluationCycle(services);
  return { ...imported, queuedRuns: cohort.length, queuedCycleId, demoUsers };
}

/**
 * The first evaluation cycle of a database that had none before this setup, so a new user sees a ranked scorecard
 * within minutes of `npm start` (the worker runs it): the one this setup's imports already queued (a certified dataset
 * — in demo mode the promotion demo's — triggers a cycle once strategies are registered), else a new one.
 * @returns its id.
 */
async function queueFirstEvaluationCycle(services: Services): Promise<string> {
  const [queuedBySetup] = (await services.cycles.list({ first: 1 })).nodes;
  if (queuedBySetup) return queuedBySetup.id;
  const cycle = await services.cycles.run({ reason: 'first evaluation cycle after setup' });
  return cycle.id;
}

/**
 * Demo mode: one user per role with published passwords and TOTP secret. Production mode: refuses to go on
 * while an active demo user exists (deactivate them with `npm run crucible -- user deactivate <email>`).
 * @throws Error naming the demo users in production mode.
 */
async function prepareUsers(services: Services, config: Config): Promise<SetupReport['demoUsers']> {
  if (config.mode === 'production') {
    const emails = await services.users.activeDemoUserEmails();
    if (emails.length > 0) throw new Error(`production mode refuses to start with ${emails.length} active demo user(s): deactivate them with \`npm run crucible -- user deactivate ${emails.join(' ')}\``);
    return [];
  }
  await services.users.ensureDemoUsers();
  return [
    ...roles.map((role) => ({ role: role as string, email: demoEmail(role), password: demoPassword(role) })),
    ...extraDemoPeople.map((person) => ({ role: `${person.role} (${person.key})`, email: `${person.key}@demo.crucible.local`, password: `${person.key}-demo-password` })),
  ];
}

/** How to sign in as the demo users, for the console. */
export function demoSignInInstructions(url: string, users: SetupReport['demoUsers']): string {
  if (users.length === 0) return '';
  const rows = users.map((user) => `    ${user.role.padEnd(17)} ${user.email.padEnd(32)} ${user.password}`).join('\n');
  return `\n  Demo mode: sign in at ${url}/sign-in as one of\n${rows}\n  Production actions ask for a TOTP code: add the demo secret ${demoTotpSecret} to an authenticator app.\n  (Set CRUCIBLE_MODE=production with your own keys and users for real use.)\n`;
}

/** `setup`: migrate + `prepareDatabase` (one console line per step), then exit (the one-shot job of docker-compose). */
export async function setupCommand(config: Config, logger: Logger): Promise<number> {
  const report = await withDatabase(config, logger, (orm) => prepareDatabase(orm, config, logger, consoleSteps()));
  console.log(`Set up: ${report.createdDataSets} new datasets from ${report.importedFiles} files in ${report.importMs} ms; ${report.queuedRuns} backtests queued${report.queuedCycleId ? '; first evaluation cycle queued' : ''}.`);
  console.log('Nothing runs yet: start the server and a worker (`npm start`, or `node server/dist/main.js` and `node worker/src/main.ts`, docs/operations.md).');
  console.log(demoSignInInstructions(`http://${config.host}:${config.port}`, report.demoUsers));
  return 0;
}

async function importBundledData(directory: string, marketData: Services['marketData'], logger: Logger) {
  const started = performance.now();
  const files = (await readdir(directory)).filter((name) => /\.csv(\.gz)?$/.test(name)).sort();
  let createdDataSets = 0;
  for (const file of files) {
    const result = await marketData.importBytes(file, await readFile(join(directory, file)));
    if (result.created) createdDataSets++;
  }
  const importMs = Math.round(performance.now() - started);
  logger.info({ files: files.length, created: createdDataSets, ms: importMs }, 'bundled market data imported');
  return { importedFiles: files.length, createdDataSets, importMs };
}
