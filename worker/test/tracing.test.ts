import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, startTracing } from '@crucible/server/infra';
import { createSystemServices } from '@crucible/server/services';
import { readMarketFile } from '../../server/test/support/market-files.ts';
import { useWorkerHarness } from './support/worker-harness.ts';

// Tracing as a configured process runs it, but exporting to memory: the spans can be inspected.
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'crucible-test', logger: createLogger('tracing-test', 'silent'), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
afterAll(async () => tracing?.shutdown());

const harness = useWorkerHarness();

const spanNamed = (spans: ReadableSpan[], name: string) => {
  const found = spans.filter((span) => span.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('traces', () => {
  it('one trace from a trigger to the worker task that produces its result, through the job payload', async () => {
    const services = createSystemServices(harness.orm, harness.settings, harness.logger);
    await services.strategies.registerBuiltInStrategies();
    exporter.reset();
    await services.marketData.importBytes('SOL-USDT_1d.csv', await readMarketFile('SOL-USDT_1d.csv'));

    // The job carries the trigger span's W3C trace context beside the correlation id.
    const [job] = (await harness.pool.query(
      `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'run_evaluation_cycle'`,
    )).rows as { payload: { cycleId: string; correlationId: string; traceparent?: string } }[];
    const trigger = spanNamed(exporter.getFinishedSpans(), 'trigger dataset_certified');
    expect(job!.payload.traceparent).toBe(`00-${trigger.spanContext().traceId}-${trigger.spanContext().spanId}-01`);
    expect(trigger.attributes['crucible.correlation_id']).toBe(job!.payload.correlationId);

    // The worker (graphile-worker's real runner; it reads the context from the payload only) continues that trace.
    await harness.runDueJobs();
    const task = spanNamed(exporter.getFinishedSpans(), 'task run_evaluation_cycle');
    expect(task.spanContext().traceId).toBe(trigger.spanContext().traceId);
    expect(task.parentSpanContext?.spanId).toBe(trigger.spanContext().spanId);
    expect(task.parentSpanContext?.isRemote).toBe(true);
    expect(task.attributes).toMatchObject({ 'crucible.task': 'run_evaluation_cycle', 'crucible.correlation_id': job!.payload.correlationId });
    expect(task.status.code).not.toBe(2); // not ERROR
    const status = (await harness.pool.query(`select status from evaluation_cycle where id = $1`, [job!.payload.cycleId])).rows[0] as { status: string };
    expect(status.status).toBe('completed');
  });

  it('a job without trace context (added from SQL) starts a new trace in the worker', async () => {
    exporter.reset();
    await harness.pool.query(`select graphile_worker.add_job('run_backtest', '{"runId": "not-a-uuid"}'::json)`);
    await harness.runDueJobs();
    const task = spanNamed(exporter.getFinishedSpans(), 'task run_backtest');
    expect(task.parentSpanContext).toBeUndefined();
    expect(task.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
