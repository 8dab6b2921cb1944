import { describe, expect, it } from 'vitest';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { collectEvents, useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

interface ProgressEvent {
  optimizationProgress: { status: string; trialsCompleted: number; trialsTotal: number; segmentsCompleted: number; fraction: number; bestObjective: number | null };
}

const queueMutation = `mutation($input: QueueOptimizationInput!) { queueOptimization(input: $input) { optimization { id databaseId status searchMethod trialBudget objective { metric direction constraints { metric operator value } } } } }`;

async function arrangeIds() {
  await arrangeSmaOnBtcDaily(api);
  const strategies = await api.request<{ strategies: { edges: { node: { code: string; versions: { id: string }[] } }[] } }>(
    `{ strategies(first: 50) { edges { node { code versions { id } } } } }`,
  );
  const versionId = strategies.data!.strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node.versions[0]!.id;
  const dataSetId = (await api.request<{ marketDataSets: { edges: { node: { id: string } }[] } }>(`{ marketDataSets { edges { node { id } } } }`)).data!.marketDataSets
    .edges[0]!.node.id;
  return { versionId, dataSetId };
}

const input = (versionId: string, dataSetId: string) => ({
  strategyVersionId: versionId,
  marketDataSetIds: [dataSetId],
  parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 30 }],
  searchMethod: 'BAYESIAN',
  trialBudget: 12,
  seed: 3,
  windows: { scheme: 'ROLLING', unit: 'BARS', trainSize: 500, testSize: 250 },
  objective: { metric: 'SHARPE', direction: 'MAXIMIZE', constraints: [{ metric: 'MAX_DRAWDOWN', operator: 'GREATER_OR_EQUAL', value: -0.6 }] },
});

async function runInWorker(optimizationId: string) {
  const workerOrm = await openOrm(api.database.url, 2);
  try {
    await createSystemServices(workerOrm, { importDir: '/nonexistent' }, createLogger('worker', 'silent')).optimizations.execute(optimizationId);
  } finally {
    await workerOrm.close();
  }
}

