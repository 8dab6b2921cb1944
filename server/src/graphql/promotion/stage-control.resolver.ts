import 'reflect-metadata';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { DeploymentStageEnum } from '../deployment/deployment-enums.ts';
import { DeploymentType } from '../deployment/deployment.type.ts';
import { parseId } from '../relay.ts';
import { StrategyType } from '../strategy/strategy.type.ts';
import { toRecordType } from './promotion-request.resolver.ts';
import { PromotionRecordType } from './promotion-request.type.ts';

@InputType('DemoteDeploymentInput', { description: 'Demote a deployment to a lower stage (SHADOW on a risk breach). Production or risk, fresh TOTP step-up.' })
class DemoteDeploymentInput {
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => DeploymentStageEnum, { description: 'The lower stage to move to.' })
  toStage!: DeploymentStage;
  @Field(() => String, { description: 'Why (3–2,000 characters; audited and recorded on the promotion record).' })
  reason!: string;
}

@InputType('FreezeDeploymentInput', { description: 'Freeze a deployment (data integrity): to OBSERVE, its strategy’s promotions frozen until a person unfreezes. Production or risk, fresh TOTP step-up.' })
class FreezeDeploymentInput {
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => String, { description: 'Why (3–2,000 characters).' })
  reason!: string;
}

@InputType('StrategyHoldInput', { description: 'A strategy and the reason for unfreezing it, or for setting or clearing its regulatory hold.' })
class StrategyHoldInput {
  @Field(() => ID)
  strategyId!: string;
  @Field(() => String, { description: 'Why (3–2,000 characters).' })
  reason!: string;
}

@ObjectType('StageChangePayload', { description: 'A demotion or freeze: the deployment after it and the promotion record it chained.' })
class StageChangePayload {
  @Field(() => DeploymentType)
  deployment!: Deployment;
  @Field(() => PromotionRecordType)
  record!: PromotionRecordType;
}

@ObjectType('UnfreezePayload', { description: 'An unfreeze: the strategy after it and the promotion record (decision UNFREEZE, the approver recorded).' })
class UnfreezePayload {
  @Field(() => StrategyType)
  strategy!: Strategy;
  @Field(() => PromotionRecordType)
  record!: PromotionRecordType;
}

/** Demotion, freeze, unfreeze and regulatory hold by hand; thin over `StageControlService`. */
@Resolver()
export class StageControlResolver {
  @Mutation(() => StageChangePayload, {
    description:
      'Demotes a deployment to a lower stage in one transaction: stage moved, promotion record (DEMOTE) chained, audit promotion.demoted, deploymentStateChanged. Refused (demotion.notSafer) when toStage is not below its stage. Production or risk with a fresh TOTP step-up.',
  })
  async demoteDeployment(@Arg('input', () => DemoteDeploymentInput) input: DemoteDeploymentInput, @Ctx() ctx: GraphQLContext): Promise<StageChangePayload> {
    const result = await ctx.services.stageControl.demote({ deploymentId: parseId(input.deploymentId, 'Deployment', 'deploymentId'), toStage: input.toStage, reason: input.reason });
    return { deployment: result.deployment, record: toRecordType(result.record) };
  }

  @Mutation(() => StageChangePayload, {
    description:
      'Freezes a deployment in one transaction: to OBSERVE (when above it), its strategy’s promotions frozen (promotion.strategyHeld until unfrozen), promotion record (FREEZE), audit promotion.frozen. Production or risk with a fresh TOTP step-up.',
  })
  async freezeDeployment(@Arg('input', () => FreezeDeploymentInput) input: FreezeDeploymentInput, @Ctx() ctx: GraphQLContext): Promise<StageChangePayload> {
    const result = await ctx.services.stageControl.freeze({ deploymentId: parseId(input.deploymentId, 'Deployment', 'deploymentId'), reason: input.reason });
    return { deployment: result.deployment, record: toRecordType(result.record) };
  }

  @Mutation(() => UnfreezePayload, {
    description:
      'Unfreezes a strategy’s promotions: a new approval by a person (production, fresh TOTP step-up), recorded as an UNFREEZE promotion record. No stage moves: going back up needs new evidence through the promotion gates and approvals. Refused while on regulatory hold.',
  })
  async unfreezeStrategy(@Arg('input', () => StrategyHoldInput) input: StrategyHoldInput, @Ctx() ctx: GraphQLContext): Promise<UnfreezePayload> {
    const result = await ctx.services.stageControl.unfreeze({ strategyId: parseId(input.strategyId, 'Strategy', 'strategyId'), reason: input.reason });
    return { strategy: result.strategy, record: toRecordType(result.record) };
  }

  @Mutation(() => StrategyType, {
    description: 'Puts a strategy on regulatory hold: every automated action on it stops (no promotion, no monitoring action), all evidence is kept. Compliance, fresh TOTP step-up.',
  })
  async setRegulatoryHold(@Arg('input', () => StrategyHoldInput) input: StrategyHoldInput, @Ctx() ctx: GraphQLContext): Promise<Strategy> {
    return ctx.services.stageControl.setRegulatoryHold({ strategyId: parseId(input.strategyId, 'Strategy', 'strategyId'), reason: input.reason });
  }

  @Mutation(() => StrategyType, { description: 'Clears a strategy’s regulatory hold (a freeze stays until unfrozen). Compliance, fresh TOTP step-up.' })
  async clearRegulatoryHold(@Arg('input', () => StrategyHoldInput) input: StrategyHoldInput, @Ctx() ctx: GraphQLContext): Promise<Strategy> {
    return ctx.services.stageControl.clearRegulatoryHold({ strategyId: parseId(input.strategyId, 'Strategy', 'strategyId'), reason: input.reason });
  }
}
