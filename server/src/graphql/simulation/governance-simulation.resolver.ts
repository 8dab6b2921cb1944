import 'reflect-metadata';
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root, Subscription, FieldResolver } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import { simulationRunStatuses } from '../../domain/simulation/simulation-run.lifecycle.ts';
import type { SimulationRun } from '../../domain/simulation/simulation-run.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toGlobalId } from '../relay.ts';
import { screamingEnum } from '../screaming-enum.ts';
import type { StoredSimulationComparison } from '../../services/simulation/simulation-result-view.ts';
import { GovernanceSimulationResultType, toResult } from './governance-simulation-result.resolver.ts';

export const GovernanceSimulationStatusEnum = screamingEnum(simulationRunStatuses);
registerEnumType(GovernanceSimulationStatusEnum, { name: 'GovernanceSimulationStatus', description: 'queued → running → completed | failed; queued or running → cancelled (never completed after a cancel).' });

export const SimulationExportFormatEnum = screamingEnum(['json', 'csv'] as const);
registerEnumType(SimulationExportFormatEnum, { name: 'SimulationExportFormat', description: 'JSON: the whole comparison; CSV: one row per simulated day.' });

@ObjectType('SimulationPolicyVersions', { description: 'The policy versions of one simulated arm.' })
class SimulationPolicyVersionsType {
  @Field(() => String) scoring!: string;
  @Field(() => String) promotion!: string;
  @Field(() => String) monitoring!: string;
  @Field(() => String) capital!: string;
}

@InputType('SimulationPolicyVersionsInput', { description: 'Policy versions of an arm; an omitted kind takes the default (baseline) or the baseline’s (variant).' })
class SimulationPolicyVersionsInput {
  @Field(() => String, { nullable: true }) scoring?: string | null;
  @Field(() => String, { nullable: true }) promotion?: string | null;
  @Field(() => String, { nullable: true }) monitoring?: string | null;
  @Field(() => String, { nullable: true }) capital?: string | null;
}

@ObjectType('GovernanceSimulation', { description: 'A governance backtest (issue 15): two policy arms over the same history and seed. Everything in it is simulated; it touches no real deployment.' })
export class GovernanceSimulationType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The row UUID.' }) databaseId!: string;
  @Field(() => Boolean, { description: 'Always true: a simulation, never a real record.' }) simulated!: boolean;
  @Field(() => GovernanceSimulationStatusEnum) status!: string;
  @Field(() => Float, { description: 'Fraction 0–1 of both arms simulated.' }) progress!: number;
  @Field(() => Date) periodStart!: Date;
  @Field(() => Date) periodEnd!: Date;
  @Field(() => Float, { description: 'The integer seed of every random draw.' }) seed!: number;
  @Field(() => Float, { description: 'Probability each simulated approval step is approved, 0–1.' }) approvalProbability!: number;
  @Field(() => SimulationPolicyVersionsType) baselinePolicies!: SimulationPolicyVersionsType;
  @Field(() => SimulationPolicyVersionsType) variantPolicies!: SimulationPolicyVersionsType;
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled.' }) failureReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Float, { description: 'Shortest simulated approval delay per approval step, hours.' }) minApprovalDelayHours!: number;
  @Field(() => Float, { description: 'Longest simulated approval delay per approval step, hours.' }) maxApprovalDelayHours!: number;
  @Field(() => Int, { description: 'Days between evaluation cycles (1 = daily).' }) evaluationIntervalDays!: number;
  @Field(() => Int, { description: 'Trailing history each evaluation cycle evaluates, days of hourly bars.' }) evaluationLookbackDays!: number;
  @Field(() => Int, { description: 'Configurations evaluated per template per evaluation cycle (walk-forward), 2–20.' }) configurationsPerTemplate!: number;
  @Field(() => Int, { description: 'Deployments a candidate strategy may have at once: its best N configurations of the latest cycle, each its own deployment up the ladder (1 = one per strategy).' })
  deploymentsPerStrategy!: number;
  @Field(() => Float, { description: 'Starting portfolio equity of each arm, USD.' }) initialEquity!: number;
  @Field(() => GovernanceSimulationResultType, { nullable: true, description: 'The typed result (both arms’ reports, difference, divergences, daily series, decision logs); null until completed.' })
  result!: GovernanceSimulationResultType | null;
  @Field(() => String, { nullable: true, description: 'The comparison as JSON (both reports with their daily series and decisions, the first divergence, the divergent decisions); null until completed. The same data as `result`, whole, for tools.' })
  resultJson!: string | null;
}

