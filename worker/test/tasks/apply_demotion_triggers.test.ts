import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { arrangeMarkedLadderDeployments } from '../../../server/test/support/ladder-fixtures.ts';
import { defaultCrontab } from '../../src/worker.ts';
import { asServiceHarness, useWorkerHarness } from '../support/worker-harness.ts';

const harness = useWorkerHarness();
const rows = async <T>(sql: string, params: unknown[] = []) => (await harness.pool.query(sql, params)).rows as T[];

describe('apply_demotion_triggers (the crontab’s every-minute job)', () => {
  it('is in the default crontab, every minute', () => {
    const item = parseCrontab(defaultCrontab).find((entry) => entry.task === 'apply_demotion_triggers')!;
    expect(item).toBeDefined();
    for (const min of [0, 1, 17, 59]) expect(item.match({ min, hour: 13, date: 6, month: 12, dow: 0 })).toBe(true);
  });

  it('runs through the worker: a LIVE deployment down 8.7 % within the lookback is demoted to SHADOW by the platform under the active policy', async () => {
    // rising 0.2 % a day for 30 days, then six falls of 1.5 % and four flat days
    const [arranged] = await arrangeMarkedLadderDeployments(asServiceHarness(harness), [{ stage: 'live', dailyReturns: [...Array<number>(30).fill(0.002), ...Array<number>(6).fill(-0.015), 0, 0, 0, 0] }]);
    await harness.pool.query(`select graphile_worker.add_job('apply_demotion_triggers', '{}'::json)`);
    await harness.runDueJobs(['apply_demotion_triggers']);
    expect(await rows(`select j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'apply_demotion_triggers'`)).toEqual([]);
    expect(await rows(`select stage, venue from deployment where id = $1`, [arranged!.deploymentId])).toEqual([{ stage: 'shadow', venue: 'shadow' }]);
    expect(await rows(`select decision, from_stage, to_stage, reason_code, policy_version, requested_by_id from promotion_record where deployment_id = $1`, [arranged!.deploymentId])).toEqual([
      { decision: 'demote', from_stage: 'live', to_stage: 'shadow', reason_code: 'drawdown_breaker', policy_version: '2026.12.1', requested_by_id: null },
    ]);
  });
});
