import { describe, expect, it } from 'vitest';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

type Detail = { path: string; text: string | null; number: number | null; boolean: boolean | null };
const detail = `{ path text number boolean }`;

/** Registers a strategy with typed capital caps through the API; returns its global id. */
async function registerStrategy(code: string): Promise<string> {
  const registered = await api.request<{ registerStrategy: { strategy: { id: string } } }>(
    `mutation($input: RegisterStrategyInput!) { registerStrategy(input: $input) { strategy { id } } }`,
    { input: { code, name: `Typed ${code}`, objective: 'typed shapes', eligibleMarkets: ['BTC-USDT'], riskCategory: 'LOW', capitalGuardrails: { staging: 0.02, production: 0.05 } } },
  );
  expect(registered.errors).toBeUndefined();
  return registered.data!.registerStrategy.strategy.id;
}

async function submitVersion(strategyId: string, parameterOverrides: { name: string; min?: number; max?: number }[] | null): Promise<string> {
  const submitted = await api.request<{ submitStrategyVersion: { strategyVersion: { id: string } } }>(
    `mutation($input: SubmitStrategyVersionInput!) { submitStrategyVersion(input: $input) { strategyVersion { id } } }`,
    { input: { strategyId, template: 'sma_crossover', parameterOverrides, changelog: 'typed', deterministicSeed: 7 } },
  );
  expect(submitted.errors).toBeUndefined();
  return submitted.data!.submitStrategyVersion.strategyVersion.id;
}