describe('GraphQL optimizations', () => {
  it('queues an optimization, streams its progress from another process and serves its results', async () => {
    const { versionId, dataSetId } = await arrangeIds();
    const queued = await api.request<{ queueOptimization: { optimization: { id: string; databaseId: string; status: string; searchMethod: string; objective: unknown } } }>(
      queueMutation,
      { input: input(versionId, dataSetId) },
    );
    expect(queued.errors).toBeUndefined();
    const optimization = queued.data!.queueOptimization.optimization;
    expect(optimization).toMatchObject({
      status: 'QUEUED',
      searchMethod: 'BAYESIAN',
      objective: { metric: 'SHARPE', direction: 'MAXIMIZE', constraints: [{ metric: 'MAX_DRAWDOWN', operator: 'GREATER_OR_EQUAL', value: -0.6 }] },
    });

    const client = await api.wsClient({ role: 'compliance' });
    const segmentsExpected = Math.floor((2562 - 500) / 250);
    // running, one per stored segment (+ the counters update), completed
    const subscription = collectEvents<ProgressEvent>(api.server, client,
      `subscription($id: ID!) { optimizationProgress(id: $id) { status trialsCompleted trialsTotal segmentsCompleted fraction bestObjective etaSeconds } }`,
      { id: optimization.id },
      segmentsExpected + 3,
    );
    await subscription.ready;
    await runInWorker(optimization.databaseId);
    const events = (await subscription.done).map((event) => event.optimizationProgress);
    await client.dispose();
    expect(events[0]!.status).toBe('RUNNING');
    expect(events.at(-1)).toMatchObject({ status: 'COMPLETED', fraction: 1, trialsCompleted: segmentsExpected * 12 });
    const counts = events.map((event) => event.trialsCompleted);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(events.at(-1)!.bestObjective).toEqual(expect.any(Number));

    const read = await api.request<{
      optimization: {
        status: string;
        segments: { id: string; segmentIndex: number; trainStart: string; testStart: string; testEnd: string; parameters: { name: string; value: number | boolean }[]; inSampleMetrics: { sharpe: number | null }; outOfSampleMetrics: { sharpe: number | null } }[];
        trials: { totalCount: number; edges: { node: { trialIndex: number; searchMethod: string; outOfSampleMetrics: { sharpe: number | null }; parameterChecksum: string } }[] };
        overfitting: { probabilityOfBacktestOverfitting: number | null; deflatedSharpeRatio: number | null };
        regimeMetrics: { regime: string; barCount: number }[];
        sensitivity: { cells: { parameter: string; offset: number }[] };
        outOfSampleEquity: { equity: number }[];
        bestParameterConfig: { source: string };
      };
    }>(
      `query($id: ID!) { optimization(id: $id) { status
          segments { id segmentIndex trainStart testStart testEnd parameters { name value } inSampleMetrics { sharpe } outOfSampleMetrics { sharpe } }
          trials(first: 5) { totalCount edges { node { trialIndex searchMethod outOfSampleMetrics { sharpe } parameterChecksum } } }
          overfitting { probabilityOfBacktestOverfitting deflatedSharpeRatio }
          regimeMetrics { regime barCount }
          sensitivity { cells { parameter offset } }
          outOfSampleEquity(maxPoints: 20) { equity }
          bestParameterConfig { source } } }`,
      { id: optimization.id },
      { role: 'risk' },
    );
    expect(read.errors).toBeUndefined();
    const result = read.data!.optimization;
    expect(result.status).toBe('COMPLETED');
    expect(result.segments.map((segment) => segment.segmentIndex)).toEqual(Array.from({ length: segmentsExpected }, (_, index) => index));
    expect(new Date(result.segments[1]!.testStart).getTime()).toBe(new Date(result.segments[0]!.testEnd).getTime());
    expect(result.segments[0]!.parameters.map((setting) => setting.name)).toEqual(['allowShort', 'fastPeriod', 'slowPeriod']);
    expect(result.segments[0]!.parameters.find((setting) => setting.name === 'fastPeriod')!.value).toBeGreaterThanOrEqual(5);
    expect(result.trials.totalCount).toBe(segmentsExpected * 12);
    expect(result.trials.edges).toHaveLength(5);
    expect(result.trials.edges[0]!.node.searchMethod).toBe('BAYESIAN');
    expect(result.regimeMetrics.map((row) => row.regime)).toEqual(['CALM', 'NEUTRAL', 'TURBULENT']);
    expect(result.sensitivity.cells.length).toBeGreaterThan(0);
    expect(result.outOfSampleEquity.length).toBeLessThanOrEqual(20);
    expect(result.bestParameterConfig.source).toBe('OPTIMIZATION');

    const list = await api.request<{ optimizations: { totalCount: number; edges: { node: { id: string } }[] } }>(`{ optimizations(status: COMPLETED) { totalCount edges { node { id } } } }`);
    expect(list.data!.optimizations.edges.map((edge) => edge.node.id)).toContain(optimization.id);
    const viaNode = await api.request<{ node: { __typename: string } }>(`query($id: ID!) { node(id: $id) { __typename } }`, { id: result.segments[0]!.id });
    expect(viaNode.data!.node.__typename).toBe('WalkForwardSegment');
  });

  it('serves the searched parameter space as typed definitions and constraints (overrides applied)', async () => {
    const { versionId, dataSetId } = await arrangeIds();
    const queued = await api.request<{ queueOptimization: { optimization: { id: string } } }>(queueMutation, { input: input(versionId, dataSetId) });
    expect(queued.errors).toBeUndefined();
    type Space = { parameters: { name: string; kind: string; min: number | null; max: number | null; step: number | null; choices: unknown[] | null; default: unknown; unit: string | null }[]; constraints: { description: string; left: string; operator: string; right: string }[] };
    const read = await api.request<{ optimization: { parameterSpace: Space }; strategyTemplates: { id: string; parameterSpace: Space }[] }>(
      `query($id: ID!) {
        optimization(id: $id) { parameterSpace { parameters { name kind min max step choices default unit } constraints { description left operator right } } }
        strategyTemplates { id parameterSpace { parameters { name kind min max step choices default unit } constraints { description left operator right } } }
      }`,
      { id: queued.data!.queueOptimization.optimization.id },
    );
    expect(read.errors).toBeUndefined();
    const space = read.data!.optimization.parameterSpace;
    expect(space.parameters.find((parameter) => parameter.name === 'fastPeriod')).toMatchObject({ kind: 'INTEGER', min: 5, max: 30, choices: null, unit: 'bars' });
    expect(space.constraints).toContainEqual(expect.objectContaining({ left: 'fastPeriod', operator: '<', right: 'slowPeriod' }));
    const template = read.data!.strategyTemplates.find((candidate) => candidate.id === 'sma_crossover')!;
    expect(template.parameterSpace.parameters.find((parameter) => parameter.name === 'fastPeriod')!.max).not.toBe(30);
    const categorical = read.data!.strategyTemplates.flatMap((candidate) => candidate.parameterSpace.parameters).filter((parameter) => parameter.kind === 'CATEGORICAL' || parameter.kind === 'BOOLEAN');
    for (const parameter of categorical) expect(['string', 'number', 'boolean']).toContain(typeof parameter.default);
  });

  it('refuses bad input as a typed error and lets only research or admin queue', async () => {
    const { versionId, dataSetId } = await arrangeIds();
    const bad = await api.request(queueMutation, { input: { ...input(versionId, dataSetId), trialBudget: 0 } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const forbidden = await api.request(queueMutation, { input: input(versionId, dataSetId) }, { role: 'risk' });
    expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await api.request(`{ optimizations { totalCount } }`, {}, 'anonymous');
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('compares backtest runs side by side with aligned equity curves', async () => {
    const { versionId, dataSetId } = await arrangeIds();
    const ids: string[] = [];
    for (const [fastPeriod, slowPeriod] of [[10, 30], [20, 100]]) {
      const parameters = [{ name: 'fastPeriod', value: fastPeriod }, { name: 'slowPeriod', value: slowPeriod }];
      const queued = await api.request<{ queueBacktest: { backtestRun: { id: string; databaseId: string } } }>(
        `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id databaseId } } }`,
        { input: { strategyVersionId: versionId, marketDataSetId: dataSetId, parameters } },
      );
      await api.services().backtests.execute(queued.data!.queueBacktest.backtestRun.databaseId);
      ids.push(queued.data!.queueBacktest.backtestRun.id);
    }
    const compared = await api.request<{ compareBacktestRuns: { runs: { id: string }[]; metrics: { metric: string; values: (number | null)[] }[]; timestamps: string[]; equity: { runId: string; equity: (number | null)[] }[] } }>(
      `query($ids: [ID!]!) { compareBacktestRuns(ids: $ids, maxPoints: 100) { runs { id } metrics { metric values } timestamps equity { runId equity } } }`,
      { ids },
    );
    expect(compared.errors).toBeUndefined();
    const comparison = compared.data!.compareBacktestRuns;
    expect(comparison.runs.map((run) => run.id)).toEqual(ids);
    const sharpe = comparison.metrics.find((row) => row.metric === 'sharpe')!;
    expect(sharpe.values).toHaveLength(2);
    expect(sharpe.values[0]).not.toBe(sharpe.values[1]);
    expect(comparison.timestamps).toHaveLength(100);
    expect(comparison.equity.map((series) => series.runId)).toEqual(ids);
    for (const series of comparison.equity) {
      expect(series.equity).toHaveLength(100);
      expect(series.equity[0]).toBe(1);
    }
  });
});
