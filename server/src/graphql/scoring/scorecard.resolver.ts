import 'reflect-metadata';
import { wrap } from '@mikro-orm/postgresql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { CycleConfiguration } from '../../domain/cycle/cycle-configuration.entity.ts';
import type { EvaluationCycle, EvaluationCycleStatus } from '../../domain/cycle/evaluation-cycle.entity.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import type { ScorecardSort } from '../../domain/scoring/scorecard-order.ts';
import { explainScorecardEntry, scorecardRankChange } from '../../domain/scoring/scorecard-explanation.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { StrategyType, StrategyVersionType } from '../strategy/strategy.type.ts';
import { TriggerEventType } from '../trigger/trigger.type.ts';
import { ParameterSettingType } from '../strategy/parameter-space.type.ts';
import { toParameterSettings, type ParameterSetting } from '../../domain/strategy/parameter-setting.ts';
import { CycleConfigurationType, CycleDatasetMetricsType, CycleStrategyFailureType, EvaluationCycleConnection, EvaluationCycleType, ScorecardEntryType, ScoreFactorType } from './scorecard.type.ts';
import { EvaluationCycleStatusEnum, ExportFormatEnum, ScorecardSortEnum } from './scoring-enums.ts';

@ArgsType()
class EvaluationCyclesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => EvaluationCycleStatusEnum, { nullable: true })
  status?: EvaluationCycleStatus | null;
}

@InputType('RunEvaluationCycleInput')
class RunEvaluationCycleInput {
  @Field(() => Int, { nullable: true, description: 'Unique configurations, 60–400 (default 60).' })
  configurationCount?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest share of configurations per strategy, a fraction in (0, 1] (default 0.3).' })
  maxTemplateShare?: number | null;

  @Field(() => Int, { nullable: true, description: 'Cycle seed (default derived from the date).' })
  seed?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the cycle is run (shown in the trigger log).' })
  reason?: string | null;
}

@InputType('CancelEvaluationCycleInput')
class CancelEvaluationCycleInput {
  @Field(() => ID)
  evaluationCycleId!: string;

  @Field(() => String, { description: 'Why it is cancelled (audited; stored in failureReason).' })
  reason!: string;
}

@ObjectType('CancelEvaluationCyclePayload')
class CancelEvaluationCyclePayload {
  @Field(() => EvaluationCycleType, { description: 'The cycle, CANCELLED.' })
  evaluationCycle!: EvaluationCycle;
}

@ObjectType('RunEvaluationCyclePayload')
class RunEvaluationCyclePayload {
  @Field(() => EvaluationCycleType, { description: 'The queued cycle (an already waiting cycle of the same scope absorbs the request).' })
  evaluationCycle!: EvaluationCycle;
}

@Resolver(() => ScorecardEntryType)
export class ScorecardEntryResolver {
  @Query(() => [ScorecardEntryType], { description: 'The ranked scorecard of an evaluation date (default: the newest).' })
  async scorecard(
    @Ctx() ctx: GraphQLContext,
    @Arg('evaluationDate', () => String, { nullable: true, description: 'A calendar date YYYY-MM-DD (default: the newest evaluated date); BAD_USER_INPUT when it is not one.' }) evaluationDate?: string | null,
    @Arg('sort', () => ScorecardSortEnum, { nullable: true, defaultValue: 'rank', description: 'Each in its natural direction: rank 1 first, highest score first, name A→Z, PROMOTE → RETIRE; ties by rank, unranked last.' })
    sort?: ScorecardSort,
    @Arg('descending', () => Boolean, { nullable: true, defaultValue: false, description: 'Exactly the reverse of the `sort` order.' }) descending?: boolean | null,
  ) {
    return ctx.services.scorecards.ranking(evaluationDate ?? null, sort ?? 'rank', descending ?? false);
  }

  @Query(() => [ScorecardEntryType], { description: 'A strategy’s scorecard entries over time (rank history), oldest first.' })
  async scorecardHistory(@Arg('strategyId', () => ID) strategyId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.scorecards.history(parseId(strategyId, 'Strategy', 'strategyId'));
  }

