import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';

/** What can start work by itself (orchestration-spec FR-001, lifecycle-spec FR-006..010). */
export const triggerEventTypes = [
  'dataset_certified',
  'regime_change',
  'version_approved',
  'parameter_space_registered',
  'manual',
  'monitoring_incident',
  'scheduled',
] as const;
export type TriggerEventType = (typeof triggerEventTypes)[number];

/** Whether a trigger caused work (`enqueued`) or not (`skipped`, with a reason: no impacted strategy, pending version…). */
export const triggerOutcomes = ['enqueued', 'skipped'] as const;
export type TriggerOutcome = (typeof triggerOutcomes)[number];

const TriggerEventSchema = defineEntity({
  name: 'TriggerEvent',
  tableName: 'trigger_event',
  properties: {
    id: idColumn(),
    type: p.enum(triggerEventTypes),
    /** Entity type the trigger is about, e.g. `MarketDataSet`, `StrategyVersion`, `Strategy`. */
    subjectType: p.string(),
    subjectId: p.string().nullable(),
    /** Type-specific facts: universe of a dataset, reason and approval link of a manual run, cron identifier. */
    details: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** Who caused it; null for the platform. */
    actor: p.manyToOne(User).nullable().deleteRule('no action'),
    correlationId: p.string(),
    /** When the platform received the trigger. */
    receivedAt: p.datetime(),
    /** When its follow-up jobs were enqueued (same transaction); null when it caused nothing. */
    enqueuedAt: p.datetime().nullable(),
    outcome: p.enum(triggerOutcomes),
    /** Why nothing ran, or what ran, in a sentence. */
    outcomeReason: p.text(),
  },
  indexes: [{ properties: ['receivedAt'] }, { properties: ['subjectType', 'subjectId'] }],
});

/** A recorded trigger: one row per event that may start work; what it caused is in `trigger_link`. */
export class TriggerEvent extends TriggerEventSchema.class {}
TriggerEventSchema.setClass(TriggerEvent);
