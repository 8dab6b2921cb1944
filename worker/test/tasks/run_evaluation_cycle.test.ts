import { describe, expect, it } from 'vitest';
import { createSystemServices } from '@crucible/server/services';
import { releaseKilledWorkersJobs, startWorkerProcess, useWorkerHarness } from '../support/worker-harness.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';

const harness = useWorkerHarness();
const { logger, settings, runDueJobs } = harness;

describe('run_evaluation_cycle', () => {
  it('runs a triggered cycle through graphile-worker; a retried job never duplicates configurations or entries', async () => {
    const services = createSystemServices(harness.orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    await services.marketData.importBytes('SOL-USDT_1d.csv', await readMarketFile('SOL-USDT_1d.csv'));
    const [cycle] = (await harness.pool.query(`select id from evaluation_cycle where status = 'queued'`)).rows as { id: string }[];
    expect(cycle).toBeDefined();

    await runDueJobs();
    const counts = async () =>
      (await harness.pool.query(
        `select (select count(*)::int from cycle_configuration where evaluation_cycle_id = $1) as configurations,
                (select count(*)::int from scorecard_entry where evaluation_cycle_id = $1) as entries,
                (select status from evaluation_cycle where id = $1) as status`,
        [cycle!.id],
      )).rows[0];
    expect(await counts()).toEqual({ configurations: 60, entries: 8, status: 'completed' });
    expect((await harness.pool.query('select * from graphile_worker.jobs')).rows).toEqual([]);

    // The same job delivered again (a retry after a lost acknowledgement) changes nothing.
    await harness.pool.query(`select graphile_worker.add_job('run_evaluation_cycle', json_build_object('cycleId', $1::text))`, [cycle!.id]);
    await runDueJobs();
    expect(await counts()).toEqual({ configurations: 60, entries: 8, status: 'completed' });
  });

  it('a worker killed with SIGKILL mid-cycle leaves nothing half-written; the retry completes it once, links intact', async () => {
    const services = createSystemServices(harness.orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    for (const file of ['BTC-USDT_1h.csv', 'ETH-USDT_1h.csv']) await services.marketData.importBytes(file, await readMarketFile(file));
    const [cycle] = (await harness.pool.query(`select id from evaluation_cycle where status = 'queued'`)).rows as { id: string }[];
    const linksBefore = (await harness.pool.query(`select trigger_event_id from trigger_link where target_id = $1 order by trigger_event_id`, [cycle!.id])).rows;
    expect(linksBefore).toHaveLength(2);
    const state = async () =>
      (await harness.pool.query(
        `select c.status, (select count(*)::int from cycle_configuration where evaluation_cycle_id = c.id) as configurations,
                (select count(*)::int from scorecard_entry where evaluation_cycle_id = c.id) as entries
           from evaluation_cycle c where c.id = $1`,
        [cycle!.id],
      )).rows[0] as { status: string; configurations: number; entries: number };

    const { child, exited } = startWorkerProcess(harness);
    while ((await state()).status === 'queued') await new Promise((resolveLater) => setTimeout(resolveLater, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Killed mid-run (otherwise this test would prove nothing), and nothing of the cycle's results was written.
    expect(await state()).toEqual({ status: 'running', configurations: 0, entries: 0 });

    // Release the dead worker's lock as an operator would (graphile-worker's own timeout is 4 h), then retry.
    await releaseKilledWorkersJobs(harness);
    await runDueJobs();
    expect(await state()).toEqual({ status: 'completed', configurations: 60, entries: 8 });
    expect((await harness.pool.query(`select trigger_event_id from trigger_link where target_id = $1 order by trigger_event_id`, [cycle!.id])).rows).toEqual(linksBefore);
  });

  it('releases the jobs of a worker that stopped heart-beating, and only those', async () => {
    const services = createSystemServices(harness.orm, settings, logger);
    await services.operations.heartbeat({ workerId: 'dead-host:1:1', hostname: 'dead-host', pid: 1, poolId: 'pool-dead', concurrency: 1, startedAt: new Date() });
    await services.operations.heartbeat({ workerId: 'live-host:2:2', hostname: 'live-host', pid: 2, poolId: 'pool-live', concurrency: 1, startedAt: new Date() });
    await harness.pool.query(`update worker_heartbeat set last_seen_at = now() - interval '5 minutes' where worker_id = 'dead-host:1:1'`);
    const [dead] = (await harness.pool.query(`select id from graphile_worker.add_job('schedule_evaluation_cycle', '{}'::json)`)).rows as { id: string }[];
    const [live] = (await harness.pool.query(`select id from graphile_worker.add_job('schedule_evaluation_cycle', '{"n": 2}'::json)`)).rows as { id: string }[];
    await harness.pool.query(`update graphile_worker._private_jobs set locked_by = 'pool-dead', locked_at = now() where id = $1`, [dead!.id]);
    await harness.pool.query(`update graphile_worker._private_jobs set locked_by = 'pool-live', locked_at = now() where id = $1`, [live!.id]);

    expect(await createSystemServices(harness.orm, settings, logger).operations.recoverStaleWorkers(60)).toEqual(['pool-dead']);
    const locks = (await harness.pool.query(`select id::text, locked_by from graphile_worker._private_jobs where id = any($1::bigint[]) order by id`, [[dead!.id, live!.id]])).rows;
    expect(locks).toEqual([{ id: String(dead!.id), locked_by: null }, { id: String(live!.id), locked_by: 'pool-live' }]);
    expect((await harness.pool.query(`select worker_id from worker_heartbeat where worker_id in ('dead-host:1:1', 'live-host:2:2')`)).rows).toEqual([{ worker_id: 'live-host:2:2' }]);
    await harness.pool.query(`delete from graphile_worker._private_jobs where id = any($1::bigint[])`, [[dead!.id, live!.id]]);
  });
});
