import { describe, expect, it } from 'vitest';
import { getStrategyTemplate, makeBarFrame, runBacktest } from '@crucible/server/engine';
import { arrangeShadowDeployment } from '../../../server/test/support/deployment-fixtures.ts';
import { DeploymentRunnerService } from '@crucible/server/services';
import { asServiceHarness, releaseKilledWorkersJobs, startWorkerProcess, useWorkerHarness, waitFor } from '../support/worker-harness.ts';

const harness = useWorkerHarness();

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await harness.pool.query(sql, params)).rows[0].count as number;
}

async function queueFirstBar(deploymentId: string) {
  await harness.orm.em.fork().transactional((em) => DeploymentRunnerService.scheduleBars(em, deploymentId, null));
}

describe('process_deployment_bars', () => {
  it('runs a queued replay through graphile-worker, one job after the other (each queues the next), to its last bar', async () => {
    const { deployment, marketDataSet } = await arrangeShadowDeployment(asServiceHarness(harness));
    await queueFirstBar(deployment.id);
    const [{ job_queue_id: queue, key }] = (await harness.pool.query(`select j.job_queue_id, j.key from graphile_worker._private_jobs j where j.key like 'deployment-bar:%'`)).rows as { job_queue_id: number | null; key: string }[];
    expect({ queue, key }).toEqual({ queue: null, key: `deployment-bar:${deployment.id}:0` });
    const barJobs = () => count(`select count(*)::int as count from graphile_worker._private_jobs where key like 'deployment-bar:%'`, []);
    for (let round = 0; round < 10 && (await barJobs()) > 0; round++) await harness.runDueJobs();
    const bars = await count('select count(*)::int as count from market_bar where dataset_id = $1', [marketDataSet.id]);
    expect(await count('select count(*)::int as count from deployment_signal where deployment_id = $1', [deployment.id])).toBe(bars);
    expect(await count(`select count(*)::int as count from deployment_event where deployment_id = $1 and kind = 'replay_completed'`, [deployment.id])).toBe(1);
    // No bar job is left; the SHADOW deployment's monitoring evaluation may still wait (coalesced: at most one per 5 s).
    expect(await barJobs()).toBe(0);
    expect(await count(`select count(*)::int as count from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier <> 'evaluate_deployment_monitoring'`, [])).toBe(0);
  });

  it('kill -9 of the worker mid-replay: after the restart no client order id is duplicated and no bar is skipped', async () => {
    const parameters = { fastPeriod: 10, slowPeriod: 40, allowShort: true };
    const { deployment, marketDataSet: daily } = await arrangeShadowDeployment(asServiceHarness(harness), {}, { parameters });
    await queueFirstBar(deployment.id);
    const signals = () => count('select count(*)::int as count from deployment_signal where deployment_id = $1', [deployment.id]);
    const barJobs = () => count('select count(*)::int as count from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = $1)', ['process_deployment_bars']);
    const bars = await count('select count(*)::int as count from market_bar where dataset_id = $1', [daily.id]);

    // A real worker process (node runs the TypeScript sources) taking 25 bars per job, killed once it has committed
    // 8 of them (a condition, waited for with a deadline; nothing sleeps a fixed time).
    const { child, exited } = startWorkerProcess(harness, { env: { WORKER_POLL_INTERVAL_MS: '50', DEPLOYMENT_BATCH_BARS: '25' } });
    try {
      await waitFor(async () => (await signals()) >= 200, 45_000, 'the worker to commit 8 jobs of 25 bars');
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const signalsAtKill = await signals();
    expect(signalsAtKill % 25).toBe(0);
    expect(signalsAtKill).toBeLessThan(bars);

    // The dead worker's lock would expire after graphile-worker's 4 h; release it as the heartbeat sweep does, then go on.
    await releaseKilledWorkersJobs(harness);
    const settings = harness.settings;
    harness.settings = { ...settings, deploymentBatchBars: 500 };
    try {
      for (let round = 0; round < 50 && (await barJobs()) > 0; round++) await harness.runDueJobs();
    } finally {
      harness.settings = settings;
    }
    expect(await barJobs()).toBe(0);

    expect(await signals()).toBe(bars);
    expect(await count('select count(distinct bar_at)::int as count from pnl_snapshot where deployment_id = $1', [deployment.id])).toBe(bars);
    const orders = await count('select count(*)::int as count from deployment_order where deployment_id = $1', [deployment.id]);
    expect(await count('select count(distinct client_order_id)::int as count from deployment_order where deployment_id = $1', [deployment.id])).toBe(orders);
    // The equity path is the backtest's over the same bars (with the runner's cash floor, a72f20a): nothing was
    // skipped, repeated or traded twice.
    const rows = (await harness.pool.query(`select (extract(epoch from "timestamp") * 1000)::float8 as t, open, high, low, close, volume from market_bar where dataset_id = $1 order by "timestamp"`, [daily.id])).rows as { t: number; open: number; high: number; low: number; close: number; volume: number }[];
    const column = (pick: (bar: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
    const frame = makeBarFrame({ timestamp: column((bar) => bar.t), open: column((bar) => bar.open), high: column((bar) => bar.high), low: column((bar) => bar.low), close: column((bar) => bar.close), volume: column((bar) => bar.volume) });
    const backtest = runBacktest(frame, getStrategyTemplate('sma_crossover'), parameters, { feeBps: 10, slippageBps: 5, periodsPerYear: 365, initialEquity: 10_000, cashFloor: true });
    const equity = (await harness.pool.query('select equity from pnl_snapshot where deployment_id = $1 order by bar_at', [deployment.id])).rows.map((row: { equity: number }) => row.equity);
    expect(Float64Array.from(equity)).toEqual(backtest.equity);
  });
});
