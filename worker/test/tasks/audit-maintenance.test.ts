import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { createSystemServices } from '@crucible/server/services';
import { defaultCrontab } from '../../src/worker.ts';
import { useWorkerHarness } from '../support/worker-harness.ts';

const harness = useWorkerHarness();

describe('audit maintenance jobs (crontab)', () => {
  it('are scheduled: a checkpoint every 5 minutes, partitions daily', () => {
    const items = parseCrontab(defaultCrontab);
    expect(items.map((item) => item.task)).toEqual(expect.arrayContaining(['checkpoint_audit_chain', 'maintain_audit_partitions']));
  });

  it('run through graphile-worker as the app role: the head gets a signed checkpoint, partitions are ensured', async () => {
    const services = createSystemServices(harness.orm, harness.settings, harness.logger);
    await services.users.create({ email: 'cron@example.com', password: 'a-long-password-1', roles: ['research'] });
    for (const task of ['checkpoint_audit_chain', 'maintain_audit_partitions']) await harness.pool.query('select graphile_worker.add_job($1, $2::json)', [task, '{}']);
    await harness.runDueJobs();
    expect((await harness.pool.query('select count(*)::int as count from graphile_worker.jobs')).rows[0].count).toBe(0);
    const [head] = (await harness.pool.query('select sequence, hash from audit_event order by sequence desc limit 1')).rows;
    expect((await harness.pool.query('select sequence, hash from audit_checkpoint')).rows).toEqual([head]);
    expect(await createSystemServices(harness.orm, harness.settings, harness.logger).audit.verifyChain()).toMatchObject({ intact: true, checkpointCount: 1 });
  });
});
