import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import { strategyTemplates } from '../../engine/index.ts';
import type { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { toParameterSettings, type ParameterSetting } from '../../domain/strategy/parameter-setting.ts';
import { ParameterSettingType } from './parameter-space.type.ts';
import { ApprovalDecisionType, ParameterConfigType, StrategyConnection, StrategyTemplateType, StrategyType, StrategyVersionType } from './strategy.type.ts';

@ArgsType()
class StrategiesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => StrategyType)
export class StrategyResolver {
  @Subscription(() => StrategyType, {
    topics: 'STRATEGY_UPDATED',
    description: 'A strategy (or the strategy `id`) as registered or moved in its lifecycle, from any process.',
    filter: ({ payload, args }: { payload: EventDelivery<'STRATEGY_UPDATED'>; args: { id?: string | null } }) => !args.id || payload.payload.id === parseId(args.id, 'Strategy'),
  })
  async strategyUpdated(@Root() delivery: EventDelivery<'STRATEGY_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { nullable: true }) _id?: string | null) {
    return ctx.services.events.asOfEvent<Strategy>('Strategy', delivery);
  }

  @Subscription(() => StrategyVersionType, {
    topics: 'STRATEGY_VERSION_UPDATED',
    description: 'A version (of any strategy, or of the strategy `strategyId`) as submitted, approved or rejected, from any process.',
    filter: ({ payload, args }: { payload: EventDelivery<'STRATEGY_VERSION_UPDATED'>; args: { strategyId?: string | null } }) =>
      !args.strategyId || payload.payload.strategyId === parseId(args.strategyId, 'Strategy', 'strategyId'),
  })
  async strategyVersionUpdated(
    @Root() delivery: EventDelivery<'STRATEGY_VERSION_UPDATED'>,
    @Ctx() ctx: GraphQLContext,
    @Arg('strategyId', () => ID, { nullable: true }) _strategyId?: string | null,
  ) {
    return ctx.services.events.asOfEvent<StrategyVersion>('StrategyVersion', delivery);
  }

  @Query(() => StrategyConnection, { description: 'Registered strategies, newest first.' })
  async strategies(@Args(() => StrategiesArgs) args: StrategiesArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.strategies.list(args));
  }

  @Query(() => StrategyType)
  async strategy(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.strategies.get(parseId(id, 'Strategy'));
  }

  @Query(() => [StrategyTemplateType], { description: 'The engine’s built-in strategy templates and their parameter spaces.' })
  strategyTemplates() {
    return strategyTemplates.map((template) => ({ ...template }));
  }

  @FieldResolver(() => ID)
  id(@Root() root: Strategy) {
    return toGlobalId('Strategy', root.id);
  }

  @FieldResolver(() => [StrategyVersionType], { description: 'Versions, newest first.' })
  async versions(@Root() root: Strategy, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.versionsOfStrategy.load(root.id);
  }
}

@Resolver(() => StrategyVersionType)
export class StrategyVersionResolver {
  @FieldResolver(() => ID)
  id(@Root() root: StrategyVersion) {
    return toGlobalId('StrategyVersion', root.id);
  }

  @FieldResolver(() => ApprovalDecisionType, { nullable: true })
  approvalMetadata(@Root() root: StrategyVersion): ApprovalDecisionType | null {
    const decision = root.approvalMetadata;
    return decision ? { reviewerId: decision.reviewerId, decidedAt: new Date(decision.decidedAt), ...(decision.notes ? { notes: decision.notes } : {}) } : null;
  }

  @FieldResolver(() => String)
  deterministicSeed(@Root() root: StrategyVersion) {
    return String(root.deterministicSeed);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() root: StrategyVersion, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.strategy.load(root.strategy.id);
  }
}

@Resolver(() => ParameterConfigType)
export class ParameterConfigResolver {
  @FieldResolver(() => ID)
  id(@Root() root: ParameterConfig) {
    return toGlobalId('ParameterConfig', root.id);
  }

  @FieldResolver(() => [ParameterSettingType])
  parameters(@Root() root: ParameterConfig): ParameterSetting[] {
    return toParameterSettings(root.parameters);
  }
}
