import 'reflect-metadata';
import { Arg, Ctx, Field, InputType, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import type { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { dataIntegrityKinds, type PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
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

/** A stored version as served (null: no row). */
function toVersionView(row: PromotionPolicyVersion | null): PromotionPolicyVersionType {
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  return {
    version: row?.version ?? null,
    valid: resolution.valid,
    invalidReason: resolution.valid ? null : resolution.reason,
    createdAt: row?.createdAt ?? null,
    active: row?.active ?? null,
    proposedById: row?.createdBy?.id ?? null,
    definitionJson: row ? JSON.stringify(row.definition, null, 2) : null,
    definition: resolution.valid ? toDefinitionView(resolution.policy) : null,
  };
}

@InputType('ProposePromotionPolicyInput', { description: 'A new promotion policy version, stored inactive until another person activates it (risk; production action: fresh TOTP step-up).' })
class ProposePromotionPolicyInput {
  @Field(() => String, {
    description: 'The whole policy as JSON text (the shape of `PromotionPolicyDefinition`, with `demotion.maxDataIntegrityEvents` as an object keyed by kind); its `version` names the new version. Validated as the policy in force is read: an error names the field (`definition.<path>`).',
  })
  definitionJson!: string;
  @Field(() => String, { description: 'Why (3–2,000 characters; audited).' })
  reason!: string;
}

@InputType('ActivatePromotionPolicyInput', { description: 'Put a proposed version in force (risk or compliance, never its proposer; production action: fresh TOTP step-up).' })
class ActivatePromotionPolicyInput {
  @Field(() => String, { description: 'The version to activate.' })
  version!: string;
  @Field(() => String, { description: 'Why (3–2,000 characters; audited).' })
  reason!: string;
}

@Resolver()
export class PromotionPolicyResolver {
  @Query(() => PromotionPolicyVersionType, { description: 'The promotion policy in force (newest active version). When it is missing or invalid, `valid` is false and every deployment stays OBSERVE.' })
  async promotionPolicy(@Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType> {
    return toVersionView((await ctx.services.promotionPolicies.active()).row);
  }

  @Query(() => [PromotionPolicyVersionType], { description: 'Every stored promotion policy version, newest first (at most 200): the one in force (`active`) and proposals waiting for a second person.' })
  async promotionPolicyVersions(@Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType[]> {
    return (await ctx.services.promotionPolicies.versions()).map(toVersionView);
  }

  @Subscription(() => PromotionPolicyVersionType, { topics: 'PROMOTION_POLICY_UPDATED', description: 'Each promotion policy version as proposed or activated (activating one deactivates the others: refetch the list), from any process.' })
  async promotionPolicyUpdated(@Root() delivery: EventDelivery<'PROMOTION_POLICY_UPDATED'>, @Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType> {
    return toVersionView(await ctx.services.events.asOfEvent<PromotionPolicyVersion>('PromotionPolicyVersion', delivery));
  }

  @Mutation(() => PromotionPolicyVersionType, { description: 'Propose a new promotion policy version (stored inactive; audited). Errors: BAD_USER_INPUT naming the field, CONFLICT `policy.versionExists`.' })
  async proposePromotionPolicy(@Arg('input', () => ProposePromotionPolicyInput) input: ProposePromotionPolicyInput, @Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType> {
    return toVersionView(await ctx.services.promotionPolicies.propose(input));
  }

  @Mutation(() => PromotionPolicyVersionType, { description: 'Activate a proposed promotion policy version: it decides from now on, every other version deactivated (audited). Errors: NOT_FOUND, CONFLICT `policy.fourEyes` (its proposer), `policy.alreadyActive`, `policy.invalid`.' })
  async activatePromotionPolicy(@Arg('input', () => ActivatePromotionPolicyInput) input: ActivatePromotionPolicyInput, @Ctx() ctx: GraphQLContext): Promise<PromotionPolicyVersionType> {
    return toVersionView(await ctx.services.promotionPolicies.activate(input));
  }
}
