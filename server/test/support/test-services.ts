import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { makeUserActor } from '../../src/domain/auth/actor.ts';
import type { Role } from '../../src/domain/auth/roles.ts';
import { newId } from '../../src/domain/ids.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { openOrm, type MikroORM } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { createServices, type Services } from '../../src/services/create-services.ts';
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
    harness.servicesAs = async (email, roles, { stepUp = false } = {}) => {
      const em = harness.orm.em.fork();
      let user = await em.findOne(User, { email });
      if (!user) {
        user = em.create(User, { email, displayName: email, roles, kind: 'human' });
        await em.flush();
      }
      const actor = makeUserActor({ id: user.id, email }, roles, { kind: 'api_token', tokenId: newId(), stepUp });
      return createServices({ em: harness.orm.em.fork(), clock: systemClock, logger, correlationId: newId(), actor }, { importDir: harness.importDir });
    };
  });
  tearDown(async () => {
    await harness.orm?.close();
    await harness.database?.drop();
  });
  return harness;
}
