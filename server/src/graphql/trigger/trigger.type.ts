import 'reflect-metadata';
import type { TriggerTargetType } from '../../domain/trigger/trigger-link.entity.ts';
import type { TriggerEventType as TriggerEventKind, TriggerOutcome } from '../../domain/trigger/trigger-event.entity.ts';
import type { TriggerLink } from '../../domain/trigger/trigger-link.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import type { TriggerEvent } from '../../domain/trigger/trigger-event.entity.ts';
import { DetailEntryType } from '../detail-entry.type.ts';
import { Field, ObjectType } from 'type-graphql';
import { NodeInterface, makeConnectionType } from '../relay.ts';
import { TriggerEventTypeEnum, TriggerOutcomeEnum, TriggerTargetTypeEnum } from '../scoring/scoring-enums.ts';

@ObjectType('TriggerEvent', { implements: NodeInterface, description: 'A recorded trigger and what it caused.' })
export class TriggerEventType extends NodeInterface implements EntityFields<TriggerEvent, 'actor' | 'details'> {
  @Field(() => TriggerEventTypeEnum)
  type!: TriggerEventKind;

  @Field(() => String, { description: 'Entity type the trigger is about (MarketDataSet, StrategyVersion, Strategy, Platform).' })
  subjectType!: string;

  @Field(() => String, { nullable: true })
  subjectId!: string | null;

  @Field(() => [DetailEntryType], { description: 'What the trigger carried, one entry per value: reason and approval link (manual), universe (dataset), impactedStrategies…' })
  details!: DetailEntryType[];

  @Field(() => String, { description: 'Carried into the jobs, runs and logs it caused.' })
  correlationId!: string;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its jobs were enqueued (same transaction as the trigger).' })
  enqueuedAt!: Date | null;

  @Field(() => TriggerOutcomeEnum)
  outcome!: TriggerOutcome;

  @Field(() => String)
  outcomeReason!: string;
}

@ObjectType('TriggerLink', { description: 'One thing a trigger caused.' })
export class TriggerLinkType implements EntityFields<TriggerLink, 'strategy' | 'triggerEvent' | 'consumedAt'> {
  @Field(() => TriggerTargetTypeEnum)
  targetType!: TriggerTargetType;

  @Field(() => String, { description: 'Job key for JOB links; the run’s database id otherwise.' })
  targetId!: string;

  @Field(() => String, { nullable: true, description: 'graphile-worker job key shared by de-duplicated triggers.' })
  jobKey!: string | null;

  @Field(() => String, { nullable: true })
  taskIdentifier!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const TriggerEventConnection = makeConnectionType('TriggerEvent', TriggerEventType);