  @FieldResolver(() => ID)
  id(@Root() root: ScorecardEntry) {
    return toGlobalId('ScorecardEntry', root.id);
  }

  @FieldResolver(() => Float)
  normalizedScore(@Root() root: ScorecardEntry) {
    return Number(root.normalizedScore);
  }

  @FieldResolver(() => [ScoreFactorType], { description: 'Factor breakdown: points, weight, contribution and per-metric values.' })
  factors(@Root() root: ScorecardEntry) {
    return root.factorContributions;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Rank (1 = best) of this strategy on the previous evaluation date (the newest date with a scorecard before this entry’s: the previous cycle); null when it was not ranked then or there is none.',
  })
  async previousRank(@Root() root: ScorecardEntry, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return ctx.loaders.previousRankOf.load(`${String(root.evaluationDate).slice(0, 10)}|${root.strategy.id}`);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Places gained (positive) or lost (negative) since the previous evaluation date: previousRank − rank; 0 when unchanged; null when not ranked on either date (a new entry).',
  })
  async rankChange(@Root() root: ScorecardEntry, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return scorecardRankChange(root.rank ?? null, await this.previousRank(root, ctx));
  }

  @FieldResolver(() => String, {
    description:
      'Why the recommendation, in one sentence naming the factors that drove it: those that held the score back (under 60 of 100 points, by score points lost = weight × (100 − points), each with its weakest input and value, e.g. “PBO 68 %”), those that carried it (largest contributions), and missing inputs. E.g. “Monitor at 47.6 / 100: held back by Overfitting (20 of 100 points, weight 20 %: PBO 68 %); carried by Risk-adjusted return (85 of 100 points, weight 25 %).”',
  })
  explanation(@Root() root: ScorecardEntry): string {
    return explainScorecardEntry({ recommendation: root.recommendation, normalizedScore: Number(root.normalizedScore), complete: root.complete, missingInputs: root.missingInputs, factors: root.factorContributions });
  }

  /** Already loaded on the ranking's entries (whose cache stamp covers the strategy rows); batched by id otherwise. */
  @FieldResolver(() => StrategyType)
  async strategy(@Root() root: ScorecardEntry, @Ctx() ctx: GraphQLContext) {
    return wrap(root.strategy).isInitialized() ? root.strategy : ctx.loaders.strategy.load(root.strategy.id);
  }

  /** Already loaded on the ranking's entries (whose cache stamp covers the version rows); batched by id otherwise. */
  @FieldResolver(() => StrategyVersionType)
  async strategyVersion(@Root() root: ScorecardEntry, @Ctx() ctx: GraphQLContext) {
    return wrap(root.strategyVersion).isInitialized() ? root.strategyVersion : ctx.loaders.strategyVersion.load(root.strategyVersion.id);
  }

  @FieldResolver(() => EvaluationCycleType, { nullable: true })
  async evaluationCycle(@Root() root: ScorecardEntry, @Ctx() ctx: GraphQLContext) {
    return root.evaluationCycle ? ctx.services.cycles.get(root.evaluationCycle.id) : null;
  }
}

