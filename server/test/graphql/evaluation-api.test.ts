import { describe, expect, it } from 'vitest';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useApiHarness } from '../support/test-server.ts';
import { toGlobalId } from '../../src/graphql/relay.ts';

const api = useApiHarness();

describe('GraphQL registry, triggers, scorecard and operations', () => {
  it('registers, submits and approves through the API; the approval queues validation and the trigger log shows it', async () => {
    const registered = await api.request<{ registerStrategy: { strategy: { id: string; lifecycleState: string } } }>(
      `mutation($input: RegisterStrategyInput!) { registerStrategy(input: $input) { strategy { id lifecycleState } } }`,
      { input: { code: 'api-trend', name: 'API trend', objective: 'Follow trends', eligibleMarkets: ['BTC-USDT'], riskCategory: 'LOW', capitalGuardrails: { production: 0.02 } } },
    );
    expect(registered.errors).toBeUndefined();
    const strategyId = registered.data!.registerStrategy.strategy.id;
    const submitted = await api.request<{ submitStrategyVersion: { strategyVersion: { id: string; approvalStatus: string } } }>(
      `mutation($input: SubmitStrategyVersionInput!) { submitStrategyVersion(input: $input) { strategyVersion { id approvalStatus } } }`,
      { input: { strategyId, template: 'ema_crossover', changelog: 'first', deterministicSeed: 5 } },
    );
    expect(submitted.data!.submitStrategyVersion.strategyVersion.approvalStatus).toBe('PENDING');
    const versionId = submitted.data!.submitStrategyVersion.strategyVersion.id;
    const approve = `mutation($input: DecideStrategyVersionInput!) { approveStrategyVersion(input: $input) { strategyVersion { approvalStatus approvalMetadata { notes } } } }`;
    expect((await api.request(approve, { input: { strategyVersionId: versionId } }, { role: 'research' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const approved = await api.request<{ approveStrategyVersion: { strategyVersion: { approvalStatus: string } } }>(approve, { input: { strategyVersionId: versionId, notes: 'ok' } }, { role: 'production' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveStrategyVersion.strategyVersion.approvalStatus).toBe('APPROVED');

    const log = await api.request<{ triggerEvents: { edges: { node: { type: string; outcome: string; links: { targetType: string }[] } }[] } }>(
      `{ triggerEvents(first: 10) { edges { node { type outcome links { targetType } } } } }`,
    );
    const byType = Object.fromEntries(log.data!.triggerEvents.edges.map((edge) => [edge.node.type, edge.node]));
    expect(byType.PARAMETER_SPACE_REGISTERED).toMatchObject({ outcome: 'SKIPPED', links: [] });
    expect(byType.VERSION_APPROVED!.outcome).toBe('ENQUEUED');
    expect(byType.VERSION_APPROVED!.links.map((link) => link.targetType).sort()).toEqual(['EVALUATION_CYCLE', 'JOB']);

    const history = await api.request<{ strategy: { history: { action: string }[] } }>(`query($id: ID!) { strategy(id: $id) { history { action } } }`, { id: strategyId });
    expect(history.data!.strategy.history.map((entry) => entry.action)).toContain('strategy_version.approved');
  });

  it('runs a cycle on demand and serves the ranked scorecard, rank history and the experiment export', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await api.services().marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
    const run = await api.request<{ runEvaluationCycle: { evaluationCycle: { id: string; status: string; configurationCount: number } } }>(
      `mutation { runEvaluationCycle(input: { reason: "api test", seed: 3 }) { evaluationCycle { id status configurationCount } } }`,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data!.runEvaluationCycle.evaluationCycle).toMatchObject({ status: 'QUEUED', configurationCount: 60 });
    const queued = await api.orm.em.fork().find(EvaluationCycle, { status: 'queued' });
    for (const cycle of queued) await api.services().cycles.execute(cycle.id);

    const scorecard = await api.request<{ scorecard: { rank: number; strategy: { id: string; code: string }; factors: { factor: string }[]; recommendation: string }[] }>(
      `{ scorecard(sort: SCORE) { rank recommendation strategy { id code } factors { factor } } }`,
    );
    expect(scorecard.errors).toBeUndefined();
    // One entry per strategy with an approved version (the 8 built-ins, plus any another test of this file approved).
    const [{ approved }] = await api.orm.em.fork().execute<{ approved: number }[]>(`select count(distinct strategy_id)::int as approved from strategy_version where approval_status = 'approved'`) as [{ approved: number }];
    expect(approved).toBeGreaterThanOrEqual(8);
    expect(scorecard.data!.scorecard.length).toBe(approved);
    expect(scorecard.data!.scorecard[0]!.factors).toHaveLength(6);
    const rankHistory = await api.request<{ scorecardHistory: { rank: number }[] }>(`query($id: ID!) { scorecardHistory(strategyId: $id) { rank } }`, { id: scorecard.data!.scorecard[0]!.strategy.id });
    expect(rankHistory.data!.scorecardHistory).toHaveLength(1);
    // The server is the one place that orders the scorecard: by name A→Z, and exactly reversed when descending.
    const byName = await api.request<{ up: { strategy: { name: string } }[]; down: { strategy: { name: string } }[] }>(
      `{ up: scorecard(sort: NAME) { strategy { name } } down: scorecard(sort: NAME, descending: true) { strategy { name } } }`,
    );
    const names = byName.data!.up.map((entry) => entry.strategy.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(byName.data!.down.map((entry) => entry.strategy.name)).toEqual([...names].reverse());

    const cycleId = run.data!.runEvaluationCycle.evaluationCycle.id;
    const csv = await api.request<{ experimentComparison: string }>(`query($id: ID!) { experimentComparison(cycleId: $id, format: CSV) }`, { id: cycleId });
    const lines = csv.data!.experimentComparison.trim().split('\n');
    expect(lines[0]).toMatch(/^strategy,template,configuration,parameters,outOfSampleSharpe,BTC-USDT 1d\.sharpe/);
    expect(lines.length).toBe(61);
    const json = await api.request<{ experimentComparison: string }>(`query($id: ID!) { experimentComparison(cycleId: $id, format: JSON) }`, { id: cycleId });
    expect(JSON.parse(json.data!.experimentComparison).rows).toHaveLength(60);

    // The configurations' parameters and per-dataset out-of-sample metrics are typed (no JSON objects).
    type Configuration = { parameters: { name: string; value: number | string | boolean }[]; outOfSampleSharpe: number | null; outOfSampleMetrics: { marketDataSetId: string; metrics: { sharpe: number | null; maxDrawdown: number | null; winRate: number | null } }[] };
    const configurations = await api.request<{ evaluationCycle: { configurations: Configuration[] } }>(
      `query($id: ID!) { evaluationCycle(id: $id) { configurations { parameters { name value } outOfSampleSharpe outOfSampleMetrics { marketDataSetId metrics { sharpe maxDrawdown winRate } } } } }`,
      { id: cycleId },
    );
    expect(configurations.errors).toBeUndefined();
    const rows = configurations.data!.evaluationCycle.configurations;
    expect(rows).toHaveLength(60);
    const datasetIds = (await api.orm.em.fork().execute<{ id: string }[]>(`select id from market_data_set`)).map((row) => toGlobalId('MarketDataSet', row.id));
    for (const row of rows) {
      expect(row.parameters.length).toBeGreaterThan(0);
      expect(row.parameters.map((setting) => setting.name)).toEqual([...row.parameters.map((setting) => setting.name)].sort());
      expect(row.outOfSampleMetrics.length).toBeGreaterThan(0);
      for (const dataset of row.outOfSampleMetrics) expect(datasetIds).toContain(dataset.marketDataSetId);
      // outOfSampleSharpe is the mean over datasets of the finite per-dataset Sharpe ratios.
      const sharpes = row.outOfSampleMetrics.map((dataset) => dataset.metrics.sharpe).filter((value): value is number => value !== null);
      if (sharpes.length > 0) expect(row.outOfSampleSharpe).toBeCloseTo(sharpes.reduce((sum, value) => sum + value, 0) / sharpes.length, 9);
    }
  });

  it('shows queues, latencies and failure rates in the operations view and at /metrics', async () => {
    // A completed cycle (executed directly, so its job stays queued) and a manual request queuing another.
    await api.services().strategies.registerBuiltInStrategies();
    await api.services().marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
    for (const cycle of await api.orm.em.fork().find(EvaluationCycle, { status: 'queued' })) await api.services().cycles.execute(cycle.id);
    const manual = await api.request<{ requestManualRun: { triggerEvent: { outcome: string } } }>(`mutation { requestManualRun(input: { reason: "ops check" }) { triggerEvent { outcome } } }`);
    expect(manual.data!.requestManualRun.triggerEvent.outcome).toBe('ENQUEUED');
    const view = await api.request<{ operations: { queues: { task: string; queue: string | null; waiting: number }[]; triggerToEnqueue: { samples: number; p99Ms: number }; failureRates: { kind: string; completed: number }[] } }>(
      `{ operations { queues { task queue waiting } triggerToEnqueue { samples p99Ms } failureRates { kind completed } } }`,
      {},
      { role: 'risk' },
    );
    expect(view.errors).toBeUndefined();
    // The view shows what graphile-worker's queue holds: cycles executed directly (by this and other tests of the file)
    // left their jobs waiting, one per scope key (validation-priority cycles have no named queue, research ones `research`).
    const cycleQueues = view.data!.operations.queues.filter((queue) => queue.task === 'run_evaluation_cycle');
    const held = await api.orm.em.fork().execute<{ queue: string | null; waiting: number }[]>(
      `select queue_name as queue, count(*)::int as waiting from graphile_worker.jobs
        where task_identifier = 'run_evaluation_cycle' and locked_at is null and attempts < max_attempts group by queue_name`,
    );
    expect(cycleQueues.filter((queue) => queue.waiting > 0).map(({ queue, waiting }) => ({ queue, waiting })).sort((a, b) => String(a.queue).localeCompare(String(b.queue))))
      .toEqual(held.sort((a, b) => String(a.queue).localeCompare(String(b.queue))));
    const waiting = cycleQueues.find((queue) => queue.queue === null)!.waiting;
    expect(waiting).toBeGreaterThan(0);
    expect(view.data!.operations.triggerToEnqueue.samples).toBeGreaterThan(0);
    expect(view.data!.operations.failureRates.find((rate) => rate.kind === 'evaluation_cycle')!.completed).toBeGreaterThan(0);

    const metrics = await (await fetch(`${api.server.url}/metrics`)).text();
    expect(metrics).toContain(`crucible_job_queue_depth{task="run_evaluation_cycle",queue="",state="waiting"} ${waiting}`);
    expect(metrics).toMatch(/crucible_trigger_to_enqueue_seconds\{quantile="0.99"\} [\d.e-]+/);
    expect(metrics).toContain('crucible_run_failure_ratio{kind="evaluation_cycle"} 0');
  });
});
