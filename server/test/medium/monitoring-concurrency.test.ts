import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/infra/clock.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { runnerFor } from '../support/deployment-runner-harness.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: the audit chain and the queue are shared state.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);
const hour = 3_600_000;
/** Real Binance 1h bars of the 2025-10-10 liquidation cascade (the bundled files cut to 2025-10-09 … 11). */
const crashDays = ['2025-10-09', '2025-10-10', '2025-10-11'];

async function importCrashSlice(symbol: string) {
  const lines = (await readMarketFile(`${symbol}_1h.csv`)).toString('utf8').split('\n');
  const slice = [lines[0], ...lines.filter((line) => crashDays.some((day) => line.startsWith(day)))].join('\n') + '\n';
  return (await harness.services().marketData.importBytes(`${symbol}_1h.csv`, Buffer.from(slice))).marketDataSet;
}

/**
 * A LIVE-stage deployment of the SMA crossover replaying SOL-USDT 1h from 2025-10-10 12:00 (runs as OBSERVE: no
 * connector here), holding 1.5 × its equity in SOL into the crash, marked by the runner through `throughUtc`.
 * With the default policy its marks breach the daily loss (demotion) from 15:00 and the basket lag (rollback) at 17:00.
 */
async function arrangeMarkedLiveDeployment(throughUtc: string) {
  const [, , sol] = [await importCrashSlice('BTC-USDT'), await importCrashSlice('ETH-USDT'), await importCrashSlice('SOL-USDT')];
  const [{ close }] = await rows<{ close: number }>(`select close from market_bar where dataset_id = ? and "timestamp" = '2025-10-10T12:00:00Z'`, [sol.id]);
  const quantity = (1.5 * 10_000) / close;
  const { deployment } = await arrangeShadowDeployment(harness, {
    stage: 'live', effectiveStage: 'live', venue: 'binanceus', replayDataset: sol.id, symbol: 'SOL/USDT', timeframe: '1h', replayStartAt: new Date('2025-10-10T12:00:00Z'),
    replayEndAt: new Date(throughUtc), maxBarAgeMs: 2 * hour, capitalAllocation: 0.2, positionQuantity: quantity, averageEntryPrice: close, cash: 10_000 - quantity * close,
  });
  await harness.services().liveConfirmationTokens.create({ deploymentId: deployment.id });
  for (let job = 0; job < 50; job++) if ((await runnerFor(harness, systemClock, { deploymentBatchBars: 1 }).processBars(deployment.id)).nextBarMs === null) break;
  return deployment;
}

