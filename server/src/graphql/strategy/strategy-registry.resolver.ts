import 'reflect-metadata';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { ParameterValue } from '../../engine/index.ts';
import { versionChangeKinds, type VersionChange, type VersionChangeKind } from '../../domain/strategy/version-diff.ts';
import { screamingEnum } from '../screaming-enum.ts';
import { ParameterValueScalar } from './parameter-space.type.ts';
import type { Strategy, LifecycleState, RiskCategory } from '../../domain/strategy/strategy.entity.ts';
import type { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import { LifecycleStateEnum, RiskCategoryEnum } from '../enums.ts';
import { parseId } from '../relay.ts';
import { ScorecardEntryType } from '../scoring/scorecard.type.ts';
import { StrategyType, StrategyVersionType } from './strategy.type.ts';
import { CapitalGuardrailsInput, fromCapitalGuardrailsInput } from './capital-guardrails.type.ts';

@InputType('RegisterStrategyInput')
class RegisterStrategyInput {
  @Field(() => String, { description: 'Unique: 3–64 lower-case letters, digits and dashes.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'High-level thesis.' })
  objective!: string;

  @Field(() => ID, { nullable: true, description: 'Owner (user id); default and only choice: the caller (no role registers a strategy in another user’s name; FORBIDDEN).' })
  ownerId?: string | null;

  @Field(() => [String], { description: 'Symbols like BTC-USDT, or "*" for any.' })
  eligibleMarkets!: string[];

  @Field(() => RiskCategoryEnum)
  riskCategory!: RiskCategory;

  @Field(() => CapitalGuardrailsInput)
  capitalGuardrails!: CapitalGuardrailsInput;

  @Field(() => String, { nullable: true })
  dependencyNotes?: string | null;
}

@InputType('VersionParameterOverrideInput', { description: 'A narrowing of one numeric template parameter (within the template bounds).' })
class ParameterOverrideInput {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { nullable: true })
  min?: number;

  @Field(() => Float, { nullable: true })
  max?: number;

  @Field(() => Float, { nullable: true })
  step?: number;
}

@InputType('SubmitStrategyVersionInput')
class SubmitStrategyVersionInput {
  @Field(() => ID)
  strategyId!: string;

  @Field(() => String, { description: 'Engine template id, e.g. sma_crossover.' })
  template!: string;

  @Field(() => [ParameterOverrideInput], { nullable: true, description: 'Narrowings of the template’s parameter space; none = the full space.' })
  parameterOverrides?: ParameterOverrideInput[] | null;

  @Field(() => String)
  changelog!: string;

  @Field(() => Float, { description: 'Seed for reproducible runs, a whole number in [0, 2⁵³).' })
  deterministicSeed!: number;
}

@InputType('DecideStrategyVersionInput')
class DecideStrategyVersionInput {
  @Field(() => ID)
  strategyVersionId!: string;

  @Field(() => String, { nullable: true, description: 'Review notes (required to reject).' })
  notes?: string | null;
}

@InputType('TransitionStrategyLifecycleInput')
class TransitionStrategyLifecycleInput {
  @Field(() => ID)
  strategyId!: string;

  @Field(() => LifecycleStateEnum)
  to!: LifecycleState;

  @Field(() => String)
  reason!: string;
}

@ObjectType('StrategyPayload')
class StrategyPayload {
  @Field(() => StrategyType)
  strategy!: Strategy;
}

@ObjectType('StrategyVersionPayload')
class StrategyVersionPayload {
  @Field(() => StrategyVersionType)
  strategyVersion!: StrategyVersion;
}

@ObjectType('StrategyHistoryEntry', { description: 'One event of a strategy’s history (from the audit trail).' })
class StrategyHistoryEntryType {
  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: 'e.g. strategy.registered, strategy_version.approved, strategy.lifecycle_changed.' })
  action!: string;

  @Field(() => String)
  actorRole!: string;

  @Field(() => String)
  subjectType!: string;

  @Field(() => String, { nullable: true })
  subjectId!: string | null;

  @Field(() => [DetailEntryType], { description: 'What changed, one entry per value (the audit event’s details; fields the caller may not read left out).' })
  details!: DetailEntryType[];
}

const VersionChangeKindEnum = screamingEnum(versionChangeKinds);
registerEnumType(VersionChangeKindEnum, { name: 'VersionChangeKind', description: 'How a value differs between two versions.' });

@ObjectType('VersionChange', { description: 'One changed value between two versions’ template and parameter space (an added or removed parameter is reported field by field).' })
class VersionChangeType implements VersionChange {
  @Field(() => String, {
    description: 'Dotted path: template, parameters.<name>.<field> (e.g. parameters.slowPeriod.max; parameters.<name>.choices once per choice added or removed) or constraints.<left> <operator> <right>.',
  })
  path!: string;

