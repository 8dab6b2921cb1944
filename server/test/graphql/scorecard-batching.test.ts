import { describe, expect, it } from 'vitest';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import type { ScoringSubject } from '../../src/services/scoring/scorecard.service.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

/** Scores every strategy on `evaluationDate`, the strategy at index i with a Sharpe of `sharpeOf(i)`. */
async function score(evaluationDate: string, sharpeOf: (index: number) => number) {
  const services = api.services();
  const strategies = await api.orm.em.fork().find(Strategy, {}, { orderBy: { code: 'asc' } });
  const subjects: ScoringSubject[] = [];
  for (const [index, strategy] of strategies.entries()) {
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const inputs: Record<string, number> = { sharpe: sharpeOf(index), sortino: 1, calmar: 1, maxDrawdown: -0.2, valueAtRisk: -0.03, conditionalValueAtRisk: -0.04, winRateDispersion: 0.05 };
    subjects.push({ strategyId: strategy.id, strategyVersionId: version.id, inputs: inputs as ScoringSubject['inputs'] });
  }
  const cycle = await services.cycles.run({ configurationCount: 60, seed: 1, reason: `test ${evaluationDate}` });
  const policy = await services.scorecards.activePolicy(api.orm.em.fork());
  const system = await services.strategies.systemUser();
  await api.orm.em.fork().transactional(async (tx) => services.scorecards.writeEntries(tx, await tx.findOneOrFail(EvaluationCycle, { id: cycle.id }), evaluationDate, policy, subjects, system));
  return strategies;
}