/** Polls `check` until it returns a value (a condition, not a fixed sleep); fails naming `what` after 60 s. */
async function waitFor<T>(what: string, check: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A real concurrent transaction holding `backtest_run` in ACCESS EXCLUSIVE mode: a monitoring evaluation reading its
 * evidence (the deployed configuration's backtest Sharpe) waits on it — an evaluation "in progress" for as long as the
 * test wants. @returns the release and the backend pid of the evaluation once it waits there.
 */
async function holdEvaluationInProgress() {
  const blocker = new pg.Client({ connectionString: harness.database.ownerUrl });
  await blocker.connect();
  await blocker.query('begin');
  await blocker.query('lock table backtest_run in access exclusive mode');
  let released = false;
  return {
    /** The backend of the evaluation, once it waits for the lock. */
    evaluationPid: () =>
      waitFor('the monitoring evaluation to wait on backtest_run', async () => (await rows<{ pid: number }>(`select pid from pg_locks where relation = 'backtest_run'::regclass and not granted`))[0]?.pid),
    release: async () => {
      if (released) return;
      released = true;
      await blocker.query('rollback').catch(() => undefined);
      await blocker.end();
    },
  };
}

/** Settles with 'done' when `work` does, or 'blocked' as soon as any backend waits for a lock held by `pid`. */
async function doneOrBlockedBy(work: Promise<unknown>, pid: number): Promise<'done' | 'blocked'> {
  let settled = false;
  const done = work.then(() => 'done' as const).finally(() => void (settled = true));
  const blocked = waitFor('the work to finish or wait for the evaluation', async () => {
    if (settled) return 'done' as const;
    const [waiting] = await rows<{ pid: number }>(`select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))`, [pid]);
    return waiting ? ('blocked' as const) : null;
  });
  return Promise.race([done, blocked]);
}

describe('monitoring evaluations hold the deployment row lock only to act (issue 11: the bar path does not wait for monitoring)', () => {
  it('while a monitoring evaluation of deployment D is in progress, a bar of D is processed without waiting for it', async () => {
    const deployment = await arrangeMarkedLiveDeployment('2025-10-10T14:00:00Z');
    await rows(`update deployment set replay_end_at = '2025-10-10T15:00:00Z' where id = ?`, [deployment.id]);
    const hold = await holdEvaluationInProgress();
    let evaluated = false;
    const evaluation = harness.services().monitoring.evaluate(deployment.id).finally(() => void (evaluated = true));
    try {
      const evaluationPid = await hold.evaluationPid();
      const bar = runnerFor(harness, systemClock, { deploymentBatchBars: 1 }).processBars(deployment.id);
      expect(await doneOrBlockedBy(bar, evaluationPid), 'the bar job waited for the monitoring evaluation').toBe('done');
      expect((await bar).barsAccepted).toBe(1);
      const [after] = await rows<{ last_ms: number }>(`select (extract(epoch from last_processed_bar_at) * 1000)::float8 as last_ms from deployment where id = ?`, [deployment.id]);
      expect(after.last_ms).toBe(Date.parse('2025-10-10T15:00:00Z'));
      expect(evaluated).toBe(false);
      await hold.release();
      const outcome = await evaluation;
      expect(outcome.skipped).toBeNull();
      expect(outcome.marksEvaluated).toBeGreaterThan(0);
    } finally {
      await hold.release();
      await evaluation.catch(() => undefined);
    }
  }, 300_000);

  it('an action whose evidence went stale before it could act (a person halted D meanwhile) is decided again on the fresh state, and the halt does not wait for the evaluation', async () => {
    const deployment = await arrangeMarkedLiveDeployment('2025-10-10T17:00:00Z');
    const production = await harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
    const hold = await holdEvaluationInProgress();
    // The evaluation reads the deployment (ACTIVE trading), then waits to read the rest of its evidence.
    const evaluation = harness.services().monitoring.evaluate(deployment.id);
    try {
      const evaluationPid = await hold.evaluationPid();
      const halt = production.deploymentControl.halt(deployment.id, 'suspicious fills');
      expect(await doneOrBlockedBy(halt, evaluationPid), 'the halt waited for the monitoring evaluation').toBe('done');
      await hold.release();
      const outcome = await evaluation;
      // Its first decisions were made on ACTIVE trading; the halt moved the deployment before the action phase: it started over.
      expect(outcome.restarts).toBeGreaterThanOrEqual(1);
      const rollbacks = outcome.incidents.filter((incident) => (incident.autoActions as { kind: string; skipped?: string }).kind === 'rollback' && !(incident.autoActions as { skipped?: string }).skipped);
      expect(rollbacks).toHaveLength(1);
      // Acted on the fresh state: the rollback found the deployment HALTED and left it so (not REDUCING from ACTIVE).
      expect(rollbacks[0]!.autoActions).toMatchObject({ tradingState: { from: 'halted', to: 'halted' }, capitalAllocation: { from: 0.2, to: 0 } });
      const [after] = await rows<{ trading_state: string; capital_allocation: number; stage: string }>(`select trading_state, capital_allocation, stage from deployment where id = ?`, [deployment.id]);
      expect(after).toMatchObject({ trading_state: 'halted', capital_allocation: 0, stage: 'shadow' });
      expect(await rows(`select sequence from audit_event where action = 'deployment.rolled_back'`)).toHaveLength(1);
    } finally {
      await hold.release();
      await evaluation.catch(() => undefined);
    }
  }, 300_000);
});
