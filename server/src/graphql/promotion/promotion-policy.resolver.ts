import 'reflect-metadata';
import { Ctx, Query, Resolver } from 'type-graphql';
import { dataIntegrityKinds, type PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import type { GraphQLContext } from '../context.ts';
import { PromotionPolicyVersionType, type PromotionPolicyDefinitionType } from './promotion-policy.type.ts';

/** The definition as served: data-integrity allowances as a list of (kind, maxEvents). */
function toDefinitionView(policy: PromotionPolicy): PromotionPolicyDefinitionType {
  return {
    ...policy,
    reentryCooldown: policy.reentryCooldown ?? null,
    demotion: { ...policy.demotion, maxDataIntegrityEvents: dataIntegrityKinds.map((kind) => ({ kind, maxEvents: policy.demotion.maxDataIntegrityEvents[kind] })) },
  };
}

@Resolver()
export class PromotionPolicyResolver {
  @Query(() => PromotionPolicyVersionType, { description: 'The promotion policy in force (newest active version). When it is missing or invalid, `valid` is false and every deployment stays OBSERVE.' })
  async promotionPolicy(@Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType> {
    const { row, resolution } = await ctx.services.promotionPolicies.active();
    return {
      version: row?.version ?? null,
      valid: resolution.valid,
      invalidReason: resolution.valid ? null : resolution.reason,
      createdAt: row?.createdAt ?? null,
      definition: resolution.valid ? toDefinitionView(resolution.policy) : null,
    };
  }
}