describe('scorecard and registry lists load their relations in batches', () => {
  it("gives each strategy its own newest entry and versions, and each ranked entry its own strategy and version", async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const strategies = await score('2030-01-01', (index) => 0.2 + index * 0.1);
    await score('2030-01-02', (index) => 1.2 - index * 0.1);

    const registry = await api.request<{ strategies: { edges: { node: { databaseId: string; code: string; latestScorecard: { evaluationDate: string; rank: number } | null; versions: { template: string; strategy: { code: string } }[] } }[] } }>(
      `{ strategies(first: 50) { edges { node { databaseId: id code latestScorecard { evaluationDate rank } versions { template strategy { code } } } } } }`,
    );
    expect(registry.errors).toBeUndefined();
    const nodes = registry.data!.strategies.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(strategies.length);
    const ranking = await api.services().scorecards.ranking('2030-01-02');
    for (const node of nodes) {
      expect(node.latestScorecard!.evaluationDate).toBe('2030-01-02');
      expect(node.latestScorecard!.rank).toBe(ranking.find((entry) => entry.strategy.code === node.code)!.rank);
      expect(node.versions.length).toBeGreaterThan(0);
      for (const version of node.versions) expect(version.strategy.code).toBe(node.code);
    }

    const scorecard = await api.request<{ scorecard: { rank: number; strategy: { code: string }; strategyVersion: { template: string } }[] }>(
      `{ scorecard(evaluationDate: "2030-01-01") { rank strategy { code } strategyVersion { template } } }`,
    );
    expect(scorecard.errors).toBeUndefined();
    const templates = new Map(nodes.map((node) => [node.code, node.versions[0]!.template]));
    expect(scorecard.data!.scorecard.map((entry) => entry.rank)).toEqual(strategies.map((_, index) => index + 1));
    // Sharpe rose with the code order on 2030-01-01: the last code ranks first.
    expect(scorecard.data!.scorecard[0]!.strategy.code).toBe(strategies.at(-1)!.code);
    for (const entry of scorecard.data!.scorecard) expect(entry.strategyVersion.template).toBe(templates.get(entry.strategy.code));

    // The scored inputs and factor breakdown are typed fields: the stored values, null where an input was missing.
    const typed = await api.request<{ scorecard: { inputs: Record<string, number | null>; factors: { factor: string; metrics: { metric: string; value: number | null }[] }[] }[] }>(
      `{ scorecard(evaluationDate: "2030-01-01") { inputs { sharpe maxDrawdown winRateDispersion liveDrift deflatedSharpeRatio } factors { factor metrics { metric value } } } }`,
    );
    expect(typed.errors).toBeUndefined();
    const top = typed.data!.scorecard[0]!;
    expect(top.inputs).toEqual({ sharpe: expect.closeTo(0.2 + (strategies.length - 1) * 0.1, 9), maxDrawdown: -0.2, winRateDispersion: 0.05, liveDrift: null, deflatedSharpeRatio: null });
    const returns = top.factors.find((factor) => factor.factor === 'riskAdjustedReturn')!;
    expect(returns.metrics.find((metric) => metric.metric === 'sharpe')!.value).toBe(top.inputs.sharpe);
  });

  it('serves a rewritten ranking at once (the cached ranking is keyed by the rows it was made from)', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const query = `{ scorecard(evaluationDate: "2029-06-01") { rank strategy { code } } }`;
    const strategies = await score('2029-06-01', (index) => 0.2 + index * 0.1);
    const first = await api.request<{ scorecard: { rank: number; strategy: { code: string } }[] }>(query);
    expect(first.data!.scorecard[0]!.strategy.code).toBe(strategies.at(-1)!.code);
    expect((await api.request<typeof first.data>(query)).data).toEqual(first.data);

    await score('2029-06-01', (index) => 1.2 - index * 0.1);
    const rewritten = await api.request<{ scorecard: { rank: number; strategy: { code: string } }[] }>(query);
    expect(rewritten.data!.scorecard[0]!.strategy.code).toBe(strategies[0]!.code);
  });

  it('serves a renamed strategy and a changed version at once (the cached ranking carries them under the same stamp)', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    const query = `{ scorecard(evaluationDate: "2029-07-01") { rank strategy { code name } strategyVersion { versionTag } } }`;
    const strategies = await score('2029-07-01', (index) => 0.2 + index * 0.1);
    type Ranked = { scorecard: { rank: number; strategy: { code: string; name: string }; strategyVersion: { versionTag: string } }[] };
    const before = await api.request<Ranked>(query);
    expect(before.errors).toBeUndefined();
    const top = before.data!.scorecard[0]!;
    expect(top.strategy.code).toBe(strategies.at(-1)!.code);
    expect((await api.request<Ranked>(query)).data).toEqual(before.data);

    const em = api.orm.em.fork();
    await em.execute(`update strategy set name = 'Renamed while cached' where code = ?`, [top.strategy.code]);
    await em.execute(`update strategy_version set version_tag = 'v-renamed' where version_tag = ? and strategy_id = (select id from strategy where code = ?)`, [top.strategyVersion.versionTag, top.strategy.code]);
    const after = await api.request<Ranked>(query);
    expect(after.data!.scorecard[0]!.strategy).toEqual({ code: top.strategy.code, name: 'Renamed while cached' });
    expect(after.data!.scorecard[0]!.strategyVersion.versionTag).toBe('v-renamed');
  });

  it('serves a rewritten latest entry and a changed version in the registry at once (list rows are cached by row version)', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await score('2029-01-15', (index) => 0.2 + index * 0.1);
    const query = `{ strategies(first: 50) { edges { node { code latestScorecard { evaluationDate rank } versions { versionTag } } } } }`;
    type Registry = { strategies: { edges: { node: { code: string; latestScorecard: { evaluationDate: string; rank: number } | null; versions: { versionTag: string }[] } }[] } };
    const before = await api.request<Registry>(query);
    expect(before.errors).toBeUndefined();
    expect((await api.request<Registry>(query)).data).toEqual(before.data);
    // Any scored strategy (other tests of this file may have scored later dates).
    const node = before.data!.strategies.edges.map((edge) => edge.node).find((candidate) => candidate.latestScorecard !== null)!;
    const evaluationDate = node.latestScorecard!.evaluationDate;

    const em = api.orm.em.fork();
    await em.execute(`update scorecard_entry set rank = 999 where evaluation_date = ? and strategy_id = (select id from strategy where code = ?)`, [evaluationDate, node.code]);
    await em.execute(`update strategy_version set version_tag = 'v-rewritten' where version_tag = ? and strategy_id = (select id from strategy where code = ?)`, [node.versions[0]!.versionTag, node.code]);
    const after = (await api.request<Registry>(query)).data!.strategies.edges.map((edge) => edge.node).find((candidate) => candidate.code === node.code)!;
    expect(after.latestScorecard).toEqual({ evaluationDate, rank: 999 });
    expect(after.versions[0]!.versionTag).toBe('v-rewritten');
  });
});
