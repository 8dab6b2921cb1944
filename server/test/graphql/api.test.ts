import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { collectEvents, useApiHarness } from '../support/test-server.ts';
import { waitUntil } from '../support/wait-until.ts';

const importDir = await mkdtemp(join(tmpdir(), 'crucible-api-import-'));
const api = useApiHarness({ importDir });

const runFields = `id databaseId status engineVersion datasetChecksum failureReason metrics { sharpe maxDrawdown totalReturn } marketDataSet { symbolUniverse timeframe checksum }`;

describe('GraphQL API', () => {
  it('lists certified datasets as a Relay connection and refetches them by global id, raw UUID and node(id)', async () => {
    const { marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const list = await api.request<{ marketDataSets: { totalCount: number; edges: { node: { id: string; databaseId: string; checksum: string; gapCount: number; rowCount: number; timeframe: string; certifiedAt: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      `{ marketDataSets(first: 10) { totalCount pageInfo { hasNextPage } edges { node { id databaseId checksum gapCount rowCount timeframe certifiedAt } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const node = list.data!.marketDataSets.edges.find((edge) => edge.node.databaseId === marketDataSet.id)!.node;
    expect(node).toMatchObject({ databaseId: marketDataSet.id, checksum: marketDataSet.checksum, gapCount: 0, rowCount: 2562, timeframe: 'ONE_DAY' });
    expect(list.data!.marketDataSets.pageInfo.hasNextPage).toBe(false);

    for (const id of [node.id, node.databaseId]) {
      const one = await api.request<{ marketDataSet: { checksum: string; bars: { close: number }[] } }>(
        `query($id: ID!) { marketDataSet(id: $id) { checksum bars(from: "2022-11-25T00:00:00Z", limit: 1) { close } } }`,
        { id },
      );
      expect(one.data!.marketDataSet).toEqual({ checksum: marketDataSet.checksum, bars: [{ close: 16522.14 }] });
    }
    const viaNode = await api.request<{ node: { __typename: string } }>(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: node.id });
    expect(viaNode.data!.node.__typename).toBe('MarketDataSet');
  });

  it('queues a backtest and streams its status changes, written by another process, over graphql-ws', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const [sma, dataSetId] = [version.id, marketDataSet.id];

    const client = await api.wsClient();
    const subscription = collectEvents<{ backtestRunUpdated: { status: string; metrics: { sharpe: number } | null } }>(api.server, client,
      `subscription { backtestRunUpdated { ${runFields} } }`,
      {},
      3,
    );
    await subscription.ready;
    const queued = await api.request<{ queueBacktest: { backtestRun: { id: string; databaseId: string; status: string } } }>(
      `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id databaseId status } } }`,
      { input: { strategyVersionId: sma, marketDataSetId: dataSetId, parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }], feeBps: 10, slippageBps: 5 } },
    );
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.queueBacktest.backtestRun.status).toBe('QUEUED');

    // A worker elsewhere: its own ORM and pool; its NOTIFYs reach this server through LISTEN.
    const workerOrm = await openOrm(api.database.url, 2);
    try {
      await createSystemServices(workerOrm, { importDir }, createLogger('worker', 'silent')).backtests.execute(queued.data!.queueBacktest.backtestRun.databaseId);
    } finally {
      await workerOrm.close();
    }
    const events = await subscription.done;
    await client.dispose();
    expect(events.map((event) => event.backtestRunUpdated.status)).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    expect(events[2]!.backtestRunUpdated.metrics!.sharpe).toEqual(expect.any(Number));

    const done = await api.request<{ backtestRuns: { totalCount: number; edges: { node: { id: string; status: string; engineVersion: string; datasetChecksum: string; metrics: { sharpe: number; maxDrawdown: number } ; equityCurve: unknown[] } }[] } }>(
      `{ backtestRuns(status: COMPLETED) { totalCount edges { node { id status engineVersion datasetChecksum metrics { sharpe maxDrawdown } equityCurve(maxPoints: 50) { timestamp equity drawdown } } } } }`,
    );
    const run = done.data!.backtestRuns.edges.find((edge) => edge.node.id === queued.data!.queueBacktest.backtestRun.id)!.node;
    expect(run.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.metrics.maxDrawdown).toBeLessThan(0);
    expect(run.equityCurve.length).toBeGreaterThan(10);
    expect(run.equityCurve.length).toBeLessThanOrEqual(50);
  });

  it('keeps delivering events after the LISTEN connection is killed (reconnects)', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const em = api.orm.em.fork();
    const listening = async () =>
      (await em.execute<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and state = 'idle' and pid <> pg_backend_pid()`)).map((row) => row.pid);
    const [killed] = await listening();
    expect(killed).toBeDefined();
    await em.execute(`select pg_terminate_backend(?)`, [killed]);
    // The listener reconnects within its backoff (starting at 250 ms): wait until a new connection has issued LISTEN.
    await waitUntil('the event listener to LISTEN again', async () => {
      const pids = await listening();
      return pids.length > 0 && !pids.includes(killed!);
    });
    const client = await api.wsClient();
    const subscription = collectEvents<{ backtestRunUpdated: { status: string } }>(api.server, client, `subscription { backtestRunUpdated { status } }`, {}, 1);
    await subscription.ready;
    await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const events = await subscription.done;
    await client.dispose();
    expect(events).toEqual([{ backtestRunUpdated: { status: 'QUEUED' } }]);
  });

  it('refuses a malformed CSV upload naming the row and rule, storing nothing', async () => {
    const before = (await api.services().marketData.list({})).totalCount;
    const { name, content } = makeDailyCsv('ADA-USDT', 20);
    const lines = content.split('\n');
    [lines[5], lines[6]] = [lines[6]!, lines[5]!]; // rows out of order: file line 7 is earlier than line 6
    const result = await api.request(`mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { created } }`, {
      input: { fileName: name, content: lines.join('\n') },
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', file: name, row: 7, rule: 'timestamp-order' });
    expect(result.errors![0]!.message).toContain('row 7');
    const missingColumn = await api.request(`mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { created } }`, {
      input: { fileName: name, content: content.replace('volume', 'vol') },
    });
    expect(missingColumn.errors![0]!.extensions).toMatchObject({ rule: 'header', row: 1 });
    expect((await api.services().marketData.list({})).totalCount).toBe(before);
  });

  it('imports from the configured import directory only', async () => {
    const { name, content } = makeDailyCsv('LINK-USDT', 15);
    await writeFile(join(importDir, name), content);
    const imported = await api.request<{ importMarketData: { created: boolean; marketDataSet: { symbolUniverse: string[]; rowCount: number } } }>(
      `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { created marketDataSet { symbolUniverse rowCount } } }`,
      { input: { fileName: name } },
    );
    expect(imported.data!.importMarketData).toEqual({ created: true, marketDataSet: { symbolUniverse: ['LINK-USDT'], rowCount: 15 } });
    const escape = await api.request(`mutation { importMarketData(input: { fileName: "../../etc/passwd" }) { created } }`);
    expect(escape.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
  });

  it('answers bad ids and missing rows with fixed error codes', async () => {
    const bad = await api.request(`{ backtestRun(id: "nope") { id } }`);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const missing = await api.request(`{ backtestRun(id: "01a1fe3b-0000-7000-8000-000000000000") { id } }`);
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('serves GraphiQL from local assets and a health check', async () => {
    const page = await fetch(`${api.server.url}/graphiql`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('YogaGraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(await (await fetch(`${api.server.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});
