import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { TriggerEvent } from './trigger-event.entity.ts';

/** What a trigger caused: a graphile-worker job (by job key), then the runs that job made. */
export const triggerTargetTypes = ['job', 'evaluation_cycle', 'backtest_run', 'optimization'] as const;
export type TriggerTargetType = (typeof triggerTargetTypes)[number];

const TriggerLinkSchema = defineEntity({
  name: 'TriggerLink',
  tableName: 'trigger_link',
  properties: {
    id: idColumn(),
    triggerEvent: p.manyToOne(TriggerEvent).deleteRule('cascade'),
    targetType: p.enum(triggerTargetTypes),
    /** Job key for `job` links; the row id of the run otherwise. */
    targetId: p.string(),
    /** graphile-worker job key shared by de-duplicated triggers (both `job` and run links carry it). */
    jobKey: p.string().nullable(),
    taskIdentifier: p.string().nullable(),
    strategy: p.manyToOne(Strategy).nullable().deleteRule('no action'),
    /** For `job` links: when the job turned this link into run links (null while the job waits). */
    consumedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['jobKey'] }, { properties: ['targetType', 'targetId'] }],
});

/**
 * One edge trigger → job or run. Simultaneous triggers for the same work share a job key: the job runs once and
 * links its runs back to every trigger that asked for it.
 */
export class TriggerLink extends TriggerLinkSchema.class {}
TriggerLinkSchema.setClass(TriggerLink);
