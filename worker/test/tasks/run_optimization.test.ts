import { describe, expect, it } from 'vitest';
import { createSystemServices } from '@crucible/server/services';
import { releaseKilledWorkersJobs, startWorkerProcess, useWorkerHarness } from '../support/worker-harness.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';

const harness = useWorkerHarness();
const { logger, settings, runDueJobs } = harness;

describe('run_optimization', () => {
  it('runs a queued optimization through graphile-worker, persisting segments and trials, and removes the job', async () => {
    const services = createSystemServices(harness.orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    const { marketDataSet } = await services.marketData.importBytes('ETH-USDT_1d.csv', await readMarketFile('ETH-USDT_1d.csv'));
    const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-donchian-breakout')!;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const queued = await services.optimizations.queue({
      strategyVersionId: version.id,
      marketDataSetIds: [marketDataSet.id],
      searchMethod: 'latin_hypercube',
      trialBudget: 8,
      seed: 7,
      windows: { scheme: 'anchored', unit: 'bars', trainSize: 400, testSize: 200 },
      objective: { metric: 'sharpe', direction: 'maximize', constraints: [] },
    });

    await runDueJobs();

    const done = await createSystemServices(harness.orm, settings, logger).optimizations.get(queued.id);
    expect(done.status).toBe('completed');
    expect(done.segmentsCompleted).toBeGreaterThan(1);
    expect(done.segmentsCompleted).toBe(done.segmentsTotal);
    const [{ trials }] = (await harness.pool.query('select count(*)::int as trials from hyperparameter_trial where optimization_id = $1', [queued.id])).rows;
    expect(trials).toBe(done.trialsCompleted);
    expect((await harness.pool.query('select * from graphile_worker.jobs')).rows).toEqual([]);
  });

  it('resumes after the worker process is killed with SIGKILL mid-run, without duplicating a segment or a trial', async () => {
    const services = createSystemServices(harness.orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    const { marketDataSet } = await services.marketData.importBytes('ETH-USDT_1h.csv', await readMarketFile('ETH-USDT_1h.csv'));
    const strategy = (await services.strategies.list({})).nodes.find((node) => node.code === 'builtin-sma-crossover')!;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const budget = 60;
    const queued = await services.optimizations.queue({
      strategyVersionId: version.id,
      marketDataSetIds: [marketDataSet.id],
      searchMethod: 'random',
      trialBudget: budget,
      seed: 11,
      windows: { scheme: 'rolling', unit: 'bars', trainSize: 4380, testSize: 2190 },
      objective: { metric: 'sharpe', direction: 'maximize', constraints: [] },
    });
    const progress = async () =>
      (await harness.pool.query('select status, segments_completed, segments_total from optimization where id = $1', [queued.id])).rows[0] as {
        status: string;
        segments_completed: number;
        segments_total: number;
      };

    // A real worker process (node runs the TypeScript sources directly), killed once two segments are committed.
    const { child, exited } = startWorkerProcess(harness);
    let atKill = await progress();
    while (atKill.segments_completed < 2 && atKill.status !== 'completed') {
      await new Promise((resolveLater) => setTimeout(resolveLater, 10));
      atKill = await progress();
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The kill happened mid-run (otherwise this test would prove nothing).
    const afterKill = await progress();
    expect(afterKill.status).toBe('running');
    expect(afterKill.segments_completed).toBeLessThan(afterKill.segments_total);
    const survivors = (await harness.pool.query('select id, segment_index from walk_forward_segment where optimization_id = $1', [queued.id])).rows as { id: string }[];
    expect(survivors.length).toBe(afterKill.segments_completed);

    // The dead worker's lock would expire after graphile-worker's 4 h; release it as an operator would, then retry.
    await releaseKilledWorkersJobs(harness);
    await runDueJobs();

    const done = await createSystemServices(harness.orm, settings, logger).optimizations.get(queued.id);
    expect(done.status).toBe('completed');
    const counts = (
      await harness.pool.query(
        `select count(*)::int as trials, count(distinct (segment_id, trial_index))::int as distinct_trials,
                (select count(*)::int from walk_forward_segment where optimization_id = $1) as segments
           from hyperparameter_trial where optimization_id = $1`,
        [queued.id],
      )
    ).rows[0];
    expect(counts).toEqual({ trials: done.segmentsTotal * budget, distinct_trials: done.segmentsTotal * budget, segments: done.segmentsTotal });
    expect(done.trialsCompleted).toBe(done.segmentsTotal * budget);
    // The segments committed before the kill were kept, not recomputed.
    const kept = (await harness.pool.query('select count(*)::int as kept from walk_forward_segment where id = any($1::uuid[])', [survivors.map((row) => row.id)])).rows[0];
    expect(kept).toEqual({ kept: survivors.length });
  });
});
