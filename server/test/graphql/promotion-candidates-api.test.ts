import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParameterSpace } from '../../src/engine/index.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();
const dayMs = 86_400_000;

interface Candidates {
  promotionCandidates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { strategy: { code: string }; status: string; rank: number; rankCount: number; normalizedScore: number | null; consecutiveEvaluationDays: number; recommendedAllocation: number | null; refusals: { rule: string; threshold: number; measured: number | null }[] } }[];
  };
}
const candidatesQuery = `query ($first: Int, $after: String, $status: PromotionCandidateStatus, $evaluationDate: String) {
  promotionCandidates(first: $first, after: $after, status: $status, evaluationDate: $evaluationDate) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { strategy { code } status rank rankCount normalizedScore consecutiveEvaluationDays recommendedAllocation refusals { rule threshold measured } } } } }`;

/** Three strategies scored on the 30 dates ending yesterday: a leader 1st every day, a riser 2nd only on the last 12, one 3rd. */
async function arrange() {
  const em = api.orm.em.fork();
  const tag = randomBytes(3).toString('hex');
  const owner = em.create(User, { email: `pat-${tag}@production.test`, displayName: 'Pat', roles: ['production'], kind: 'human' });
  const strategies = ['leader', 'riser', 'third'].map((name) => {
    const strategy = em.create(Strategy, { code: `cand_${name}_${tag}`, name, objective: 'candidates api test', owner, eligibleMarkets: ['BTC/USDT'], riskCategory: 'moderate', capitalGuardrails: {}, lifecycleState: 'validation' });
    const version = em.create(StrategyVersion, { strategy, versionTag: 'v1', submittedBy: owner, approvalStatus: 'approved', changelog: 'test', deterministicSeed: 1, template: 'sma_crossover', parameterSpace: {} as ParameterSpace });
    return { strategy, version };
  });
  const today = Math.floor(Date.now() / dayMs);
  for (let day = 0; day < 30; day++) {
    const evaluationDate = new Date((today - 30 + day) * dayMs).toISOString().slice(0, 10);
    strategies.forEach(({ strategy, version }, index) => {
      const rank = index === 0 ? 1 : index === 1 ? (day >= 18 ? 2 : 3) : day >= 18 ? 3 : 2;
      em.create(ScorecardEntry, { strategy, strategyVersion: version, evaluationDate, normalizedScore: 90 - rank, recommendation: 'monitor', generatedBy: owner, rank, complete: true, researchOnly: false });
    });
  }
  await em.flush();
  return tag;
}

describe('promotionCandidates (GraphQL)', () => {
  it('pages the recorded verdicts with rank, score, status and each refusal’s threshold and measured value; filters by status; bad input names the field; anonymous callers are refused', async () => {
    // A permissive top share so two strategies are assessed (version says so); the default rule is left alone.
    const em = api.orm.em.fork();
    const [row] = await em.execute<{ definition: Record<string, unknown> }[]>(`select definition from promotion_policy where version = '2026.12.1'`);
    const definition = { ...row!.definition, version: '2026.12.1-top-half-candidates-test', candidate: { topFraction: 0.67, consecutiveEvaluationDays: 30, requireProductionStandard: true } };
    await em.execute(`insert into promotion_policy (id, version, definition, active, created_at) values (gen_random_uuid(), ?, ?::jsonb, true, now() + interval '1 second')`, [definition.version, JSON.stringify(definition)]);
    const tag = await arrange();
    const run = await api.services().promotionCandidates.recordCandidates();
    expect(run.unavailable).toBeNull();

    const first = await api.request<Candidates>(candidatesQuery, { first: 1 }, { role: 'production' });
    expect(first.errors).toBeUndefined();
    const page = first.data!.promotionCandidates;
    expect(page.totalCount).toBe(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await api.request<Candidates>(candidatesQuery, { first: 1, after: page.pageInfo.endCursor }, { role: 'production' });
    const nodes = [...page.edges, ...second.data!.promotionCandidates.edges].map((edge) => edge.node).sort((a, b) => a.rank - b.rank);
    expect(nodes).toEqual([
      { strategy: { code: `cand_leader_${tag}` }, status: 'QUALIFIED', rank: 1, rankCount: 3, normalizedScore: 89, consecutiveEvaluationDays: 30, recommendedAllocation: expect.any(Number), refusals: [] },
      { strategy: { code: `cand_riser_${tag}` }, status: 'REFUSED', rank: 2, rankCount: 3, normalizedScore: 88, consecutiveEvaluationDays: 12, recommendedAllocation: null, refusals: [{ rule: 'candidate.consecutiveEvaluationDays', threshold: 30, measured: 12 }] },
    ]);
    const refused = await api.request<Candidates>(candidatesQuery, { status: 'REFUSED' }, { role: 'production' });
    expect(refused.data!.promotionCandidates.edges.map((edge) => edge.node.strategy.code)).toEqual([`cand_riser_${tag}`]);
    const bad = await api.request<Candidates>(candidatesQuery, { evaluationDate: 'yesterday' }, { role: 'production' });
    expect(bad.errors?.[0]?.message).toMatch(/evaluationDate/);
    const tooMany = await api.request<Candidates>(candidatesQuery, { first: 500 }, { role: 'production' });
    expect(tooMany.errors?.[0]?.message).toMatch(/first/);
    const anonymous = await api.request<Candidates>(candidatesQuery, {}, 'anonymous');
    expect(anonymous.errors).toBeDefined();
  });
});