  @Field(() => VersionChangeKindEnum)
  kind!: VersionChangeKind;

  @Field(() => ParameterValueScalar, { nullable: true, description: 'The value before, in the field’s unit (a constraint’s value is its description); null when ADDED.' })
  before!: ParameterValue | null;

  @Field(() => ParameterValueScalar, { nullable: true, description: 'The value after; null when REMOVED.' })
  after!: ParameterValue | null;
}

/** Strategy registry use-cases (lifecycle-spec FR-001..005). */
@Resolver(() => StrategyType)
export class StrategyRegistryResolver {
  @Mutation(() => StrategyPayload, { description: 'Registers a strategy (lifecycle state RESEARCH).' })
  async registerStrategy(@Arg('input', () => RegisterStrategyInput) input: RegisterStrategyInput, @Ctx() ctx: GraphQLContext) {
    const strategy = await ctx.services.strategies.register({
      ...input,
      ownerId: input.ownerId ? parseId(input.ownerId, 'User', 'ownerId') : null,
      capitalGuardrails: fromCapitalGuardrailsInput(input.capitalGuardrails),
    });
    return { strategy };
  }

  @Mutation(() => StrategyVersionPayload, { description: 'Submits an immutable version (PENDING until a production user approves it).' })
  async submitStrategyVersion(@Arg('input', () => SubmitStrategyVersionInput) input: SubmitStrategyVersionInput, @Ctx() ctx: GraphQLContext) {
    const strategyVersion = await ctx.services.strategies.submitVersion({
      ...input,
      strategyId: parseId(input.strategyId, 'Strategy', 'strategyId'),
      parameterOverrides: input.parameterOverrides?.map((override) => ({ ...override })) ?? null,
    });
    return { strategyVersion };
  }

  @Mutation(() => StrategyVersionPayload, { description: 'Approves a pending version (production action: TOTP step-up; not one’s own submission) and queues its validation runs.' })
  async approveStrategyVersion(@Arg('input', () => DecideStrategyVersionInput) input: DecideStrategyVersionInput, @Ctx() ctx: GraphQLContext) {
    return { strategyVersion: await ctx.services.strategies.approveVersion(parseId(input.strategyVersionId, 'StrategyVersion', 'strategyVersionId'), input.notes) };
  }

  @Mutation(() => StrategyVersionPayload, { description: 'Rejects a pending version with notes (production action).' })
  async rejectStrategyVersion(@Arg('input', () => DecideStrategyVersionInput) input: DecideStrategyVersionInput, @Ctx() ctx: GraphQLContext) {
    return { strategyVersion: await ctx.services.strategies.rejectVersion(parseId(input.strategyVersionId, 'StrategyVersion', 'strategyVersionId'), input.notes ?? '') };
  }

  @Mutation(() => StrategyPayload, { description: 'Moves a strategy through research → validation → staging → production (gated; validation cannot be skipped) or back.' })
  async transitionStrategyLifecycle(@Arg('input', () => TransitionStrategyLifecycleInput) input: TransitionStrategyLifecycleInput, @Ctx() ctx: GraphQLContext) {
    return { strategy: await ctx.services.strategies.transitionLifecycle(parseId(input.strategyId, 'Strategy', 'strategyId'), input.to, input.reason) };
  }

  @Query(() => [VersionChangeType], { description: 'Differences between two versions’ template and parameter space (from → to).' })
  async strategyVersionDiff(@Arg('fromVersionId', () => ID) fromVersionId: string, @Arg('toVersionId', () => ID) toVersionId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.strategies.versionDiff(parseId(fromVersionId, 'StrategyVersion', 'fromVersionId'), parseId(toVersionId, 'StrategyVersion', 'toVersionId'));
  }

  @FieldResolver(() => [StrategyHistoryEntryType], { description: 'Registration, submissions, decisions and lifecycle moves, newest first.' })
  async history(@Root() root: Strategy, @Ctx() ctx: GraphQLContext, @Arg('limit', () => Int, { nullable: true, defaultValue: 100 }) limit: number) {
    const entries = await ctx.services.strategies.history(root.id, limit);
    return entries.map((entry) => ({ ...entry, details: toDetailEntries(entry.details).map(toDetailEntryValue) }));
  }

  @FieldResolver(() => ScorecardEntryType, { nullable: true, description: 'The newest scorecard entry.' })
  async latestScorecard(@Root() root: Strategy, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.latestScorecardOf.load(root.id);
  }
}
