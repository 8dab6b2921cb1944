import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { defaultCrontab } from '../../src/worker.ts';
import { useWorkerHarness } from '../support/worker-harness.ts';

const harness = useWorkerHarness();
const rows = async <T>(sql: string, params: unknown[] = []) => (await harness.pool.query(sql, params)).rows as T[];

describe('evaluate_strategy_redundancy (the crontab’s hourly job)', () => {
  it('is in the default crontab', () => {
    expect(parseCrontab(defaultCrontab).find((item) => item.task === 'evaluate_strategy_redundancy')).toMatchObject({ task: 'evaluate_strategy_redundancy', match: expect.any(Function) });
  });

  it('runs through the worker: the state row is written under the active policy version, nothing flagged without live deployments', async () => {
    await harness.pool.query(`select graphile_worker.add_job('evaluate_strategy_redundancy', '{}'::json)`);
    await harness.runDueJobs(['evaluate_strategy_redundancy']);
    expect(await rows(`select j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'evaluate_strategy_redundancy'`)).toEqual([]);
    expect(await rows<{ policy_version: string; state: unknown }>(`select policy_version, state from monitoring_redundancy_state`)).toEqual([{ policy_version: '2026.12.2', state: {} }]);
    expect(await rows(`select id from monitoring_incident`)).toEqual([]);
  });
});
