import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../domain/errors.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy, type PromotionPolicyResolution } from '../../domain/promotion/promotion-policy.schema.ts';

/** The promotion policy in force: its row (null when none exists) and its fail-closed resolution. */
export interface ActivePromotionPolicy {
  row: PromotionPolicyVersion | null;
  resolution: PromotionPolicyResolution;
}

/**
 * The newest active promotion policy row, validated at the edge (promotion-framework §3.A; DESIGN.md §2): a missing row
 * or an invalid definition resolves to "everything stays OBSERVE" (never throws). The one read of the policy in force.
 */
export async function readActivePromotionPolicy(em: EntityManager): Promise<ActivePromotionPolicy> {
  const row = await em.findOne(PromotionPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  return { row, resolution: resolvePromotionPolicy(row?.definition ?? null) };
}

/**
 * The active promotion policy (the newest active version) and its row.
 * @throws ConflictError `promotion.policyUnavailable` when there is none or it does not validate: everything stays
 *   OBSERVE (promotion-framework §5, fail closed).
 */
export async function activePromotionPolicy(em: EntityManager): Promise<{ row: PromotionPolicyVersion; policy: PromotionPolicy }> {
  const { row, resolution } = await readActivePromotionPolicy(em);
  if (!row || !resolution.valid) throw new ConflictError(`promotion.policyUnavailable: ${row ? `policy ${row.version} is invalid (${resolution.valid ? '' : resolution.reason})` : 'no active promotion policy'}; everything stays OBSERVE`);
  return { row, policy: resolution.policy };
}
