import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { makeUserActor } from '../../src/domain/auth/actor.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createServices } from '../../src/services/create-services.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: one test tampers with the chain.
const harness = useServiceHarness({ database: 'test' });

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: harness.database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('audit trail', () => {
  it('records every state change of start-up, imports and backtests in one signed hash chain', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const run = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    await harness.services().backtests.execute(run.id);
    const { events } = await harness.services().audit.list({}, { limit: 1000 });
    const actions = events.map((event) => event.action).reverse();
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'strategy.registered', 'market_data.imported', 'backtest.queued', 'backtest.started', 'backtest.completed']));
    const completed = events.find((event) => event.action === 'backtest.completed')!;
    expect(completed).toMatchObject({ actorRole: 'system', subjectType: 'BacktestRun', subjectId: run.id, datasetChecksum: marketDataSet.checksum, engineVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(events.map((event) => event.sequence).reverse()).toEqual(events.map((_, i) => i + 1));
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: true, checkedCount: events.length, brokenSequence: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events in the database', async () => {
    await arrangeSmaOnBtcDaily(harness); // events to refuse changes of (a statement that touches no row fires no row trigger)
    await withClient(async (client) => {
      await expect(client.query(`update audit_event set action = 'x' where sequence = 1`)).rejects.toThrow(/audit events are immutable: UPDATE/);
      await expect(client.query(`delete from audit_event where sequence = 1`)).rejects.toThrow(/audit events are immutable: DELETE/);
      await expect(client.query(`truncate audit_event`)).rejects.toThrow(/audit events are immutable: TRUNCATE/);
      const partitions = await client.query(`select count(*)::int as count from pg_inherits where inhparent = 'audit_event'::regclass`);
      expect(partitions.rows[0].count).toBeGreaterThanOrEqual(26);
    });
  });

  it('reports the first altered row when the trigger was bypassed', async () => {
    await arrangeSmaOnBtcDaily(harness);
    const before = await harness.services().audit.verifyChain();
    expect(before.intact).toBe(true);
    await withClient(async (client) => {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`); // disables triggers, as a superuser could
      await client.query(`update audit_event set details = details || '{"rowCount": 1}' where sequence = 3`);
      await client.query('commit');
    });
    const after = await harness.services().audit.verifyChain();
    expect(after).toMatchObject({ intact: false, brokenSequence: 3, reason: expect.stringContaining('hash does not match') });
    const fromLater = await harness.services().audit.verifyChain({ from: new Date(Date.now() - 60_000) });
    expect(fromLater.intact).toBe(false);
  });

  it('refuses the audit log to roles without the rule and exports it as CSV and JSON for compliance', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const asRole = (role: 'research' | 'compliance') =>
      createServices(
        { em: harness.orm.em.fork(), clock: systemClock, logger: createLogger('test', 'silent'), correlationId: 'test', actor: makeUserActor({ id: '01a1fe3b-0000-7000-8000-000000000001', email: `${role}@x` }, [role], { kind: 'api_token', tokenId: 't', stepUp: false }) },
        { importDir: '/nonexistent' },
      );
    await expect(asRole('research').audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const csv = await asRole('compliance').audit.export({ action: 'backtest.' }, 'csv');
    expect(csv.split('\n')[0]).toBe('sequence,occurredAt,actorId,actorRole,action,subjectType,subjectId,details,datasetChecksum,engineVersion,correlationId,previousHash,hash,signature,signingKeyId');
    expect(csv).toContain('backtest.queued');
    const json = JSON.parse(await asRole('compliance').audit.export({ action: 'backtest.queued' }, 'json')) as { action: string }[];
    expect(json.every((event) => event.action === 'backtest.queued')).toBe(true);
  });
});
