import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/auth/roles.ts';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import type { ScoringSubject } from '../../src/services/scoring/scorecard.service.ts';
import { connectedAs } from '../support/postgres-client.ts';
import { useApiHarness, type GraphQLResponse } from '../support/test-server.ts';

const api = useApiHarness();

/** POSTs `query` with `token` (default: the research user's); the body and how the response cache answered. */
async function post<T>(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}): Promise<{ body: GraphQLResponse<T>; cache: string | null; check: string | null; timing: string | null }> {
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token === '' ? {} : { authorization: `Bearer ${options.token ?? api.tokens.research}` }) },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { body: (await response.json()) as GraphQLResponse<T>, cache: response.headers.get('x-response-cache'), check: response.headers.get('x-response-cache-check'), timing: response.headers.get('server-timing') };
}

const tokenOf = (role: Role) => api.tokens[role];

/** Scores every strategy on `evaluationDate` (Sharpe rising with the code order). */
async function score(evaluationDate: string) {
  const services = api.services();
  const strategies = await api.orm.em.fork().find(Strategy, {}, { orderBy: { code: 'asc' } });
  const subjects: ScoringSubject[] = [];
  for (const [index, strategy] of strategies.entries()) {
    const version = await services.strategies.latestApprovedVersion(strategy.id);
    if (!version) continue;
    const inputs: Record<string, number> = { sharpe: 0.2 + index * 0.1, sortino: 1, calmar: 1, maxDrawdown: -0.2, valueAtRisk: -0.03, conditionalValueAtRisk: -0.04, winRateDispersion: 0.05 };
    subjects.push({ strategyId: strategy.id, strategyVersionId: version.id, inputs: inputs as ScoringSubject['inputs'] });
  }
  const cycle = await services.cycles.run({ configurationCount: 60, seed: 1, reason: `test ${evaluationDate}` });
  const policy = await services.scorecards.activePolicy(api.orm.em.fork());
  const system = await services.strategies.systemUser();
  await api.orm.em.fork().transactional(async (tx) => services.scorecards.writeEntries(tx, await tx.findOneOrFail(EvaluationCycle, { id: cycle.id }), evaluationDate, policy, subjects, system));
}

/** Asks twice; the second answer must come from the cache and equal the first. */
async function cached<T>(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) {
  const first = await post<T>(query, options);
  expect(first.body.errors).toBeUndefined();
  const second = await post<T>(query, options);
  expect(second.cache).toBe('hit');
  expect(second.body).toEqual(first.body);
  return first.body.data!;
}

type Scorecard = { scorecard: { evaluationDate: string; rank: number; strategy: { code: string; name: string }; strategyVersion: { versionTag: string } }[] };
type Registry = {
  strategies: { totalCount: number; edges: { node: { databaseId: string; code: string; name: string; latestScorecard: { evaluationDate: string } | null; versions: { versionTag: string; approvalStatus: string }[] } }[] };
};
const scorecardQuery = `{ scorecard { evaluationDate rank strategy { code name } strategyVersion { versionTag } } }`;
const registryQuery = `{ strategies(first: 50) { totalCount edges { node { databaseId: id code name latestScorecard { evaluationDate } versions { versionTag approvalStatus } } } } }`;

