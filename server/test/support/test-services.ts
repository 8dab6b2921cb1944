import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { makeUserActor } from '../../src/domain/auth/actor.ts';
import type { Role } from '../../src/domain/auth/roles.ts';
import { newId } from '../../src/domain/ids.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { systemClock, type Clock } from '../../src/infra/clock.ts';
import { openOrm, type MikroORM } from '../../src/infra/db/orm.ts';
import { createLogger, type Logger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { createServices, type Services } from '../../src/services/create-services.ts';
import type { ServiceSettings } from '../../src/services/service-context.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** What a medium (real-database) test file works with. */
export interface ServiceTestHarness {
  database: TestDatabase;
  orm: MikroORM;
  importDir: string;
  /** Services on a fresh EntityManager fork (call per step so nothing is cached between steps). */
  services(): Services;
  /**
   * Services acting as the user `email` (created with `roles` on first use) through an API token, with or without
   * a step-up (production actions need one).
   */
  servicesAs(email: string, roles: Role[], options?: { stepUp?: boolean }): Promise<Services>;
}

/**
 * Services acting as the user `email` (created with `roles` on first use) through an API token, with or without a
 * step-up, on a fresh EntityManager fork of `orm` (also for worker tests, which cannot import the server's sources), on
 * `options.clock` (default the wall clock).
 */
export async function servicesActingAs(
  orm: MikroORM,
  email: string,
  roles: Role[],
  options: { stepUp?: boolean; importDir?: string; logger?: Logger; settings?: Omit<ServiceSettings, 'importDir'>; clock?: Clock } = {},
): Promise<Services> {
  const em = orm.em.fork();
  let user = await em.findOne(User, { email });
  if (!user) {
    user = em.create(User, { email, displayName: email, roles, kind: 'human' });
    await em.flush();
  }
  const actor = makeUserActor({ id: user.id, email }, roles, { kind: 'api_token', tokenId: newId(), stepUp: options.stepUp ?? false });
  const logger = options.logger ?? createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  return createServices({ em: orm.em.fork(), clock: options.clock ?? systemClock, logger, correlationId: newId(), actor }, { ...options.settings, importDir: options.importDir ?? '/nonexistent' });
}

/** How long one database lives: the whole file (tests arrange what they need idempotently) or one test. */
export type DatabaseLifetime = 'file' | 'test';

/**
 * Gives a test file its own migrated database and ORM (beforeAll/afterAll), or each test its own
 * (`database: 'test'`, beforeEach/afterEach: for files whose tests change shared state such as the audit chain,
 * the scorecard of a date or the queue), and closes the ORM afterwards.
 */
export function useServiceHarness(options: { importDir?: string; database?: DatabaseLifetime } = {}): ServiceTestHarness {
  const harness = { importDir: options.importDir ?? '/nonexistent' } as ServiceTestHarness;
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const [setUp, tearDown] = options.database === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  setUp(async () => {
    harness.database = await createTestDatabase();
    harness.orm = await openOrm(harness.database.appUrl, 4);
    harness.services = () => createSystemServices(harness.orm, { importDir: harness.importDir }, logger);
    harness.servicesAs = (email, roles, { stepUp = false } = {}) => servicesActingAs(harness.orm, email, roles, { stepUp, importDir: harness.importDir, logger });
  });
  tearDown(async () => {
    await harness.orm?.close();
    await harness.database?.drop();
  });
  return harness;
}
