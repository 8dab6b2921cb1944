import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { DailyReport } from '../../domain/reporting/daily-report.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { StrategyType } from '../strategy/strategy.type.ts';
import { DailyReportConnection, DailyReportType } from './daily-report.type.ts';

@ArgsType()
class DailyReportsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this strategy’s reports.' })
  strategyId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD (inclusive).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (inclusive).' })
  to?: string | null;
}

/** Daily reports (production, risk, compliance, admin). */
@Resolver(() => DailyReportType)
export class DailyReportResolver {
  @Query(() => DailyReportConnection, { description: 'Daily reports, newest first (production, risk, compliance, admin).' })
  async dailyReports(@Args(() => DailyReportsArgs) args: DailyReportsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.dailyReports.list(args, { strategyId: args.strategyId ? parseId(args.strategyId, 'Strategy', 'strategyId') : null, from: args.from, to: args.to }));
  }

  @Query(() => DailyReportType, { description: 'The report of one strategy and UTC day.' })
  async dailyReport(@Arg('strategyId', () => ID) strategyId: string, @Arg('reportDate', () => String, { description: 'YYYY-MM-DD' }) reportDate: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.dailyReports.getFor(parseId(strategyId, 'Strategy', 'strategyId'), reportDate);
  }

  @FieldResolver(() => ID)
  id(@Root() root: DailyReport) {
    return toGlobalId('DailyReport', root.id);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() root: DailyReport, @Ctx() ctx: GraphQLContext) {
    return ctx.services.strategies.get(root.strategy.id);
  }
}
