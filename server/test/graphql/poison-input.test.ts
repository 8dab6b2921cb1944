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
