import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataVersion, dataVersionApplicationName } from '../../src/infra/db/data-version.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

const harness = useServiceHarness();

describe('the data version (response cache check without a replay)', () => {
  let version: DataVersion;
  let writer: pg.Client;
  beforeAll(async () => {
    version = new DataVersion(harness.database.appUrl, createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'));
    await version.ready;
    writer = new pg.Client({ connectionString: harness.database.appUrl });
    await writer.connect();
  });
  afterAll(async () => {
    await writer?.end();
    await version?.close();
  });

  it('has counted every write committed on another connection by the time it answers, and nothing else', async () => {
    let before = await version.current();
    expect(before).not.toBeNull();
    // No waiting between the commit and the reading: the reading must already include it.
    for (let write = 0; write < 20; write++) {
      await writer.query(`update app_user set email = email where email = 'nobody@test.crucible.local'`);
      const after = await version.current();
      expect(after).not.toBeNull();
      expect(after).not.toBe(before);
      before = after;
    }
    // Concurrent readers share syncs, and still all see a write committed before they asked.
    await writer.query(`delete from app_user where false`);
    const readings = await Promise.all(Array.from({ length: 10 }, () => version.current()));
    for (const reading of readings) expect(reading).not.toBe(before);

    before = await version.current();
    await writer.query('select count(*) from app_user');
    await writer.query('begin');
    await writer.query(`update app_user set email = email`);
    await writer.query('rollback');
    expect(await version.current()).toBe(before);
  });

  it('answers null while its connection is down, and a different count once it listens again', async () => {
    const before = await version.current();
    expect(before).not.toBeNull();
    // The app role may end its own role's connections.
    await writer.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()', [dataVersionApplicationName]);
    await waitUntil('the data version to notice its connection dropped', async () => (await version.current()) === null);
    await waitUntil('the data version to listen again', async () => (await version.current()) !== null);
    expect(await version.current()).not.toBe(before);
  });
});
