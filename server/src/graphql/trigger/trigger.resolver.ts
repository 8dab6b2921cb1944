import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { EventDelivery } from '../../domain/events.ts';
import type { TriggerEvent, TriggerEventType as TriggerKind } from '../../domain/trigger/trigger-event.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { TriggerEventTypeEnum } from '../scoring/scoring-enums.ts';
import { TriggerEventConnection, TriggerEventType, TriggerLinkType } from './trigger.type.ts';

@ArgsType()
class TriggerEventsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => TriggerEventTypeEnum, { nullable: true })
  type?: TriggerKind | null;
}

@InputType('RequestManualRunInput')
class RequestManualRunInput {
  @Field(() => ID, { nullable: true, description: 'One strategy; omit for every eligible strategy.' })
  strategyId?: string | null;

  @Field(() => String, { description: 'Why the run is needed (required, shown in the trigger log and audit trail).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Approval link where policy asks for one: an http(s) URL or a ticket id like OPS-123.' })
  approvalLink?: string | null;
}

@ObjectType('RequestManualRunPayload')
class RequestManualRunPayload {
  @Field(() => TriggerEventType)
  triggerEvent!: TriggerEvent;
}

@Resolver(() => TriggerEventType)
export class TriggerEventResolver {
  @Query(() => TriggerEventConnection, { description: 'The trigger/event log, newest first.' })
  async triggerEvents(@Args(() => TriggerEventsArgs) args: TriggerEventsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.triggers.list(args, { type: args.type }));
  }

  @Mutation(() => RequestManualRunPayload, { description: 'Records a manual run request (reason required) and queues validation runs of the approved versions.' })
  async requestManualRun(@Arg('input', () => RequestManualRunInput) input: RequestManualRunInput, @Ctx() ctx: GraphQLContext) {
    const triggerEvent = await ctx.services.triggers.requestManualRun({
      ...input,
      strategyId: input.strategyId ? parseId(input.strategyId, 'Strategy', 'strategyId') : null,
    });
    return { triggerEvent };
  }

  @Subscription(() => TriggerEventType, { topics: 'TRIGGER_RECORDED', description: 'Every trigger recorded, from any process.' })
  async triggerRecorded(@Root() delivery: EventDelivery<'TRIGGER_RECORDED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<TriggerEvent>('TriggerEvent', delivery);
  }

  @FieldResolver(() => ID)
  id(@Root() root: TriggerEvent) {
    return toGlobalId('TriggerEvent', root.id);
  }

  @FieldResolver(() => [DetailEntryType])
  details(@Root() root: TriggerEvent): DetailEntryType[] {
    return toDetailEntries(root.details).map(toDetailEntryValue);
  }

  @FieldResolver(() => [TriggerLinkType], { description: 'What this trigger caused: its job (by key) and runs.' })
  async links(@Root() root: TriggerEvent, @Ctx() ctx: GraphQLContext) {
    return ctx.services.triggers.links(root.id);
  }
}
