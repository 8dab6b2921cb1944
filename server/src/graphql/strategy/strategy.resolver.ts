import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { strategyTemplates } from '../../engine/index.ts';
import type { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { ParameterConfigType, StrategyConnection, StrategyTemplateType, StrategyType, StrategyVersionType } from './strategy.type.ts';

@ArgsType()
class StrategiesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => StrategyType)
export class StrategyResolver {
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
    return strategyTemplates.map((template) => ({ ...template, parameterSpace: template.parameterSpace as unknown as Record<string, unknown> }));
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
}
