import { describe, expect, it } from 'vitest';
import { BacktestRun } from '../../src/domain/backtest/backtest-run.entity.ts';
import { openOrm } from '../../src/infra/db/orm.ts';
import { publishEvent } from '../../src/infra/events/publish-event.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { collectEvents, useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

interface RunEvent {
  backtestRunUpdated: { databaseId: string; status: string; startedAt: string | null; completedAt: string | null; failureReason: string | null; metrics: { sharpe: number } | null };
}
const runFields = `databaseId status startedAt completedAt failureReason metrics { sharpe }`;

describe('events carry the state as of the event', () => {
  it('streams QUEUED → RUNNING → COMPLETED for every run, in order, none skipped, while a worker runs them at once', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const runCount = 8;
    const client = await api.wsClient();
    const subscription = collectEvents<RunEvent>(api.server, client, `subscription { backtestRunUpdated { ${runFields} } }`, {}, runCount * 3);
    await subscription.ready;

    // A worker elsewhere executes each run as soon as it is queued: the states follow each other faster than delivery.
    const workerOrm = await openOrm(api.database.url, 4);
    try {
      const worker = () => createSystemServices(workerOrm, { importDir: api.importDir }, createLogger('worker', 'silent'));
      await Promise.all(
        Array.from({ length: runCount }, async (_, index) => {
          const run = await worker().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 5 + index, slowPeriod: 40 } });
          await worker().backtests.execute(run.id);
        }),
      );
    } finally {
      await workerOrm.close();
    }
    const events = (await subscription.done).map((event) => event.backtestRunUpdated);
    await client.dispose();

    const byRun = new Map<string, RunEvent['backtestRunUpdated'][]>();
    for (const event of events) byRun.set(event.databaseId, [...(byRun.get(event.databaseId) ?? []), event]);
    expect(byRun.size).toBe(runCount);
    for (const sequence of byRun.values()) {
      expect(sequence.map((event) => event.status)).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
      const [queued, running, completed] = sequence as [RunEvent['backtestRunUpdated'], RunEvent['backtestRunUpdated'], RunEvent['backtestRunUpdated']];
      expect(queued).toMatchObject({ startedAt: null, completedAt: null, metrics: null });
      expect(running).toMatchObject({ startedAt: expect.any(String), completedAt: null, metrics: null });
      expect(completed).toMatchObject({ startedAt: running.startedAt, completedAt: expect.any(String), metrics: { sharpe: expect.any(Number) } });
    }
  });

  it('delivers the row as it was when the event was published, not as it is when delivered', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    // Subscribed before the run is queued, so its QUEUED event cannot arrive after the subscription is live
    // and be taken for the next one (a race seen under load).
    const client = await api.wsClient();
    const subscription = collectEvents<RunEvent>(api.server, client, `subscription { backtestRunUpdated { ${runFields} } }`, {}, 2);
    await subscription.ready;
    const run = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });

    // In one transaction: the run starts (event), then changes again without an event. A re-read would see FAILED.
    await api.orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(BacktestRun, { id: run.id });
      row.status = 'running';
      row.startedAt = new Date('2026-01-02T03:04:05Z');
      await publishEvent(em, 'BACKTEST_RUN_UPDATED', { id: row.id, status: row.status });
      await em.execute(`update backtest_run set status = 'failed', failure_reason = 'later' where id = ?`, [run.id]);
    });
    const [queued, event] = await subscription.done;
    await client.dispose();
    expect(queued!.backtestRunUpdated).toMatchObject({ databaseId: run.id, status: 'QUEUED' });
    expect(event!.backtestRunUpdated).toMatchObject({ databaseId: run.id, status: 'RUNNING', startedAt: '2026-01-02T03:04:05.000Z', failureReason: null });
  });

  it('carries an event larger than a NOTIFY payload through the overflow table, keeping the order of later events', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const large = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 7, slowPeriod: 21 } });
    const small = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 8, slowPeriod: 21 } });
    const client = await api.wsClient();
    const subscription = collectEvents<RunEvent>(api.server, client, `subscription { backtestRunUpdated { ${runFields} } }`, {}, 2);
    await subscription.ready;

    const reason = 'x'.repeat(20_000);
    await api.orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(BacktestRun, { id: large.id });
      row.status = 'failed';
      row.failureReason = reason;
      await publishEvent(em, 'BACKTEST_RUN_UPDATED', { id: row.id, status: row.status });
    });
    await api.orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(BacktestRun, { id: small.id });
      row.status = 'cancelled';
      await publishEvent(em, 'BACKTEST_RUN_UPDATED', { id: row.id, status: row.status });
    });
    const events = (await subscription.done).map((event) => event.backtestRunUpdated);
    await client.dispose();
    expect(events.map((event) => [event.databaseId, event.status])).toEqual([
      [large.id, 'FAILED'],
      [small.id, 'CANCELLED'],
    ]);
    expect(events[0]!.failureReason).toBe(reason);
    const stored = await api.orm.em.fork().execute<{ count: string }[]>(`select count(*) from event_overflow where envelope->'payload'->>'id' = ?`, [large.id]);
    expect(Number(stored[0]!.count)).toBe(1);
  });
});
