import type { EntityManager } from '@mikro-orm/postgresql';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';

export { gatesOpenTestPolicy, permissiveWindowsTestPolicy } from './promotion-test-policies.ts';

/** Adds `policy` as the newest active version (created a second ahead, so it is the newest). */
export async function activatePolicy(em: EntityManager, policy: PromotionPolicy): Promise<PromotionPolicy> {
  em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: true, createdAt: new Date(Date.now() + 1000) });
  await em.flush();
  return policy;
}

/** A scorecard entry of today (UTC) for the strategy version — complete, production standard — so the scorecard gate has evidence (none added when the strategy has one today). */
export async function scoreToday(em: EntityManager, strategy: { id: string }, strategyVersion: { id: string }, rank: number | null = null): Promise<void> {
  if ((await em.count(ScorecardEntry, { strategy: strategy.id, evaluationDate: new Date().toISOString().slice(0, 10) })) > 0) return;
  const generatedBy = (await em.findOne(User, { email: 'pat@production.test' })) ?? em.create(User, { email: 'pat@production.test', displayName: 'Pat', roles: ['production'], kind: 'human' });
  em.create(ScorecardEntry, {
    strategy: strategy.id,
    strategyVersion: strategyVersion.id,
    evaluationDate: new Date().toISOString().slice(0, 10),
    normalizedScore: 90,
    recommendation: 'promote',
    generatedBy,
    rank,
    complete: true,
    researchOnly: false,
  });
  await em.flush();
}
