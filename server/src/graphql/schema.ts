import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { BacktestRunResolver } from './backtest/backtest-run.resolver.ts';
import { MarketDataSetResolver } from './market-data/market-data.resolver.ts';
import { NodeResolver } from './node.resolver.ts';
import { ParameterConfigResolver, StrategyResolver, StrategyVersionResolver } from './strategy/strategy.resolver.ts';

export const resolvers = [
  NodeResolver,
  MarketDataSetResolver,
  BacktestRunResolver,
  StrategyResolver,
  StrategyVersionResolver,
  ParameterConfigResolver,
] as const;

/** Builds the executable schema; `pubSub` carries subscription events (Postgres LISTEN/NOTIFY in the server). */
export async function makeSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, pubSub, validate: false });
}

/** The schema in SDL, sorted, as committed in `schema.graphql`. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
