import 'reflect-metadata';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from './context.ts';
import { fromGlobalId, NodeInterface } from './relay.ts';

/** Relay `node(id)`: refetches any object by its global id. */
@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, { nullable: true, description: 'Any object by global id; null when it does not exist.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const { typeName, uuid } = fromGlobalId(id);
    const services = ctx.services;
    const loaders: Record<string, () => Promise<object>> = {
      MarketDataSet: () => services.marketData.get(uuid),
      BacktestRun: () => services.backtests.get(uuid),
      Strategy: () => services.strategies.get(uuid),
      StrategyVersion: () => services.strategies.getVersion(uuid),
      ParameterConfig: () => services.backtests.parameterConfig(uuid),
      Optimization: () => services.optimizations.get(uuid),
      WalkForwardSegment: () => services.optimizations.getSegment(uuid),
      HyperparameterTrial: () => services.optimizations.getTrial(uuid),
      TriggerEvent: () => services.triggers.get(uuid),
      EvaluationCycle: () => services.cycles.get(uuid),
      ScorecardEntry: () => services.scorecards.get(uuid),
      MonitoringIncident: () => services.incidents.get(uuid),
      Notification: () => services.notifications.get(uuid),
      Deployment: () => services.deployments.get(uuid),
    };
    const load = loaders[typeName];
    if (!load) return null;
    try {
      return await load();
    } catch {
      return null;
    }
  }
}