@ObjectType('SimulationPolicyVersionChoices', { description: 'The policy versions a user may start a simulation with, per kind (simulation-only versions end in `-sim`). Bench-only versions are not listed, and a start naming one is refused naming the field.' })
class SimulationPolicyVersionChoicesType {
  @Field(() => [String]) scoring!: string[];
  @Field(() => [String]) promotion!: string[];
  @Field(() => [String]) monitoring!: string[];
  @Field(() => [String]) capital!: string[];
}

@ObjectType('GovernanceSimulationOptions', { description: 'What a governance simulation can be started with, and the start form’s defaults.' })
class GovernanceSimulationOptionsType {
  @Field(() => Date, { description: 'Open time of the first bundled hourly bar (the earliest start).' }) dataStart!: Date;
  @Field(() => Date, { description: 'Open time of the last bundled hourly bar (an end may be up to one hour after it).' }) dataEnd!: Date;
  @Field(() => SimulationPolicyVersionChoicesType) versions!: SimulationPolicyVersionChoicesType;
  @Field(() => SimulationPolicyVersionsType, { description: 'The production defaults.' }) defaults!: SimulationPolicyVersionsType;
  @Field(() => Date, { description: 'Default start (2020-01-01).' }) defaultStart!: Date;
  @Field(() => Float, { description: 'Default approval probability per step, 0–1.' }) defaultApprovalProbability!: number;
  @Field(() => Float, { description: 'Default shortest approval delay, hours.' }) defaultMinApprovalDelayHours!: number;
  @Field(() => Float, { description: 'Default longest approval delay, hours.' }) defaultMaxApprovalDelayHours!: number;
  @Field(() => Int, { description: 'Default days between evaluation cycles.' }) defaultEvaluationIntervalDays!: number;
  @Field(() => Int, { description: 'Default configurations per template per evaluation cycle.' }) defaultConfigurationsPerTemplate!: number;
  @Field(() => Int, { description: 'Default deployments per candidate strategy (1).' }) defaultDeploymentsPerStrategy!: number;
}

@InputType('StartGovernanceSimulationInput')
class StartGovernanceSimulationInput {
  @Field(() => Date, { description: 'Start of the simulated period (inside the bundled data, 2019 → 2026).' }) start!: Date;
  @Field(() => Date, { description: 'End of the simulated period (exclusive), at least 7 days after the start.' }) end!: Date;
  @Field(() => Float, { description: 'Integer seed 0–4294967295 (a non-integer is refused naming `seed`).' }) seed!: number;
  @Field(() => SimulationPolicyVersionsInput, { nullable: true }) baselinePolicies?: SimulationPolicyVersionsInput | null;
  @Field(() => SimulationPolicyVersionsInput, { nullable: true }) variantPolicies?: SimulationPolicyVersionsInput | null;
  @Field(() => Float, { nullable: true, description: 'Probability 0–1 each approval step is approved (default 0.9).' }) approvalProbability?: number | null;
  @Field(() => Float, { nullable: true, description: 'Shortest simulated approval delay per step, hours (default 2).' }) minApprovalDelayHours?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longest simulated approval delay per step, hours (default 48).' }) maxApprovalDelayHours?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days between evaluation cycles, 1–90 (default 7).' }) evaluationIntervalDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Configurations evaluated per template per evaluation cycle (walk-forward), 2–20 (default 3). Out of range is refused naming `configurationsPerTemplate`.' })
  configurationsPerTemplate?: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Deployments a candidate strategy may have at once, 1 to configurationsPerTemplate (default 1): its best N configurations of the latest cycle, each on its best instrument, each its own deployment up the ladder. With 1 the portfolio never holds more deployments than strategies; the live cap (35) is reachable with templates × N ≥ 35. Out of range is refused naming `deploymentsPerStrategy`.',
  })
  deploymentsPerStrategy?: number | null;
}