describe('typed API shapes (no JSON objects)', () => {
  it('the schema carries no JSON object scalar: every field has a GraphQL type', async () => {
    const printed = await api.request<{ __schema: { types: { name: string }[] } }>(`{ __schema { types { name } } }`);
    expect(printed.data!.__schema.types.map((type) => type.name)).not.toContain('JSONObject');
  });

  it('capital guardrails are a typed object in and out, and an approval decision has reviewer, time and notes', async () => {
    const strategyId = await registerStrategy('typed-caps');
    const read = await api.request<{ strategy: { capitalGuardrails: Record<string, number | null> } }>(
      `query($id: ID!) { strategy(id: $id) { capitalGuardrails { research validation staging production } } }`,
      { id: strategyId },
      { role: 'risk' },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.strategy.capitalGuardrails).toEqual({ research: null, validation: null, staging: 0.02, production: 0.05 });
    // A cap for a state without capital is not part of the input type.
    const retired = await api.request(`mutation { registerStrategy(input: { code: "typed-retired", name: "x", objective: "x", eligibleMarkets: ["*"], riskCategory: LOW, capitalGuardrails: { retired: 0.1 } }) { strategy { id } } }`);
    expect(retired.errors![0]!.message).toContain('retired');

    const versionId = await submitVersion(strategyId, null);
    const approved = await api.request<{ approveStrategyVersion: { strategyVersion: { approvalMetadata: { reviewerId: string; decidedAt: string; notes: string | null } } } }>(
      `mutation($input: DecideStrategyVersionInput!) { approveStrategyVersion(input: $input) { strategyVersion { approvalMetadata { reviewerId decidedAt notes } } } }`,
      { input: { strategyVersionId: versionId, notes: 'looks sound' } },
      { role: 'production' },
    );
    expect(approved.errors).toBeUndefined();
    const me = await api.request<{ me: { id: string } }>(`{ me { id } }`, {}, { role: 'production' });
    const decision = approved.data!.approveStrategyVersion.strategyVersion.approvalMetadata;
    expect(decision).toMatchObject({ reviewerId: me.data!.me.id, notes: 'looks sound' });
    expect(new Date(decision.decidedAt).toISOString()).toBe(decision.decidedAt);
  });

  it('a version diff reports typed values, and history and audit details are typed entries', async () => {
    const strategyId = await registerStrategy('typed-diff');
    const first = await submitVersion(strategyId, [{ name: 'fastPeriod', max: 30 }]);
    const second = await submitVersion(strategyId, [{ name: 'fastPeriod', max: 40 }]);
    const diff = await api.request<{ strategyVersionDiff: { path: string; kind: string; before: unknown; after: unknown }[] }>(
      `query($from: ID!, $to: ID!) { strategyVersionDiff(fromVersionId: $from, toVersionId: $to) { path kind before after } }`,
      { from: first, to: second },
    );
    expect(diff.errors).toBeUndefined();
    expect(diff.data!.strategyVersionDiff).toEqual([{ path: 'parameters.fastPeriod.max', kind: 'CHANGED', before: 30, after: 40 }]);

    const history = await api.request<{ strategy: { history: { action: string; details: Detail[] }[] } }>(
      `query($id: ID!) { strategy(id: $id) { history { action details ${detail} } } }`,
      { id: strategyId },
      { role: 'risk' },
    );
    const registered = history.data!.strategy.history.find((entry) => entry.action === 'strategy.registered')!;
    expect(registered.details).toContainEqual({ path: 'capitalGuardrails.production', text: null, number: 0.05, boolean: null });
    expect(registered.details).toContainEqual({ path: 'eligibleMarkets.0', text: 'BTC-USDT', number: null, boolean: null });
    // Research may not read capital caps: the history leaves them out.
    const asResearch = await api.request<{ strategy: { history: { action: string; details: Detail[] }[] } }>(
      `query($id: ID!) { strategy(id: $id) { history { action details ${detail} } } }`,
      { id: strategyId },
    );
    const hidden = asResearch.data!.strategy.history.find((entry) => entry.action === 'strategy.registered')!;
    expect(hidden.details.filter((entry) => entry.path.startsWith('capitalGuardrails'))).toEqual([]);

    const audit = await api.request<{ auditEvents: { events: { subjectId: string; details: Detail[] }[] } }>(
      `{ auditEvents(action: "strategy_version.submitted", limit: 20) { events { subjectId details ${detail} } } }`,
      {},
      { role: 'compliance' },
    );
    expect(audit.errors).toBeUndefined();
    const submitted = audit.data!.auditEvents.events.find((event) => Buffer.from(second, 'base64url').toString().endsWith(event.subjectId))!;
    expect(submitted.details).toContainEqual({ path: 'parameterOverrides.0.max', text: null, number: 40, boolean: null });
    expect(submitted.details).toContainEqual({ path: 'parameterOverrides.0.name', text: 'fastPeriod', number: null, boolean: null });
    expect(submitted.details).toContainEqual({ path: 'deterministicSeed', text: null, number: 7, boolean: null });
  });

  it('queues a backtest with a typed parameter list, names the field of a repeated or unknown parameter, and reads parameters back as a list', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const versionId = Buffer.from(`StrategyVersion:${version.id}`).toString('base64url');
    const dataSetId = Buffer.from(`MarketDataSet:${marketDataSet.id}`).toString('base64url');
    const queue = (parameters: unknown) =>
      api.request<{ queueBacktest: { backtestRun: { parameterConfig: { parameters: { name: string; value: unknown }[] } } } }>(
        `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { parameterConfig { parameters { name value } } } } }`,
        { input: { strategyVersionId: versionId, marketDataSetId: dataSetId, parameters } },
      );
    const queued = await queue([{ name: 'slowPeriod', value: 60 }, { name: 'fastPeriod', value: 12 }]);
    expect(queued.errors).toBeUndefined();
    // Every parameter of the point (defaults filled in), by name.
    expect(queued.data!.queueBacktest.backtestRun.parameterConfig.parameters).toEqual([
      { name: 'allowShort', value: false },
      { name: 'fastPeriod', value: 12 },
      { name: 'slowPeriod', value: 60 },
    ]);
    const repeated = await queue([{ name: 'fastPeriod', value: 12 }, { name: 'fastPeriod', value: 14 }]);
    expect(repeated.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters.fastPeriod' });
    const unknown = await queue([{ name: 'noSuchParameter', value: 1 }]);
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters.noSuchParameter' });
    const wrongKind = await queue([{ name: 'fastPeriod', value: 'twelve' }]);
    expect(wrongKind.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters.fastPeriod' });
    const tooLong = await queue([{ name: 'fastPeriod', value: 'x'.repeat(300) }]);
    expect(tooLong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parameters.0.value' });
  });

  it('a run’s warning flags are typed', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const run = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 9, slowPeriod: 33 } });
    const read = await api.request<{ backtestRun: { warningFlags: Record<string, unknown> } }>(
      `query($id: ID!) { backtestRun(id: $id) { warningFlags { gapCount missingBarCount zeroVolumeBarCount noTrades } } }`,
      { id: Buffer.from(`BacktestRun:${run.id}`).toString('base64url') },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.backtestRun.warningFlags).toEqual({ gapCount: marketDataSet.gapCount, missingBarCount: marketDataSet.missingBarCount, zeroVolumeBarCount: expect.any(Number), noTrades: null });
  });

  it('the scorecard entry has no copies of its inputs: the four grouped columns are dropped', async () => {
    const columns = await api.orm.em.fork().execute<{ column_name: string }[]>(`select column_name from information_schema.columns where table_name = 'scorecard_entry'`);
    const names = columns.map((column) => column.column_name);
    expect(names).toContain('inputs');
    expect(names).toContain('factor_contributions');
    for (const dropped of ['risk_adjusted_returns', 'tail_risk', 'win_rate_stability', 'drift_signals']) expect(names).not.toContain(dropped);
  });
});
