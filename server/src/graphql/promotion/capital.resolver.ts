import 'reflect-metadata';
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { CapitalPolicy } from '../../domain/promotion/capital-policy.ts';
import type { GraphQLContext } from '../context.ts';
import { DeploymentStageEnum } from '../deployment/deployment-enums.ts';
import { DeploymentType } from '../deployment/deployment.type.ts';
import { parseId } from '../relay.ts';

@ObjectType('CapitalRankTier', { description: 'A rank tier: deployments whose rank ÷ ranked count is at most maxRankPercentile get allocation.' })
class CapitalRankTierType {
  @Field(() => Float, { description: 'Upper bound of the tier, fraction of the scorecard (0.02 = the top 2 %).' })
  maxRankPercentile!: number;
  @Field(() => Float, { description: 'Recommended allocation, fraction of portfolio.' })
  allocation!: number;
}

@ObjectType('RiskCategoryGuardrails', { description: 'Largest allocation of one deployment per strategy risk category, fractions of portfolio.' })
class CapitalGuardrailsType {
  @Field(() => Float)
  low!: number;
  @Field(() => Float)
  moderate!: number;
  @Field(() => Float)
  high!: number;
}

@ObjectType('CapitalPolicyVersion', { description: 'The capital policy in force: which stages hold capital, the total cap per stage, rank-driven tiers, guardrails per risk category, the pilot share. Fractions of portfolio (0.05 = 5 %).' })
class CapitalPolicyVersionType {
  @Field(() => String)
  version!: string;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => [DeploymentStageEnum], { description: 'Stages whose deployments hold capital; each is its own book.' })
  allocatedStages!: DeploymentStage[];
  @Field(() => Float, { description: 'Largest sum of allocations within a stage, fraction (1 = 100 %).' })
  maxTotalAllocation!: number;
  @Field(() => Float, { description: 'Smallest allocation worth deploying, fraction.' })
  minAllocation!: number;
  @Field(() => [CapitalRankTierType], { description: 'Best tier first.' })
  rankTiers!: CapitalPolicy['rankTiers'];
  @Field(() => Float, { description: 'Allocation beyond the last tier or unranked, fraction.' })
  baseAllocation!: number;
  @Field(() => CapitalGuardrailsType)
  guardrails!: CapitalPolicy['guardrails'];
  @Field(() => Float, { description: 'Share of its allocation a pilot rollout wave gets, fraction.' })
  pilotFraction!: number;
}

@ObjectType('DeploymentAllocation', { description: 'One deployment’s capital: what it holds, its guardrail and its rank-driven recommendation (fractions of portfolio).' })
class DeploymentAllocationType {
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => ID)
  strategyId!: string;
  @Field(() => String)
  strategyCode!: string;
  @Field(() => DeploymentStageEnum)
  stage!: DeploymentStage;
  @Field(() => Float, { description: 'Held now, fraction of portfolio (4 decimals).' })
  allocation!: number;
  @Field(() => String, { nullable: true, description: '`pilot` (reduced allocation) or `full`; null without a rollout.' })
  rolloutWave!: string | null;
  @Field(() => Int, { nullable: true, description: 'Latest scorecard rank (1 = best); null = unranked.' })
  rank!: number | null;
  @Field(() => String, { description: 'Strategy risk category (low, moderate, high).' })
  riskCategory!: string;
  @Field(() => Float, { description: 'The guardrail: the smaller of the risk category’s and the strategy’s own cap, fraction.' })
  guardrail!: number;
  @Field(() => String, { description: 'The policy field of the binding guardrail, e.g. `guardrails.moderate`.' })
  guardrailRule!: string;
  @Field(() => Float, { description: 'Its rank-driven allocation in the full wave, fraction.' })
  recommendedAllocation!: number;
}

@ObjectType('StageAllocationTotal', { description: 'One allocated stage’s book: the sum of its allocations against the cap.' })
class StageAllocationTotalType {
  @Field(() => DeploymentStageEnum)
  stage!: DeploymentStage;
  @Field(() => Float, { description: 'Sum of allocations, fraction.' })
  total!: number;
  @Field(() => Float, { description: 'maxTotalAllocation of the policy, fraction.' })
  maxTotal!: number;
  @Field(() => Int)
  deployments!: number;
}

@ObjectType('CapitalAllocations', { description: 'The capital view: allocation per deployment holding capital (with its guardrail) and totals per stage, under the capital policy version shown.' })
class CapitalAllocationsType {
  @Field(() => String)
  policyVersion!: string;
  @Field(() => [DeploymentAllocationType], { description: 'By stage, largest allocation first.' })
  allocations!: DeploymentAllocationType[];
  @Field(() => [StageAllocationTotalType])
  totals!: StageAllocationTotalType[];
}

@InputType('CompleteRolloutInput', { description: 'Move a deployment’s pilot wave to the full wave (its full rank-driven allocation). Production action (TOTP).' })
class CompleteRolloutInput {
  @Field(() => ID)
  deploymentId!: string;
}

@ObjectType('CompleteRolloutPayload')
class CompleteRolloutPayload {
  @Field(() => DeploymentType, { description: 'The deployment after the change.' })
  deployment!: Deployment;
}

/** Capital policy, allocations and rollout completion (issue 12); thin over `CapitalService`. */
@Resolver()
export class CapitalResolver {
  @Query(() => CapitalPolicyVersionType, { description: 'The capital policy in force (newest active version).' })
  async capitalPolicy(@Ctx() ctx: GraphQLContext): Promise<CapitalPolicyVersionType> {
    const { row, policy } = await ctx.services.capital.capitalPolicy();
    return { ...policy, version: row.version, createdAt: row.createdAt };
  }

  @Query(() => CapitalAllocationsType, { description: 'Allocation per deployment holding capital, with its guardrail, and totals per stage (roles that may read capital figures).' })
  async allocations(@Ctx() ctx: GraphQLContext): Promise<CapitalAllocationsType> {
    return ctx.services.capital.allocations();
  }

  @Mutation(() => CompleteRolloutPayload, { description: 'Completes a deployment’s rollout: pilot wave → full wave with its full allocation (within its guardrail and the stage’s headroom), in one transaction. Production action (TOTP).' })
  async completeRollout(@Arg('input', () => CompleteRolloutInput) input: CompleteRolloutInput, @Ctx() ctx: GraphQLContext): Promise<CompleteRolloutPayload> {
    return { deployment: await ctx.services.capital.completeRollout({ deploymentId: parseId(input.deploymentId, 'Deployment', 'deploymentId') }) };
  }
}
