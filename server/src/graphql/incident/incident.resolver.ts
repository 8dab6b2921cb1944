import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { IncidentSeverity, IncidentStatus, IncidentType, MonitoringIncident, StrategyIncidentType } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { EvaluationCycleType } from '../scoring/scorecard.type.ts';
import { StrategyType } from '../strategy/strategy.type.ts';
import { DeploymentType } from '../deployment/deployment.type.ts';
import { TriggerEventType } from '../trigger/trigger.type.ts';
import { IncidentSeverityEnum, IncidentStatusEnum, IncidentTypeEnum, StrategyIncidentTypeEnum } from './incident-enums.ts';
import { MonitoringIncidentConnection, MonitoringIncidentType } from './incident.type.ts';

@ArgsType()
class IncidentsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => IncidentStatusEnum, { nullable: true, description: 'Only incidents in this status.' })
  status?: IncidentStatus | null;

  @Field(() => IncidentTypeEnum, { nullable: true, description: 'Only incidents of this type.' })
  incidentType?: IncidentType | null;

  @Field(() => ID, { nullable: true, description: 'Only incidents about this strategy.' })
  strategyId?: string | null;
}

@InputType('OpenStrategyIncidentInput', { description: 'A finding on a strategy; opening it queues the strategy’s re-validation at remediation priority.' })
class OpenStrategyIncidentInput {
  @Field(() => ID, { description: 'The strategy the finding is about.' })
  strategyId!: string;

  @Field(() => StrategyIncidentTypeEnum)
  incidentType!: StrategyIncidentType;

  @Field(() => IncidentSeverityEnum)
  severity!: IncidentSeverity;

  @Field(() => String, { description: 'What was found, 3–2,000 characters.' })
  summary!: string;
}

@InputType('ChangeIncidentStatusInput', { description: 'Moves an incident to the next status, with notes.' })
class ChangeIncidentStatusInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => String, { nullable: true, description: 'Commentary appended to the incident’s notes (required to resolve; at most 4,000 characters).' })
  notes?: string | null;
}

@ObjectType('MonitoringIncidentPayload')
class MonitoringIncidentPayload {
  @Field(() => MonitoringIncidentType, { description: 'The incident after the change.' })
  incident!: MonitoringIncident;
}

/** Incidents: list, open on a strategy (remediation re-validation), review, resolve, close. */
@Resolver(() => MonitoringIncidentType)
export class MonitoringIncidentResolver {
  @Query(() => MonitoringIncidentConnection, { description: 'Incidents, newest first.' })
  async incidents(@Args(() => IncidentsArgs) args: IncidentsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(
      await ctx.services.incidents.list(args, {
        status: args.status,
        incidentType: args.incidentType,
        strategyId: args.strategyId ? parseId(args.strategyId, 'Strategy', 'strategyId') : null,
      }),
    );
  }

  @Query(() => MonitoringIncidentType)
  async incident(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.incidents.get(parseId(id, 'MonitoringIncident'));
  }

  @Mutation(() => MonitoringIncidentPayload, {
    description:
      'Opens an incident on a strategy (risk and production; not a production action, so no TOTP step-up) and queues its re-validation cycle at remediation priority, ahead of validation and research work. Notifies research, production and risk.',
  })
  async openStrategyIncident(@Arg('input', () => OpenStrategyIncidentInput) input: OpenStrategyIncidentInput, @Ctx() ctx: GraphQLContext) {
    const incident = await ctx.services.incidents.openStrategyIncident({ ...input, strategyId: parseId(input.strategyId, 'Strategy', 'strategyId') });
    return { incident };
  }

  @Mutation(() => MonitoringIncidentPayload, { description: 'OPEN → IN_REVIEW.' })
  async reviewIncident(@Arg('input', () => ChangeIncidentStatusInput) input: ChangeIncidentStatusInput, @Ctx() ctx: GraphQLContext) {
    return { incident: await ctx.services.incidents.review(parseId(input.incidentId, 'MonitoringIncident', 'incidentId'), input.notes) };
  }

  @Mutation(() => MonitoringIncidentPayload, { description: 'OPEN or IN_REVIEW → RESOLVED (notes required: what was done, the outcome); sets resolvedAt.' })
  async resolveIncident(@Arg('input', () => ChangeIncidentStatusInput) input: ChangeIncidentStatusInput, @Ctx() ctx: GraphQLContext) {
    return { incident: await ctx.services.incidents.resolve(parseId(input.incidentId, 'MonitoringIncident', 'incidentId'), input.notes ?? '') };
  }

  @Mutation(() => MonitoringIncidentPayload, { description: 'RESOLVED → CLOSED (final).' })
  async closeIncident(@Arg('input', () => ChangeIncidentStatusInput) input: ChangeIncidentStatusInput, @Ctx() ctx: GraphQLContext) {
    return { incident: await ctx.services.incidents.close(parseId(input.incidentId, 'MonitoringIncident', 'incidentId'), input.notes) };
  }

  @FieldResolver(() => ID)
  id(@Root() root: MonitoringIncident) {
    return toGlobalId('MonitoringIncident', root.id);
  }

  @FieldResolver(() => [DetailEntryType])
  context(@Root() root: MonitoringIncident): DetailEntryType[] {
    return toDetailEntries(root.context).map(toDetailEntryValue);
  }

  @FieldResolver(() => [DetailEntryType])
  autoActions(@Root() root: MonitoringIncident): DetailEntryType[] {
    return toDetailEntries(root.autoActions).map(toDetailEntryValue);
  }

  @FieldResolver(() => [DetailEntryType], { nullable: true })
  reconciliation(@Root() root: MonitoringIncident): DetailEntryType[] | null {
    return root.reconciliation ? toDetailEntries(root.reconciliation).map(toDetailEntryValue) : null;
  }

  @FieldResolver(() => StrategyType, { nullable: true, description: 'The strategy the finding is about; null for operational incidents.' })
  async strategy(@Root() root: MonitoringIncident, @Ctx() ctx: GraphQLContext) {
    return root.strategy ? ctx.services.strategies.get(root.strategy.id) : null;
  }

  @FieldResolver(() => DeploymentType, {
    nullable: true,
    description: 'The deployment the monitor acted on (its stage, trading state and capital as they are now); null for incidents about a strategy as a whole and operational incidents. Loaded in one batch for a list of incidents.',
  })
  async deployment(@Root() root: MonitoringIncident, @Ctx() ctx: GraphQLContext) {
    return root.deployment ? ctx.loaders.deployment.load(root.deployment.id) : null;
  }

  @FieldResolver(() => TriggerEventType, { nullable: true, description: 'The MONITORING_INCIDENT trigger this incident recorded; null for operational incidents.' })
  async triggerEvent(@Root() root: MonitoringIncident, @Ctx() ctx: GraphQLContext) {
    return root.triggerEvent ? ctx.services.triggers.get(root.triggerEvent.id) : null;
  }

  @FieldResolver(() => EvaluationCycleType, {
    nullable: true,
    description: 'The re-validation cycle the trigger queued (or joined) at remediation priority; null when nothing could run (no approved version) or for operational incidents.',
  })
  async followUpCycle(@Root() root: MonitoringIncident, @Ctx() ctx: GraphQLContext) {
    return root.followUpCycle ? ctx.services.cycles.get(root.followUpCycle.id) : null;
  }
}
