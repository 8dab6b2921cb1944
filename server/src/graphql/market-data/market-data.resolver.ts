import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import type { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { TimeframeEnum } from '../enums.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { BarType, MarketDataSetConnection, MarketDataSetType } from './market-data-set.type.ts';

@ArgsType()
class MarketDataSetsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Only datasets covering this symbol, e.g. "BTC-USDT".' })
  symbol?: string | null;

  @Field(() => TimeframeEnum, { nullable: true })
  timeframe?: string | null;
}

@InputType('ImportMarketDataInput', { description: 'A file in the server import directory, or an upload of the CSV text.' })
class ImportMarketDataInput {
  @Field(() => String, { description: 'File name: read from the import directory unless `content` is given. Names like BTC-USDT_1h.csv carry symbol and timeframe.' })
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'The CSV text (an upload). Columns: timestamp,open,high,low,close,volume.' })
  content?: string | null;

  @Field(() => String, { nullable: true, description: 'Symbol, when the file name does not carry it.' })
  symbol?: string | null;

  @Field(() => TimeframeEnum, { nullable: true, description: 'Timeframe, when the file name does not carry it.' })
  timeframe?: string | null;
}

@ObjectType('ImportMarketDataPayload')
class ImportMarketDataPayload {
  @Field(() => MarketDataSetType)
  marketDataSet!: MarketDataSet;

  @Field(() => Boolean, { description: 'False when a dataset with the same checksum already existed (import is idempotent).' })
  created!: boolean;
}

@Resolver(() => MarketDataSetType)
export class MarketDataSetResolver {
  @Subscription(() => MarketDataSetType, { topics: 'MARKET_DATA_SET_CERTIFIED', description: 'Each dataset as certified (imported and checked), from any process.' })
  async marketDataSetCertified(@Root() delivery: EventDelivery<'MARKET_DATA_SET_CERTIFIED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<MarketDataSet>('MarketDataSet', delivery);
  }

  @Query(() => MarketDataSetConnection, { description: 'Certified datasets, newest first.' })
  async marketDataSets(@Args(() => MarketDataSetsArgs) args: MarketDataSetsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.marketData.list(args, { symbol: args.symbol, timeframe: args.timeframe }));
  }

  @Query(() => MarketDataSetType, { description: 'One dataset by global id or UUID. Errors with NOT_FOUND.' })
  async marketDataSet(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.marketData.get(parseId(id, 'MarketDataSet'));
  }

  @Mutation(() => ImportMarketDataPayload, {
    description:
      'Validates, checksums, stores and certifies an OHLCV CSV (parsed in the server’s parse thread, like the streaming `POST /import/market-data`). Refusals are BAD_USER_INPUT errors naming file, row and rule; a file over 32 MiB (after decompression) is PAYLOAD_TOO_LARGE with `maxBytes`; nothing is stored.',
  })
  async importMarketData(@Arg('input', () => ImportMarketDataInput) input: ImportMarketDataInput, @Ctx() ctx: GraphQLContext) {
    const labels = { symbol: input.symbol ?? undefined, timeframe: input.timeframe ?? undefined };
    return input.content != null
      ? ctx.services.marketData.importUpload(input.fileName, input.content, labels)
      : ctx.services.marketData.importFromImportDirectory(input.fileName, labels);
  }

  @FieldResolver(() => ID)
  id(@Root() root: MarketDataSet) {
    return toGlobalId('MarketDataSet', root.id);
  }

  @FieldResolver(() => String)
  databaseId(@Root() root: MarketDataSet) {
    return root.id;
  }

  @FieldResolver(() => [BarType], { description: 'Bars in [from, to), oldest first; at most `limit` (1–10000).' })
  async bars(
    @Root() root: MarketDataSet,
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 1000 }) limit?: number | null,
  ) {
    return ctx.services.marketData.bars(root.id, { from, to, limit });
  }
}
