import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { AuditEvent } from '../../src/domain/audit/audit-event.entity.ts';
import type { QueueOptimizationInput } from '../../src/services/optimization/optimization.service.ts';
import { arrangeSmaOnBtcDaily, queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const day = 86_400_000;

async function arrangeInput(): Promise<QueueOptimizationInput> {
  const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
  return {
    strategyVersionId: version.id,
    marketDataSetIds: [marketDataSet.id],
    searchMethod: 'random',
    trialBudget: 4,
    seed: 1,
    windows: { scheme: 'rolling', unit: 'bars', trainSize: 365, testSize: 120 },
    objective: { metric: 'sharpe', direction: 'maximize', constraints: [] },
  };
}

describe('queueOptimization refuses windows that do not fit the data', () => {
  it('refuses 1 ms windows (they would pin the worker) naming the window size', async () => {
    const input = await arrangeInput();
    await expect(harness.services().optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'milliseconds', trainSize: 1, testSize: 1 } })).rejects.toMatchObject({
      constructor: ValidationError,
      field: 'windows.trainSize',
      message: expect.stringMatching(/fewer than 30 bars/),
    });
  });
  it('refuses tiny test windows, too many segments and windows longer than the data', async () => {
    const input = await arrangeInput();
    const services = harness.services();
    await expect(services.optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'milliseconds', trainSize: 365 * day, testSize: 2 * day } })).rejects.toMatchObject({
      field: 'windows.testSize',
    });
    await expect(services.optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'bars', trainSize: 30, testSize: 5 } })).rejects.toMatchObject({
      field: 'windows.stepSize',
      message: expect.stringMatching(/segments on dataset .* exceed the limit of 100/),
    });
    await expect(services.optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'bars', trainSize: 100_000, testSize: 10 } })).rejects.toMatchObject({
      field: 'windows.trainSize',
      message: expect.stringMatching(/too short/),
    });
    // calendar windows that fit are accepted
    expect((await services.optimizations.queue({ ...input, windows: { scheme: 'rolling', unit: 'milliseconds', trainSize: 365 * day, testSize: 120 * day } })).status).toBe('queued');
  });
});

describe('cancelOptimization', () => {
  it('cancels a queued optimization: CANCELLED, its job removed, audited with the reason', async () => {
    const input = await arrangeInput();
    const research = await harness.servicesAs('canceller@test.crucible.local', ['research']);
    const queued = await research.optimizations.queue(input);
    expect((await queuedJobs(harness, 'run_optimization')).map((job) => job.key)).toContain(`optimization:${queued.id}`);
    const cancelled = await research.optimizations.cancel(queued.id, 'wrong dataset');
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: 'cancelled: wrong dataset' });
    expect((await queuedJobs(harness, 'run_optimization')).map((job) => job.key)).not.toContain(`optimization:${queued.id}`);
    const events = await harness.orm.em.fork().find(AuditEvent, { subjectId: queued.id, action: 'optimization.cancelled' });
    expect(events).toHaveLength(1);
    // a job that still runs afterwards (already taken by a worker) does nothing
    expect((await harness.services().optimizations.execute(queued.id)).status).toBe('cancelled');
    await expect(research.optimizations.cancel(queued.id, 'again')).rejects.toBeInstanceOf(ConflictError);
  });

  it('needs a reason and the cancel permission', async () => {
    const input = await arrangeInput();
    const queued = await harness.services().optimizations.queue(input);
    const research = await harness.servicesAs('canceller@test.crucible.local', ['research']);
    await expect(research.optimizations.cancel(queued.id, '  ')).rejects.toMatchObject({ constructor: ValidationError, field: 'reason' });
    const compliance = await harness.servicesAs('auditor@test.crucible.local', ['compliance']);
    await expect(compliance.optimizations.cancel(queued.id, 'not mine to stop')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await harness.services().optimizations.get(queued.id)).status).toBe('queued');
  });

  it('stops a running optimization before its next segment: it ends CANCELLED, never stays RUNNING', async () => {
    const input = await arrangeInput();
    const services = harness.services();
    const queued = await services.optimizations.queue({ ...input, trialBudget: 40, windows: { scheme: 'rolling', unit: 'bars', trainSize: 200, testSize: 30 } });
    const running = services.optimizations.execute(queued.id);
    const research = await harness.servicesAs('canceller@test.crucible.local', ['research']);
    // wait for the first stored segment, then cancel
    for (;;) {
      const row = await harness.services().optimizations.get(queued.id);
      if (row.segmentsCompleted >= 1 || row.status !== 'running' && row.status !== 'queued') break;
      await new Promise((resolveLater) => setImmediate(resolveLater));
    }
    await research.optimizations.cancel(queued.id, 'taking too long');
    const finished = await running;
    expect(finished.status).toBe('cancelled');
    const row = await harness.services().optimizations.get(queued.id);
    expect(row.status).toBe('cancelled');
    expect(row.segmentsTotal).toBeGreaterThan(row.segmentsCompleted);
    const segments = await harness.services().optimizations.segments(row);
    expect(segments).toHaveLength(row.segmentsCompleted);
  });
});
