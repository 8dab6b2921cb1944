import type { Job } from 'graphile-worker';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@crucible/server/infra';
import { createSystemServices } from '@crucible/server/services';
import { escalateFailedJob } from '../src/escalate-failed-job.ts';
import { startWorker } from '../src/worker.ts';
import type { TestDatabase } from '../../server/test/support/test-database.ts';
import { useWorkerHarness } from './support/worker-harness.ts';

const harness = useWorkerHarness();
const { logger, settings } = harness;
let database: TestDatabase;
let orm: MikroORM;
let pool: pg.Pool;
beforeAll(() => void ({ database, orm, pool } = harness));

const pause = () => new Promise((resolveLater) => setTimeout(resolveLater, 25));
const incidents = async () =>
  (await pool.query(`select id, incident_type, severity, status, summary, context, strategy_id from monitoring_incident where incident_type = 'operational' order by id`)).rows as {
    id: string;
    incident_type: string;
    severity: string;
    status: string;
    summary: string;
    context: Record<string, unknown>;
    strategy_id: string | null;
  }[];

describe('escalation of a job that exhausted its attempts', () => {
  it('through the real worker: retried with backoff, then one operational incident with the job context, a notification and an audit event', async () => {
    const services = createSystemServices(orm, settings, logger);
    await services.strategies.registerBuiltInStrategies();
    const trigger = await services.triggers.requestManualRun({ reason: 'escalation test' });
    const [link] = (await pool.query(`select target_id, job_key from trigger_link where trigger_event_id = $1 and target_type = 'evaluation_cycle'`, [trigger.id])).rows as { target_id: string; job_key: string }[];
    // A storage fault the task cannot handle (not a domain error): every write to this cycle fails.
    await pool.query(`create function refuse_cycle_write() returns trigger language plpgsql as $$ begin raise exception 'simulated storage failure'; end $$`);
    await pool.query(`create trigger refuse_cycle_write before update on evaluation_cycle for each row when (old.id = '${link!.target_id}') execute function refuse_cycle_write()`);
    await pool.query(`update graphile_worker._private_jobs set max_attempts = 2 where key = $1`, [link!.job_key]);
    const job = async () => (await pool.query(`select id, attempts, max_attempts, last_error, locked_at from graphile_worker.jobs where key = $1`, [link!.job_key])).rows[0] as { id: string; attempts: number; last_error: string | null; locked_at: Date | null };

    const runner = await startWorker({ databaseUrl: database.url, orm, settings, logger, concurrency: 1, pollInterval: 50, crontab: '' });
    try {
      // First attempt fails: graphile-worker schedules a retry with exponential backoff; nothing is escalated yet.
      while (!((await job()).attempts === 1 && (await job()).locked_at === null)) await pause();
      expect((await job()).last_error).toContain('simulated storage failure');
      expect(await incidents()).toEqual([]);
      // Skip the backoff wait; the second (last) attempt fails too and is escalated.
      await pool.query(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [link!.job_key]);
      while ((await incidents()).length === 0) await pause();
    } finally {
      await runner.stop();
    }
    // A clean stop removes the process's heartbeat: no sweep will later "recover" a worker that simply ended.
    expect((await pool.query('select worker_id from worker_heartbeat')).rows).toEqual([]);

    const { id: jobId } = await job();
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      incident_type: 'operational',
      severity: 'critical',
      status: 'open',
      strategy_id: null,
      context: {
        jobId: String(jobId),
        task: 'run_evaluation_cycle',
        payload: { cycleId: link!.target_id },
        attempts: 2,
        maxAttempts: 2,
        jobKey: link!.job_key,
        queue: null,
        priority: 10,
        lastError: expect.stringContaining('simulated storage failure'),
      },
    });
    expect(incident!.summary).toMatch(/^Job run_evaluation_cycle #\d+ failed 2 of 2 attempts and was given up: .*simulated storage failure/);
    const notifications = (await pool.query(`select audience, kind, details from notification where subject_id = $1 order by audience`, [incident!.id])).rows;
    expect(notifications.map((row: { audience: string }) => row.audience)).toEqual(['production', 'research']);
    expect(notifications[0]).toMatchObject({ kind: 'job.escalated', details: { task: 'run_evaluation_cycle', jobKey: link!.job_key, incidentId: incident!.id } });
    const audit = (await pool.query(`select actor_role, subject_type, subject_id, details from audit_event where action = 'job.escalated'`)).rows;
    expect(audit).toEqual([{ actor_role: 'system', subject_type: 'Job', subject_id: String(jobId), details: expect.objectContaining({ attempts: 2, incidentId: incident!.id, payload: expect.objectContaining({ cycleId: link!.target_id }) }) }]);

    await pool.query(`drop trigger refuse_cycle_write on evaluation_cycle`);
    await pool.query(`drop function refuse_cycle_write()`);
  });

  it('escalates only after the last attempt, and once per job however often it is reported', async () => {
    const before = (await incidents()).length;
    const job = { id: '991', task_identifier: 'run_backtest', payload: { runId: 'x' }, attempts: 5, max_attempts: 5, key: null, job_queue_id: null, priority: 10 } as unknown as Job;
    await escalateFailedJob({ ...job, attempts: 2 } as Job, new Error('first failure'), { orm, settings, logger });
    expect(await incidents()).toHaveLength(before);
    await Promise.all([
      escalateFailedJob(job, new Error('database went away'), { orm, settings, logger }),
      escalateFailedJob(job, new Error('database went away'), { orm, settings, logger }),
    ]);
    await escalateFailedJob(job, new Error('reported again'), { orm, settings, logger });
    const ofJob = (await incidents()).filter((incident) => incident.context.jobId === '991');
    expect(ofJob).toHaveLength(1);
    expect(ofJob[0]!.context).toMatchObject({ task: 'run_backtest', attempts: 5, lastError: 'database went away', payload: { runId: 'x' } });
    expect((await pool.query(`select count(*)::int as n from notification where kind = 'job.escalated' and subject_id = $1`, [ofJob[0]!.id])).rows[0]).toEqual({ n: 2 });
    expect((await pool.query(`select count(*)::int as n from audit_event where action = 'job.escalated' and subject_id = '991'`)).rows[0]).toEqual({ n: 1 });
  });
});
