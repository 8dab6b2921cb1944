import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/domain/audit/audit-event.entity.ts';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { arrangeSmaOnBtcDaily, queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: cycles of one scope share a job key, and these tests look at the whole queue.
const harness = useServiceHarness({ database: 'test' });

const auditOf = async (subjectId: string, action: string) => harness.orm.em.fork().find(AuditEvent, { subjectId, action: action as never });

describe('cancelBacktest', () => {
  it('cancels a queued run: CANCELLED with the reason, its job removed, audited; a job already taken does nothing; a second cancel is a conflict', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const research = await harness.servicesAs('canceller@test.crucible.local', ['research']);
    const run = await research.backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    expect((await queuedJobs(harness, 'run_backtest')).map((job) => job.key)).toContain(`backtest:${run.id}`);

    const cancelled = await research.backtests.cancel(run.id, '  wrong dataset ');
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: 'cancelled: wrong dataset', completedAt: expect.any(Date) });
    expect((await queuedJobs(harness, 'run_backtest')).map((job) => job.key)).not.toContain(`backtest:${run.id}`);
    const [event] = await auditOf(run.id, 'backtest.cancelled');
    expect(event).toMatchObject({ actorRole: 'research', details: { status: 'cancelled', failureReason: 'cancelled: wrong dataset' } });

    expect((await harness.services().backtests.execute(run.id)).status).toBe('cancelled');
    expect((await harness.services().backtests.get(run.id)).metrics).toBeNull();
    await expect(research.backtests.cancel(run.id, 'again')).rejects.toMatchObject({ constructor: ConflictError, message: expect.stringMatching(/already cancelled/) });
  });

  it('refuses a finished run, a missing reason and a role the authorization table does not let cancel', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const run = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const research = await harness.servicesAs('canceller@test.crucible.local', ['research']);
    await expect(research.backtests.cancel(run.id, ' ')).rejects.toMatchObject({ constructor: ValidationError, field: 'reason' });
    for (const role of ['compliance', 'risk'] as const) {
      const other = await harness.servicesAs(`${role}@test.crucible.local`, [role]);
      await expect(other.backtests.cancel(run.id, 'not mine to stop')).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await harness.services().backtests.get(run.id)).status).toBe('queued');

    expect((await harness.services().backtests.execute(run.id)).status).toBe('completed');
    await expect(research.backtests.cancel(run.id, 'too late')).rejects.toMatchObject({ constructor: ConflictError, message: expect.stringMatching(/already completed/) });
  });
});

describe('cancelEvaluationCycle', () => {
  it('cancels a queued cycle: CANCELLED, only its job removed, audited; the next trigger of its scope queues a new cycle', async () => {
    await arrangeSmaOnBtcDaily(harness);
    const [queued] = await harness.orm.em.fork().find(EvaluationCycle, { status: 'queued' });
    expect(queued).toBeDefined();
    const production = await harness.servicesAs('desk@test.crucible.local', ['production']);

    const cancelled = await production.cycles.cancel(queued!.id, 'data vendor outage');
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: 'cancelled: data vendor outage' });
    expect(await queuedJobs(harness, 'run_evaluation_cycle')).toEqual([]);
    const [event] = await auditOf(queued!.id, 'evaluation_cycle.cancelled');
    expect(event).toMatchObject({ actorRole: 'production', details: { from: 'queued', reason: 'cancelled: data vendor outage' } });

    // A job of that scope still around (taken before the cancellation) leaves the cycle cancelled and stores nothing.
    const executed = await harness.services().cycles.execute(queued!.id);
    expect(executed).toMatchObject({ status: 'cancelled', trialCount: 0 });

    // The cancelled cycle absorbs no later trigger: a new one is queued, with its own job under the scope's key.
    const research = await harness.servicesAs('researcher@test.crucible.local', ['research']);
    const next = await research.cycles.run({ reason: 'after the outage' });
    expect(next.id).not.toBe(queued!.id);
    expect(next.status).toBe('queued');
    expect((await queuedJobs(harness, 'run_evaluation_cycle')).map((job) => (job.payload as { cycleId: string }).cycleId)).toEqual([next.id]);
    await expect(research.cycles.cancel(queued!.id, 'again')).rejects.toBeInstanceOf(ConflictError);
  });

  it('leaves the next cycle of its scope queued when cancelling a running one', async () => {
    await arrangeSmaOnBtcDaily(harness);
    const research = await harness.servicesAs('researcher@test.crucible.local', ['research']);
    const running = await research.cycles.run({ reason: 'first' });
    // Taken by a worker (RUNNING), then a new request of the same scope queues the next cycle under the same job key.
    const em = harness.orm.em.fork();
    await em.nativeUpdate(EvaluationCycle, { id: running.id }, { status: 'running', startedAt: new Date() });
    await em.execute(`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'elsewhere' where key = ?`, [`evaluation-cycle:${running.scopeKey}`]);
    const next = await research.cycles.run({ reason: 'next one' });
    expect(next.id).not.toBe(running.id);
    expect(next.scopeKey).toBe(running.scopeKey);

    expect((await research.cycles.cancel(running.id, 'stop it')).status).toBe('cancelled');
    const jobs = await queuedJobs(harness, 'run_evaluation_cycle');
    expect(jobs.find((job) => job.key === `evaluation-cycle:${next.scopeKey}`)?.payload).toMatchObject({ cycleId: next.id });
    expect((await harness.services().cycles.get(next.id)).status).toBe('queued');
  });

  it('needs a reason and the cancel permission', async () => {
    await arrangeSmaOnBtcDaily(harness);
    const [queued] = await harness.orm.em.fork().find(EvaluationCycle, { status: 'queued' });
    const admin = await harness.servicesAs('admin@test.crucible.local', ['admin']);
    await expect(admin.cycles.cancel(queued!.id, '')).rejects.toMatchObject({ constructor: ValidationError, field: 'reason' });
    const compliance = await harness.servicesAs('auditor@test.crucible.local', ['compliance']);
    await expect(compliance.cycles.cancel(queued!.id, 'no')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await harness.services().cycles.get(queued!.id)).status).toBe('queued');
    expect((await admin.cycles.cancel(queued!.id, 'admin stops it')).status).toBe('cancelled');
  });
});
