import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/infra/clock.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { runToEnd, runnerFor } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

// Each test its own database: the promotion chain and the incidents are per strategy.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

/**
 * The race fixed in 57eb490, made deterministic: monitoring reads the deployment row (`lastProcessedBarAt`) and then,
 * in another statement without the row lock, the marks. A bar job committing in between makes the newest mark newer
 * than the row. For a replay as fast as possible — whose market clock is its bars' own — that newest mark must not look
 * as if it closed after the clock (a `dataIntegrity` clock-skew breach would freeze the deployment to OBSERVE and stop
 * its replay). The interleaving is forced with a real concurrent transaction holding `backtest_run` in ACCESS
 * EXCLUSIVE mode: the marks statement (it also reads the deployed configuration's backtest Sharpe) waits there after
 * the deployment row was read, the runner processes and commits the next bar meanwhile (it reads no backtest), and the
 * marks are read once the lock is released.
 */
describe('monitoring market clock of a replay as fast as possible (issue 11)', () => {
  it('a bar committed between the deployment row read and the marks read is not clock skew: no dataIntegrity breach, no freeze', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2019-03-01T00:00:00Z'), replayEndAt: new Date('2019-03-10T00:00:00Z') });
    await runToEnd(harness, deployment.id, systemClock, { deploymentBatchBars: 1 });
    const first = await harness.services().monitoring.evaluate(deployment.id);
    expect(first.last!.results.find((result) => result.rule === 'dataIntegrity')).toMatchObject({ status: 'pass' });
    // One more bar to replay (the end is inclusive: the replay processed the bar opening 2019-03-10).
    expect(first.last!.markMs).toBe(Date.parse('2019-03-10T00:00:00Z'));
    await rows(`update deployment set replay_end_at = '2019-03-11T00:00:00Z' where id = ?`, [deployment.id]);

    const blocker = new pg.Client({ connectionString: harness.database.ownerUrl });
    await blocker.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await blocker.query('rollback').catch(() => undefined);
      await blocker.end();
    };
    await blocker.query('begin');
    await blocker.query('lock table backtest_run in access exclusive mode');
    const evaluation = harness.services().monitoring.evaluate(deployment.id);
    try {
      await waitUntil('the evaluation to wait on backtest_run (the marks read, after the deployment row read)', async () => (await rows(`select pid from pg_locks where relation = 'backtest_run'::regclass and not granted`)).length > 0);
      // The next bar, committed while the evaluation waits between its two reads.
      const bar = await runnerFor(harness, systemClock, { deploymentBatchBars: 1 }).processBars(deployment.id);
      expect(bar.barsAccepted).toBe(1);
      await release();
      const outcome = await evaluation;
      // It read the bar committed meanwhile (the mark of 2019-03-11, which closes after the close of the row's last processed bar as read).
      expect(outcome.last!.markMs).toBe(Date.parse('2019-03-11T00:00:00Z'));
      expect(outcome.last!.results.find((result) => result.rule === 'dataIntegrity')).toMatchObject({ status: 'pass' });
    } finally {
      await release();
      await evaluation.catch(() => undefined);
    }
    const incidents = await rows<{ rule: string }>(`select auto_actions->>'rule' as rule from monitoring_incident where deployment_id = ? and auto_actions->>'rule' = 'dataIntegrity'`, [deployment.id]);
    expect(incidents).toEqual([]);
    const [after] = await rows<{ stage: string; last_ms: number }>(`select stage, (extract(epoch from last_processed_bar_at) * 1000)::float8 as last_ms from deployment where id = ?`, [deployment.id]);
    expect(after).toEqual({ stage: 'shadow', last_ms: Date.parse('2019-03-11T00:00:00Z') });
  }, 120_000);
});
