import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

/** POSTs one operation as the research user and returns the HTTP status with the parsed body. */
async function post(query: string, variables?: Record<string, unknown> | string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.research}` },
    // a string is spliced in as raw JSON (JSON.stringify cannot write 1e400)
    body: typeof variables === 'string' ? `{"query":${JSON.stringify(query)},"variables":${variables}}` : JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('GraphQL variables that fail coercion', () => {
  const queueBacktest = `mutation($feeBps: Float, $id: ID!) { queueBacktest(input: { strategyVersionId: $id, marketDataSetId: $id, feeBps: $feeBps }) { backtestRun { id } } }`;
  const someId = 'U3RyYXRlZ3lWZXJzaW9uOjAxYTFmZTNiLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA==';
  it.each([
    ['a string for a Float', { feeBps: 'abc', id: someId }, 'feeBps'],
    ['a number beyond float range', `{"feeBps":1e400,"id":"${someId}"}`, 'feeBps'],
    ['a missing required variable', { feeBps: 1 }, 'id'],
    ['null for a non-null variable', { feeBps: 1, id: null }, 'id'],
  ])('answers %s with HTTP 400 naming the variable', async (_case, variables, name) => {
    const { status, body } = await post(queueBacktest, variables);
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toContain(`$${name}`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
  });
});

describe('complexity of list-sized arguments', () => {
  it('counts maxPoints of equity curves', async () => {
    const { status, body } = await post(`{ backtestRuns(first: 200) { edges { node { equityCurve(maxPoints: 100000) { timestamp equity drawdown } } } } }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/query complexity \d+ exceeds the limit of 20000/);
    const single = await post(`{ backtestRuns(first: 1) { edges { node { equityCurve(maxPoints: 100000) { timestamp equity drawdown } } } } }`);
    expect(single.body.errors![0]!.message).toMatch(/query complexity \d+ exceeds the limit/);
    const modest = await post(`{ backtestRuns(first: 5) { edges { node { equityCurve(maxPoints: 500) { timestamp equity drawdown } } } } }`);
    expect(modest.body.errors).toBeUndefined();
  });
});

describe('lengths, control characters and dates at the edge', () => {
  const register = `mutation($input: RegisterStrategyInput!) { registerStrategy(input: $input) { strategy { id } } }`;
  const valid = { code: 'edge-case', name: 'Edge case', objective: 'Bounded input', eligibleMarkets: ['BTC-USDT'], riskCategory: 'LOW', capitalGuardrails: { production: 0.01 } };
  it.each([
    ['a name over 255 characters', { name: 'n'.repeat(256) }, 'input.name', /at most 255/],
    ['a NUL character', { name: 'bad\u0000name' }, 'input.name', /control character U\+0000/],
    ['a 1 MB objective', { objective: 'o'.repeat(1024 * 1024) }, 'input.objective', /at most 10000/],
    ['10,000 eligible markets', { eligibleMarkets: Array.from({ length: 10_000 }, (_, index) => `M${index}-USDT`) }, 'input.eligibleMarkets', /10000 items; at most 200 are allowed/],
  ])('refuses %s with a named validation error (HTTP 200, nothing stored)', async (_case, change, field, message) => {
    const { status, body } = await post(register, { input: { ...valid, ...change } });
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.errors![0]!.message).toMatch(message);
    const { body: list } = await post(`{ strategies(first: 50) { edges { node { code } } } }`);
    expect(JSON.stringify(list.data)).not.toContain('edge-case');
  });
  it('refuses a changelog of 1 MB and a reason of 1 MB', async () => {
    const submit = await post(`mutation($input: SubmitStrategyVersionInput!) { submitStrategyVersion(input: $input) { strategyVersion { id } } }`, {
      input: { strategyId: 'U3RyYXRlZ3k6MDFhMWZlM2ItMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw', template: 'sma_crossover', changelog: 'c'.repeat(1024 * 1024), deterministicSeed: 1 },
    });
    expect(submit.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.changelog' });
    const cycle = await post(`mutation($input: RunEvaluationCycleInput) { runEvaluationCycle(input: $input) { evaluationCycle { id } } }`, { input: { reason: 'r'.repeat(1024 * 1024) } });
    expect(cycle.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });
  it.each(['2026-13-45', '2026-02-30', 'yesterday'])('refuses scorecard(evaluationDate: "%s") naming the argument', async (date) => {
    const { status, body } = await post(`query($date: String) { scorecard(evaluationDate: $date) { rank } }`, { date });
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evaluationDate' });
  });
  it('documents the bounds in the schema', async () => {
    const { body } = await post(`{ __type(name: "RegisterStrategyInput") { inputFields { name description } } }`);
    const fields = (body.data as { __type: { inputFields: { name: string; description: string | null }[] } }).__type.inputFields;
    expect(fields.find((field) => field.name === 'name')!.description).toMatch(/At most 255 characters, no control characters/);
    expect(fields.find((field) => field.name === 'objective')!.description).toMatch(/At most 10,000 characters/);
    expect(fields.find((field) => field.name === 'eligibleMarkets')!.description).toMatch(/At most 200 items/);
  });
});

describe('oversized uploads', () => {
  it('answers a body over 32 MB with HTTP 413 and a GraphQL-shaped error', async () => {
    const content = 'x'.repeat(33 * 1024 * 1024);
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.research}` },
      body: JSON.stringify({ query: `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { marketDataSet { id } } }`, variables: { input: { fileName: 'BTC-USDT_1h.csv', content } } }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string; maxBytes: number } }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 32 * 1024 * 1024 });
    // the server keeps serving
    expect((await fetch(`${api.server.url}/healthz`)).status).toBe(200);
  });
});
