import { afterAll, beforeAll } from 'vitest';
import { openOrm, type MikroORM } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** What a medium (real-database) test file works with. */
export interface ServiceTestHarness {
  database: TestDatabase;
  orm: MikroORM;
  importDir: string;
  /** Services on a fresh EntityManager fork (call per step so nothing is cached between steps). */
  services(): Services;
}

/**
 * Gives a test file its own migrated database and ORM for its lifetime (beforeAll/afterAll), and checks that
 * the ORM is closed afterwards.
 */
export function useServiceHarness(options: { importDir?: string } = {}): ServiceTestHarness {
  const harness = { importDir: options.importDir ?? '/nonexistent' } as ServiceTestHarness;
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  beforeAll(async () => {
    harness.database = await createTestDatabase();
    harness.orm = await openOrm(harness.database.url, 4);
    harness.services = () => createSystemServices(harness.orm, { importDir: harness.importDir }, logger);
  });
  afterAll(async () => {
    await harness.orm?.close();
    await harness.database?.drop();
  });
  return harness;
}
