import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../domain/errors.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';

/**
 * The active promotion policy (the newest active version) and its row.
 * @throws ConflictError `promotion.policyUnavailable` when there is none or it does not validate: everything stays
 *   OBSERVE (promotion-framework §5, fail closed).
 */
export async function activePromotionPolicy(em: EntityManager): Promise<{ row: PromotionPolicyVersion; policy: PromotionPolicy }> {
  const row = await em.findOne(PromotionPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!row || !resolution.valid) throw new ConflictError(`promotion.policyUnavailable: ${row ? `policy ${row.version} is invalid (${resolution.valid ? '' : resolution.reason})` : 'no active promotion policy'}; everything stays OBSERVE`);
  return { row, policy: resolution.policy };
}
