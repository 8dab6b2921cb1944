import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@crucible/server/infra';
import { createSystemServices } from '@crucible/server/services';
import { useWorkerHarness } from '../support/worker-harness.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';

const harness = useWorkerHarness();
const { logger, settings, runDueJobs } = harness;
let orm: MikroORM;
let pool: pg.Pool;
beforeAll(() => void ({ orm, pool } = harness));


/** The jobs in the queue, of every task (a permanently failed job of another test stays, as graphile-worker keeps it). */
async function jobRows() {
  const result = await pool.query(`select task_identifier, attempts, last_error from graphile_worker.jobs order by id`);
  return result.rows as { task_identifier: string; attempts: number; last_error: string | null }[];
}

describe('run_backtest', () => {
  it('executes a queued run through graphile-worker and removes the job', async () => {
    const jobsBefore = await jobRows();
    const services = createSystemServices(orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    const { marketDataSet } = await services.marketData.importBytes('ETH-USDT_1d.csv', await readMarketFile('ETH-USDT_1d.csv'));
    const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-donchian-breakout')!;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const run = await services.backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });

    await runDueJobs();

    const done = await createSystemServices(orm, settings, logger).backtests.get(run.id);
    expect(done.status).toBe('completed');
    expect(done.metrics).toMatchObject({ sharpe: expect.any(Number) });
    expect(await jobRows()).toEqual(jobsBefore);
  });

  it('drops a job whose payload is invalid instead of retrying it', async () => {
    const jobsBefore = await jobRows();
    await pool.query(`select graphile_worker.add_job('run_backtest', '{"runId": "not-a-uuid"}'::json)`);
    await runDueJobs();
    expect(await jobRows()).toEqual(jobsBefore);
  });

  it('leaves a job for retry with its error when the run cannot be loaded, and fails the run on the last attempt', async () => {
    const services = createSystemServices(orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    const { marketDataSet: dataSet } = await services.marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
    // Run what the arrangement queued (the import's evaluation cycle), so the run's job is the only one.
    await runDueJobs();
    const jobsBefore = await jobRows();
    const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-sma-crossover')!;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const run = await services.backtests.queue({ strategyVersionId: version.id, marketDataSetId: dataSet.id });
    // Simulate a transient fault: the bars are unreadable until the table is given back.
    await pool.query('alter table market_bar rename to market_bar_away');
    try {
      await runDueJobs();
      const [job, ...others] = (await jobRows()).slice(jobsBefore.length);
      expect(others).toEqual([]);
      expect(job).toMatchObject({ task_identifier: 'run_backtest', attempts: 1 });
      expect(job!.last_error).toMatch(/market_bar/);
      expect((await createSystemServices(orm, settings, logger).backtests.get(run.id)).status).toBe('running');

      await pool.query(`update graphile_worker._private_jobs set attempts = max_attempts - 1, run_at = now() where key = $1`, [`backtest:${run.id}`]);
      await runDueJobs();
      const failed = await createSystemServices(orm, settings, logger).backtests.get(run.id);
      expect(failed.status).toBe('failed');
      expect(failed.failureReason).toMatch(/gave up after repeated errors/);
    } finally {
      await pool.query('alter table market_bar_away rename to market_bar');
    }
  });
});
