import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParameterSpace } from '../../src/engine/index.ts';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the scorecard history and the candidates are shared state).
const harness = useServiceHarness({ database: 'test' });
const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const dayMs = 86_400_000;

/**
 * Twenty strategies scored on each of the 30 evaluation dates ending yesterday: `leader` ranked 1st every day (complete,
 * production standard), `riser` 2nd only on the last 12 dates (15th before), the others 3rd–20th.
 */
async function arrangeThirtyDays() {
  const em = harness.orm.em.fork();
  const owner = em.create(User, { email: 'pat@production.test', displayName: 'Pat', roles: ['production'], kind: 'human' });
  const strategies = Array.from({ length: 20 }, (_, index) => {
    const strategy = em.create(Strategy, { code: `candidate_${randomBytes(3).toString('hex')}_${index}`, name: `Candidate ${index}`, objective: 'candidate rule test', owner, eligibleMarkets: ['BTC/USDT'], riskCategory: 'moderate', capitalGuardrails: {}, lifecycleState: 'validation' });
    const version = em.create(StrategyVersion, { strategy, versionTag: 'v1', submittedBy: owner, approvalStatus: 'approved', changelog: 'test', deterministicSeed: 1, template: 'sma_crossover', parameterSpace: {} as ParameterSpace });
    return { strategy, version };
  });
  const today = Math.floor(Date.now() / dayMs);
  for (let day = 0; day < 30; day++) {
    const evaluationDate = new Date((today - 30 + day) * dayMs).toISOString().slice(0, 10);
    strategies.forEach(({ strategy, version }, index) => {
      const rank = index === 0 ? 1 : index === 1 ? (day >= 18 ? 2 : 15) : index === 14 ? (day >= 18 ? 15 : 2) : index + 1;
      em.create(ScorecardEntry, { strategy, strategyVersion: version, evaluationDate, normalizedScore: 100 - rank, recommendation: rank <= 2 ? 'promote' : 'monitor', generatedBy: owner, rank, complete: true, researchOnly: false });
    });
  }
  await em.flush();
  return { leader: strategies[0]!.strategy, riser: strategies[1]!.strategy };
}

describe('promotion candidates (FR-005 job)', () => {
  it('after 30 evaluation dates the top strategy becomes a candidate with its recommended allocation; one in the top share for 12 dates is refused with the measured run; a second run writes nothing', async () => {
    const { leader, riser } = await arrangeThirtyDays();
    const first = await harness.services().promotionCandidates.recordCandidates();
    expect(first).toMatchObject({ policyVersion: '2026.12.1', qualified: [leader.id], refused: [riser.id], unavailable: null });
    const rows = await query<{ strategy_id: string; status: string; rank: number; rank_count: number; consecutive_evaluation_days: number; recommended_allocation: number | null; refusals: { rule: string; threshold: number; measured: number }[] }>(
      `select strategy_id, status, rank, rank_count, consecutive_evaluation_days, recommended_allocation, refusals from promotion_candidate order by rank`,
    );
    expect(rows).toEqual([
      // Rank 1 of 20 (top 5 %): the capital policy's tier for it.
      { strategy_id: leader.id, status: 'qualified', rank: 1, rank_count: 20, consecutive_evaluation_days: 30, recommended_allocation: expect.any(Number), refusals: [] },
      { strategy_id: riser.id, status: 'refused', rank: 2, rank_count: 20, consecutive_evaluation_days: 12, recommended_allocation: null, refusals: [expect.objectContaining({ rule: 'candidate.consecutiveEvaluationDays', threshold: 30, measured: 12 })] },
    ]);
    expect(rows[0]!.recommended_allocation).toBeGreaterThan(0);
    // Idempotent: the same date and policy again → nothing new, no second audit or notification.
    expect(await harness.services().promotionCandidates.recordCandidates()).toMatchObject({ qualified: [], refused: [] });
    expect(await query<{ count: number }>(`select count(*)::int as count from promotion_candidate`)).toEqual([{ count: 2 }]);
    expect(await query<{ action: string }>(`select action from audit_event where action = 'promotion.candidate_opened'`)).toHaveLength(1);
    expect(await query<{ audience: string; kind: string }>(`select audience, kind from notification where kind = 'promotion.candidate_opened'`)).toEqual([{ audience: 'production', kind: 'promotion.candidate_opened' }]);
    // The default policy leaves the OBSERVE start to production (candidate.observeStart null): nothing was started.
    expect(await query(`select observe_deployment_id, observe_start_refusal from promotion_candidate where status = 'qualified'`)).toEqual([{ observe_deployment_id: null, observe_start_refusal: null }]);
    expect(await query(`select id from deployment`)).toEqual([]);
  });

  it('a policy that starts OBSERVE by itself, when the start cannot be made (the scorecard names no evaluation cycle): the candidate is recorded, the refusal kept with its rule, production told; nothing started', async () => {
    const { leader } = await arrangeThirtyDays();
    const policy = structuredClone(defaultPromotionPolicy);
    policy.version = `${defaultPromotionPolicy.version}-observe-start-test`;
    policy.candidate.observeStart = { feed: 'replay', asFastAsPossible: true };
    const em = harness.orm.em.fork();
    em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: true, createdAt: new Date(Date.now() + 1000) });
    await em.flush();
    const run = await harness.services().promotionCandidates.recordCandidates();
    expect(run).toMatchObject({ policyVersion: policy.version, qualified: [leader.id], observeStarted: [] });
    expect(await query(`select observe_deployment_id, observe_start_refusal from promotion_candidate where status = 'qualified'`)).toEqual([
      { observe_deployment_id: null, observe_start_refusal: expect.stringMatching(/^candidate\.observeStartUnavailable: the scorecard entry of \d{4}-\d{2}-\d{2} names no evaluation cycle/) },
    ]);
    expect(await query(`select id from deployment`)).toEqual([]);
    const [notice] = await query<{ message: string }>(`select message from notification where kind = 'promotion.candidate_opened'`);
    expect(notice!.message).toMatch(/The platform could not start its OBSERVE deployment \(candidate\.observeStartUnavailable: .*\); start it by hand/);
  });

  it('fails closed: no valid promotion policy → nothing assessed, the reason named', async () => {
    await arrangeThirtyDays();
    await query(`update promotion_policy set active = false`);
    expect(await harness.services().promotionCandidates.recordCandidates()).toMatchObject({ qualified: [], refused: [], unavailable: expect.stringContaining('no promotion policy') });
    expect(await query<{ count: number }>(`select count(*)::int as count from promotion_candidate`)).toEqual([{ count: 0 }]);
  });
});