@ObjectType('StartGovernanceSimulationPayload')
class StartGovernanceSimulationPayload {
  @Field(() => GovernanceSimulationType, { description: 'The simulation, QUEUED.' }) simulation!: SimulationRun;
}

@InputType('CancelGovernanceSimulationInput')
class CancelGovernanceSimulationInput {
  @Field(() => ID) simulationId!: string;
  @Field(() => String, { description: 'Why it is cancelled (audited).' }) reason!: string;
}

@ObjectType('CancelGovernanceSimulationPayload')
class CancelGovernanceSimulationPayload {
  @Field(() => GovernanceSimulationType, { description: 'The simulation, CANCELLED.' }) simulation!: SimulationRun;
}

const clean = (policies: SimulationPolicyVersionsInput | null | undefined) => Object.fromEntries(Object.entries(policies ?? {}).filter(([, value]) => typeof value === 'string'));

@Resolver(() => GovernanceSimulationType)
export class GovernanceSimulationResolver {
  @Query(() => [GovernanceSimulationType], { description: 'Governance simulations, newest first (at most `first`, 1–100).' })
  async governanceSimulations(@Ctx() ctx: GraphQLContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return ctx.services.governanceSimulations.list(first);
  }

  @Query(() => GovernanceSimulationOptionsType, { description: 'The bundled data range, the known policy versions and the defaults of a governance simulation.' })
  async governanceSimulationOptions(@Ctx() ctx: GraphQLContext): Promise<GovernanceSimulationOptionsType> {
    const options = await ctx.services.governanceSimulations.options();
    return {
      dataStart: new Date(options.dataFirstMs),
      dataEnd: new Date(options.dataLastMs),
      versions: options.versions,
      defaults: options.defaults,
      defaultStart: new Date(options.defaultInput.startMs),
      defaultApprovalProbability: options.defaultInput.approvals.approvalProbability,
      defaultMinApprovalDelayHours: options.defaultInput.approvals.minDelayHours,
      defaultMaxApprovalDelayHours: options.defaultInput.approvals.maxDelayHours,
      defaultEvaluationIntervalDays: options.defaultInput.evaluationIntervalDays,
      defaultConfigurationsPerTemplate: options.defaultInput.configurationsPerTemplate,
      defaultDeploymentsPerStrategy: options.defaultInput.deploymentsPerStrategy ?? 1,
    };
  }

