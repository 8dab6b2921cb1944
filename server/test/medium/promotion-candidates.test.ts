import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParameterSpace } from '../../src/engine/index.ts';
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
  });

  it('fails closed: no valid promotion policy → nothing assessed, the reason named', async () => {
    await arrangeThirtyDays();
    await query(`update promotion_policy set active = false`);
    expect(await harness.services().promotionCandidates.recordCandidates()).toMatchObject({ qualified: [], refused: [], unavailable: expect.stringContaining('no promotion policy') });
    expect(await query<{ count: number }>(`select count(*)::int as count from promotion_candidate`)).toEqual([{ count: 0 }]);
  });
});
