import type { EntityManager } from '@mikro-orm/postgresql';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { resolvePromotionPolicy, type PromotionPolicyResolution } from '../../domain/promotion/promotion-policy.schema.ts';
import type { ServiceContext } from '../service-context.ts';

/** The promotion policy in force: its row (null when none exists) and its fail-closed resolution. */
export interface ActivePromotionPolicy {
  row: PromotionPolicyVersion | null;
  resolution: PromotionPolicyResolution;
}

/**
 * Reads the versioned promotion policy (promotion-framework §3.A; DESIGN.md §2): the newest active row, validated at
 * the edge — a missing row or an invalid definition resolves to "everything stays OBSERVE" (never throws).
 */
export class PromotionPolicyService {
  private readonly ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.ctx = ctx;
  }

  /** The newest active promotion policy and its resolution. */
  async active(em: EntityManager = this.ctx.em): Promise<ActivePromotionPolicy> {
    const row = await em.findOne(PromotionPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    return { row, resolution: resolvePromotionPolicy(row?.definition ?? null) };
  }
}