  @Query(() => GovernanceSimulationType, { description: 'One governance simulation.' })
  async governanceSimulation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.governanceSimulations.get(parseId(id, 'GovernanceSimulation'));
  }

  @Query(() => String, { description: 'A completed simulation as a file (JSON: the whole comparison; CSV: one row per simulated day). CONFLICT before completion.' })
  async governanceSimulationExport(@Arg('id', () => ID) id: string, @Arg('format', () => SimulationExportFormatEnum) format: 'json' | 'csv', @Ctx() ctx: GraphQLContext) {
    return ctx.services.governanceSimulations.export(parseId(id, 'GovernanceSimulation'), format);
  }

  @Mutation(() => StartGovernanceSimulationPayload, {
    description: 'Starts a governance simulation (research, risk): a baseline and a variant policy arm over the same period and seed. Bad input names the field (start, end, seed, approvals.approvalProbability, configurationsPerTemplate, deploymentsPerStrategy, policies.<kind>, variantPolicies.<kind>) and starts nothing.',
  })
  async startGovernanceSimulation(@Arg('input', () => StartGovernanceSimulationInput) input: StartGovernanceSimulationInput, @Ctx() ctx: GraphQLContext) {
    const simulation = await ctx.services.governanceSimulations.start({
      startMs: input.start.getTime(),
      endMs: input.end.getTime(),
      seed: input.seed,
      baselinePolicies: clean(input.baselinePolicies),
      variantPolicies: clean(input.variantPolicies),
      approvalProbability: input.approvalProbability ?? null,
      minApprovalDelayHours: input.minApprovalDelayHours ?? null,
      maxApprovalDelayHours: input.maxApprovalDelayHours ?? null,
      evaluationIntervalDays: input.evaluationIntervalDays ?? null,
      configurationsPerTemplate: input.configurationsPerTemplate ?? null,
      deploymentsPerStrategy: input.deploymentsPerStrategy ?? null,
    });
    return { simulation };
  }

  @Mutation(() => CancelGovernanceSimulationPayload, { description: 'Cancels a QUEUED or RUNNING simulation; it stores no result and is never marked completed. CONFLICT once it ended.' })
  async cancelGovernanceSimulation(@Arg('input', () => CancelGovernanceSimulationInput) input: CancelGovernanceSimulationInput, @Ctx() ctx: GraphQLContext) {
    return { simulation: await ctx.services.governanceSimulations.cancel(parseId(input.simulationId, 'GovernanceSimulation', 'simulationId'), input.reason) };
  }

  @Subscription(() => GovernanceSimulationType, {
    topics: 'SIMULATION_RUN_UPDATED',
    description: 'Every status and progress change of a governance simulation (or of the one `id`).',
    filter: ({ payload, args }: { payload: EventDelivery<'SIMULATION_RUN_UPDATED'>; args: { id?: string | null } }) => !args.id || payload.payload.id === parseId(args.id, 'GovernanceSimulation'),
  })
  async governanceSimulationUpdated(@Root() delivery: EventDelivery<'SIMULATION_RUN_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { nullable: true }) _id?: string | null) {
    return ctx.services.events.asOfEvent<SimulationRun>('SimulationRun', delivery);
  }

  @FieldResolver(() => ID)
  id(@Root() root: SimulationRun) {
    return toGlobalId('GovernanceSimulation', root.id);
  }

  @FieldResolver(() => String)
  databaseId(@Root() root: SimulationRun) {
    return root.id;
  }

  @FieldResolver(() => Date)
  periodStart(@Root() root: SimulationRun) {
    return new Date(root.input.startMs);
  }

  @FieldResolver(() => Date)
  periodEnd(@Root() root: SimulationRun) {
    return new Date(root.input.endMs);
  }

  @FieldResolver(() => Float)
  seed(@Root() root: SimulationRun) {
    return root.input.seed;
  }

  @FieldResolver(() => Float)
  approvalProbability(@Root() root: SimulationRun) {
    return root.input.approvals.approvalProbability;
  }

  @FieldResolver(() => SimulationPolicyVersionsType)
  baselinePolicies(@Root() root: SimulationRun) {
    return root.input.policies;
  }

  @FieldResolver(() => Float)
  minApprovalDelayHours(@Root() root: SimulationRun) {
    return root.input.approvals.minDelayHours;
  }

  @FieldResolver(() => Float)
  maxApprovalDelayHours(@Root() root: SimulationRun) {
    return root.input.approvals.maxDelayHours;
  }

  @FieldResolver(() => Int)
  evaluationIntervalDays(@Root() root: SimulationRun) {
    return root.input.evaluationIntervalDays;
  }

  @FieldResolver(() => Int)
  evaluationLookbackDays(@Root() root: SimulationRun) {
    return root.input.evaluationLookbackDays;
  }

  @FieldResolver(() => Int)
  configurationsPerTemplate(@Root() root: SimulationRun) {
    return root.input.configurationsPerTemplate;
  }

  /** Runs stored before the field existed ran with 1. */
  @FieldResolver(() => Int)
  deploymentsPerStrategy(@Root() root: SimulationRun) {
    return root.input.deploymentsPerStrategy ?? 1;
  }

  @FieldResolver(() => Float)
  initialEquity(@Root() root: SimulationRun) {
    return root.input.initialEquity;
  }

  @FieldResolver(() => GovernanceSimulationResultType, { nullable: true })
  result(@Root() root: SimulationRun) {
    return root.status === 'completed' && root.result !== null ? toResult(root.result as unknown as StoredSimulationComparison) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  resultJson(@Root() root: SimulationRun) {
    return root.result === null ? null : JSON.stringify(root.result);
  }
}