describe('the response cache', () => {
  it('serves every change behind a cached response on the very next request (rename, new scorecard, new version, approval)', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await score('2031-03-01');
    const before = await cached<Scorecard>(scorecardQuery);
    const top = before.scorecard[0]!;

    await api.orm.em.fork().execute(`update strategy set name = 'Renamed behind the cache' where code = ?`, [top.strategy.code]);
    const renamed = await post<Scorecard>(scorecardQuery);
    expect(renamed.cache).toBe('miss');
    expect(renamed.body.data!.scorecard[0]!.strategy).toEqual({ code: top.strategy.code, name: 'Renamed behind the cache' });

    await cached<Scorecard>(scorecardQuery);
    await score('2031-03-02');
    const rescored = await post<Scorecard>(scorecardQuery);
    expect(rescored.cache).toBe('miss');
    expect(rescored.body.data!.scorecard[0]!.evaluationDate).toBe('2031-03-02');

    const registry = await cached<Registry>(registryQuery);
    const node = registry.strategies.edges.find((edge) => edge.node.code === top.strategy.code)!.node;
    expect(node.name).toBe('Renamed behind the cache');
    const strategyId = (await api.orm.em.fork().findOneOrFail(Strategy, { code: top.strategy.code })).id;
    const template = (await api.services().strategies.latestApprovedVersion(strategyId))!.template;
    const submitted = await api.services().strategies.submitVersion({ strategyId, template, changelog: 'behind the cache', deterministicSeed: 7 });
    const withVersion = await post<Registry>(registryQuery);
    expect(withVersion.cache).toBe('miss');
    const versions = withVersion.body.data!.strategies.edges.find((edge) => edge.node.code === top.strategy.code)!.node.versions;
    expect(versions).toContainEqual({ versionTag: submitted.versionTag, approvalStatus: 'PENDING' });

    await cached<Registry>(registryQuery);
    await api.services().strategies.approveVersion(submitted.id, 'approved behind the cache');
    const approved = await post<Registry>(registryQuery);
    expect(approved.cache).toBe('miss');
    expect(approved.body.data!.strategies.edges.find((edge) => edge.node.code === top.strategy.code)!.node.versions).toContainEqual({ versionTag: submitted.versionTag, approvalStatus: 'APPROVED' });

    await cached<Registry>(registryQuery);
    await api.services().strategies.register({ code: 'cache-newcomer', name: 'Newcomer', objective: 'x', eligibleMarkets: ['*'], riskCategory: 'moderate', capitalGuardrails: { production: 0.01 } });
    const grown = await post<Registry>(registryQuery);
    expect(grown.cache).toBe('miss');
    expect(grown.body.data!.strategies.totalCount).toBe(registry.strategies.totalCount + 1);
  });

  it('never gives one role or user the response cached for another', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const query = `{ strategies(first: 50) { edges { node { code versions { approvalStatus approvalMetadata { reviewerId notes } } } } } }`;
    type Approvals = { strategies: { edges: { node: { versions: { approvalMetadata: { reviewerId: string } | null }[] } }[] } };
    const production = await cached<Approvals>(query, { token: tokenOf('production') });
    const reviewers = production.strategies.edges.flatMap((edge) => edge.node.versions.map((version) => version.approvalMetadata?.reviewerId)).filter(Boolean);
    expect(reviewers.length).toBeGreaterThan(0);

    // Research may not read approver identities: a refusal, never production's cached answer — and never cached itself.
    for (let attempt = 0; attempt < 2; attempt++) {
      const research = await post<Approvals>(query, { token: tokenOf('research') });
      expect(research.cache).toBe('miss');
      expect(research.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(research.body)).not.toContain(reviewers[0]);
    }

    // Two users with the same role each get their own entry.
    const email = 'second-research@test.crucible.local';
    await api.services().users.create({ email, password: 'second-research-password', roles: ['research'] });
    const other = (await api.services().auth.createApiTokenForUser(email, { name: 'cache test' })).secret;
    await cached(registryQuery, { token: tokenOf('research') });
    expect((await post(registryQuery, { token: other })).cache).toBe('miss');
  });

  it('still applies authentication, argument bounds and the complexity limit to operations it has cached', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const query = `query Registry($first: Int, $limit: Int) { strategies(first: $first) { edges { node { code history(limit: $limit) { action } } } } }`;
    await cached(query, { variables: { first: 5, limit: 1 } });

    const tooComplex = await post(query, { variables: { first: 200, limit: 1000 } });
    expect(tooComplex.cache).toBe('miss');
    expect(tooComplex.body.errors?.[0]?.message).toMatch(/complexity/i);
    const tooLong = await post(query, { variables: { first: 5000, limit: 1 } });
    expect(tooLong.cache).toBe('miss');
    expect(tooLong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const anonymous = await post(query, { token: '', variables: { first: 5, limit: 1 } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.cache).not.toBe('hit');

    const email = 'revoked-research@test.crucible.local';
    await api.services().users.create({ email, password: 'revoked-research-password', roles: ['research'] });
    const created = await api.services().auth.createApiTokenForUser(email, { name: 'to revoke' });
    await cached(query, { token: created.secret, variables: { first: 5, limit: 1 } });
    await api.services().auth.revokeApiToken(created.token.id);
    const revoked = await post(query, { token: created.secret, variables: { first: 5, limit: 1 } });
    expect(revoked.cache).not.toBe('hit');
    expect(revoked.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('leaves mutations and fields outside its list to the normal path', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const uncached = `{ strategies(first: 5) { edges { node { code } } } evaluationCycles(first: 1) { totalCount } }`;
    await post(uncached);
    expect((await post(uncached)).cache).toBe('miss');
  });
  it('skips the statements of a cached response only while nothing is written, by any connection (data version)', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await score('2031-04-01');
    const first = await post<Scorecard>(scorecardQuery);
    expect(first.cache).toBe('miss');
    // The first hit may still replay (the scoring's notifications can arrive after the operation read the count);
    // from then on, with nothing written, the count is unchanged and the statements are not sent again.
    expect((await post<Scorecard>(scorecardQuery)).cache).toBe('hit');
    const quiet = await post<Scorecard>(scorecardQuery);
    expect(quiet).toMatchObject({ cache: 'hit', check: 'data-version' });
    expect(quiet.body).toEqual(first.body);
    // Hits and misses alike say how long the server took and waited for the data-version sync (Server-Timing).
    for (const answer of [first, quiet]) expect(answer.timing).toMatch(/^data-version;dur=\d+\.\d\d, total;dur=\d+\.\d\d$/);
    const top = first.body.data!.scorecard[0]!;

    // A write on another connection (as another process or replica would write), read on the very next request.
    await connectedAs(api.database.appUrl, (other) => other.query(`update strategy set name = 'Renamed on another connection' where code = $1`, [top.strategy.code]));
    const renamed = await post<Scorecard>(scorecardQuery);
    expect(renamed.cache).toBe('miss');
    expect(renamed.body.data!.scorecard[0]!.strategy).toEqual({ code: top.strategy.code, name: 'Renamed on another connection' });
    expect((await post<Scorecard>(scorecardQuery)).cache).toBe('hit');
    expect((await post<Scorecard>(scorecardQuery)).check).toBe('data-version');

    // A write the response does not depend on moves the count too: the rows are compared again (same rows: a hit).
    await connectedAs(api.database.appUrl, (other) => other.query(`update app_user set email = email where email = 'nobody@test.crucible.local'`));
    const unrelated = await post<Scorecard>(scorecardQuery);
    expect(unrelated).toMatchObject({ cache: 'hit', check: 'replay' });
    expect(unrelated.body).toEqual(renamed.body);

    // Concurrent requests after a write share the check, and all see the write.
    await connectedAs(api.database.appUrl, (other) => other.query(`update app_user set email = email where email = 'nobody@test.crucible.local'`));
    const together = await Promise.all(Array.from({ length: 8 }, () => post<Scorecard>(scorecardQuery)));
    for (const answer of together) expect(answer.body).toEqual(renamed.body);
    await connectedAs(api.database.appUrl, (other) => other.query(`update strategy set name = 'Renamed again' where code = $1`, [top.strategy.code]));
    const againTogether = await Promise.all(Array.from({ length: 8 }, () => post<Scorecard>(scorecardQuery)));
    for (const answer of againTogether) expect(answer.body.data!.scorecard[0]!.strategy.name).toBe('Renamed again');

    // A rolled-back write notifies nothing.
    await post<Scorecard>(scorecardQuery);
    const beforeRollback = await post<Scorecard>(scorecardQuery);
    expect(beforeRollback).toMatchObject({ cache: 'hit', check: 'data-version' });
    await connectedAs(api.database.appUrl, async (other) => {
      await other.query('begin');
      await other.query(`update strategy set name = 'Never committed' where code = $1`, [top.strategy.code]);
      await other.query('rollback');
    });
    expect(await post<Scorecard>(scorecardQuery)).toMatchObject({ cache: 'hit', check: 'data-version' });
  });

  it('every table notifies its writes (the data version relies on it)', async () => {
    const uncovered = await api.orm.em.fork().execute<{ relname: string }[]>(`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
         and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'crucible_data_changed' and t.tgenabled in ('O', 'A'))`);
    expect(uncovered).toEqual([]);
  });
});
