import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@crucible/server/domain';
import {
  createLogger,
  listenForEvents,
  migrateAsOwner,
  openOrm,
  startEmbeddedPostgres,
  supervise,
  type EventListener,
  type MikroORM,
  type PostgresHandle,
  type SupervisedProcess,
} from '@crucible/server/infra';
import { createSystemServices } from '@crucible/server/services';
import { readMarketFile } from '../../server/test/support/market-files.ts';

/**
 * Fault test (issue 5): PostgreSQL restarted while jobs run. The test owns a throwaway embedded cluster (the shared
 * test server cannot be restarted), runs a real supervised worker process on it and a server-side event listener
 * and ORM in this process, stops PostgreSQL while an evaluation cycle is running, keeps it down longer than the
 * cycle's computation (so the worker loses it while recording the result), starts it again, and expects every
 * piece to reconnect and the work to finish exactly once.
 */
const logger = createLogger('postgres-restart-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const settings = { importDir: '/nonexistent' };
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

let dataDir: string;
let database: PostgresHandle | undefined;
let orm: MikroORM | undefined;
let worker: SupervisedProcess | undefined;
let listener: EventListener | undefined;

afterAll(async () => {
  await worker?.stop();
  await listener?.close();
  await orm?.close();
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('PostgreSQL restarted while jobs run', () => {
  it('the worker and the server side reconnect; the cycle completes once, with its links', { timeout: 240_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'crucible-pg-restart-'));
    database = await startEmbeddedPostgres({ dataDir, logger });
    await migrateAsOwner(database, logger);
    orm = await openOrm(database.url, 4);
    const services = createSystemServices(orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    // Hourly data makes the cycle's computation take seconds, so PostgreSQL can be stopped while it runs.
    for (const file of ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv', 'BTC-USDT_1h.csv']) await services.marketData.importBytes(file, await readMarketFile(file));
    const { url } = database;
    const query = async <R,>(sql: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      try {
        return (await client.query(sql, values)).rows as R[];
      } finally {
        await client.end();
      }
    };
    // The imports queued one cycle (dataset_certified triggers share its job key); grow it so it runs for a while.
    const [cycle] = await query<{ id: string }>(`update evaluation_cycle set configuration_count = 300 where status = 'queued' returning id`);
    expect(cycle).toBeDefined();
    const links = await query<{ trigger_event_id: string }>(`select trigger_event_id from trigger_link where target_id = $1 order by trigger_event_id`, [cycle!.id]);
    expect(links).toHaveLength(3);

    const events: EventEnvelope[] = [];
    listener = listenForEvents(url, logger, (event) => events.push(event));
    await listener.ready;

    worker = supervise(
      'worker',
      fileURLToPath(new URL('../src/main.ts', import.meta.url)),
      { ...process.env, DATABASE_URL: url, WORKER_CONCURRENCY: '1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      logger,
      () => {},
    );
    const state = () =>
      query<{ status: string; completed_at: Date | null; configurations: number; entries: number }>(
        `select c.status, c.completed_at, (select count(*)::int from cycle_configuration where evaluation_cycle_id = c.id) as configurations,
                (select count(*)::int from scorecard_entry where evaluation_cycle_id = c.id) as entries
           from evaluation_cycle c where c.id = $1`,
        [cycle!.id],
      ).then((rows) => rows[0]!);
    await waitFor('the cycle to start', async () => ((await state()).status === 'running' ? true : undefined), 60_000);

    // Stop PostgreSQL mid-cycle, longer than the computation takes, then start it again on the same data and port.
    await database.stop();
    const stoppedAt = new Date();
    await sleep(12_000);
    database = await startEmbeddedPostgres({ dataDir, logger });
    expect(database.url).toBe(url);

    const completed = await waitFor('the cycle to complete', async () => {
      const current = await state();
      return current.status === 'completed' ? current : undefined;
    }, 150_000);
    // It completed after the restart (so it was in flight), exactly once: no duplicate configuration or entry.
    expect(completed.completed_at!.getTime()).toBeGreaterThan(stoppedAt.getTime());
    expect(completed).toMatchObject({ configurations: 300, entries: 8 });
    expect(await query(`select trigger_event_id from trigger_link where target_id = $1 order by trigger_event_id`, [cycle!.id])).toEqual(links);
    // graphile-worker deletes the job after the task's transaction committed: wait for that, not for a moment.
    await waitFor('the job to be removed', async () => ((await query(`select id from graphile_worker.jobs`)).length === 0 ? true : undefined), 30_000);

    // The server side reconnected: this process's ORM pool answers, and LISTEN delivered the completion.
    const after = createSystemServices(orm, settings, logger);
    expect((await after.cycles.get(cycle!.id)).status).toBe('completed');
    await waitFor('the completion event', async () => (events.some((event) => event.topic === 'SCORECARD_UPDATED' && (event.payload as { status?: string }).status === 'completed') ? true : undefined), 20_000);
    expect((await after.audit.verifyChain()).intact).toBe(true);
  });
});
