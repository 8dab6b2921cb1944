import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../service-context.ts';
import { readActivePromotionPolicy, type ActivePromotionPolicy } from './active-promotion-policy.ts';

export type { ActivePromotionPolicy } from './active-promotion-policy.ts';

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
    return readActivePromotionPolicy(em);
  }
}