@Resolver(() => EvaluationCycleType)
export class EvaluationCycleResolver {
  @Query(() => EvaluationCycleConnection, { description: 'Evaluation cycles, newest first.' })
  async evaluationCycles(@Args(() => EvaluationCyclesArgs) args: EvaluationCyclesArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.cycles.list(args, { status: args.status }));
  }

  @Query(() => EvaluationCycleType)
  async evaluationCycle(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.cycles.get(parseId(id, 'EvaluationCycle'));
  }

  @Query(() => String, { description: 'Experiment comparison of a cycle’s configurations (CSV or JSON text), best out-of-sample Sharpe first.' })
  async experimentComparison(
    @Arg('cycleId', () => ID) cycleId: string,
    @Arg('format', () => ExportFormatEnum) format: 'csv' | 'json',
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.cycles.exportComparison(parseId(cycleId, 'EvaluationCycle', 'cycleId'), format);
  }

  @Mutation(() => RunEvaluationCyclePayload, { description: 'Queues an evaluation cycle over every eligible strategy now; `scorecardUpdated` reports its progress.' })
  async runEvaluationCycle(@Arg('input', () => RunEvaluationCycleInput, { nullable: true }) input: RunEvaluationCycleInput | null, @Ctx() ctx: GraphQLContext) {
    return { evaluationCycle: await ctx.services.cycles.run(input ?? {}) };
  }

  @Mutation(() => CancelEvaluationCyclePayload, {
    description:
      'Cancels a QUEUED or RUNNING evaluation cycle: it ends CANCELLED at once; a running worker stops at its next checkpoint and stores nothing (the scorecard keeps its previous entries). CONFLICT when it already ended.',
  })
  async cancelEvaluationCycle(@Arg('input', () => CancelEvaluationCycleInput) input: CancelEvaluationCycleInput, @Ctx() ctx: GraphQLContext) {
    return { evaluationCycle: await ctx.services.cycles.cancel(parseId(input.evaluationCycleId, 'EvaluationCycle', 'evaluationCycleId'), input.reason) };
  }

  @Subscription(() => EvaluationCycleType, {
    topics: 'SCORECARD_UPDATED',
    description: 'An evaluation cycle started, completed (the scorecard of its date was rewritten), failed or was cancelled.',
  })
  async scorecardUpdated(@Root() delivery: EventDelivery<'SCORECARD_UPDATED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<EvaluationCycle>('EvaluationCycle', delivery);
  }

  @FieldResolver(() => [CycleStrategyFailureType], { description: 'Strategies this cycle left out because they failed on their own (their scorecard entry was not updated); the others were evaluated.' })
  strategyFailures(@Root() root: EvaluationCycle): CycleStrategyFailureType[] {
    return (root.strategyFailures ?? []).map((failure) => ({
      strategyId: toGlobalId('Strategy', failure.strategyId),
      strategyVersionId: toGlobalId('StrategyVersion', failure.strategyVersionId),
      reason: failure.reason,
    }));
  }

  @FieldResolver(() => ID)
  id(@Root() root: EvaluationCycle) {
    return toGlobalId('EvaluationCycle', root.id);
  }

  @FieldResolver(() => [ScorecardEntryType], { description: 'Scorecard entries this cycle wrote, by rank.' })
  async entries(@Root() root: EvaluationCycle, @Ctx() ctx: GraphQLContext) {
    return ctx.services.cycles.entries(root.id);
  }

  @FieldResolver(() => [CycleConfigurationType], { description: 'Generated configurations (trials), best mean out-of-sample Sharpe first.' })
  async configurations(@Root() root: EvaluationCycle, @Ctx() ctx: GraphQLContext): Promise<CycleConfiguration[]> {
    return ctx.services.cycles.configurations(root.id);
  }

  @FieldResolver(() => [TriggerEventType], { description: 'Triggers that caused this cycle (several when simultaneous triggers were de-duplicated).' })
  async triggers(@Root() root: EvaluationCycle, @Ctx() ctx: GraphQLContext) {
    return ctx.services.triggers.triggersOf('evaluation_cycle', root.id);
  }
}

@Resolver(() => CycleConfigurationType)
export class CycleConfigurationResolver {
  @FieldResolver(() => [ParameterSettingType])
  parameters(@Root() root: CycleConfiguration): ParameterSetting[] {
    return toParameterSettings(root.parameters);
  }

  @FieldResolver(() => [CycleDatasetMetricsType])
  outOfSampleMetrics(@Root() root: CycleConfiguration): CycleDatasetMetricsType[] {
    return Object.entries(root.outOfSampleMetrics)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([datasetId, metrics]) => ({ marketDataSetId: toGlobalId('MarketDataSet', datasetId), metrics }));
  }
}
