import { defineEntity, p } from '@mikro-orm/core';
import type { ParameterSpace } from '../../engine/index.ts';
import { idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import { Strategy } from './strategy.entity.ts';

/** Version approval (data-model.md): `pending → approved | rejected`; only approved versions are automated. */
export const approvalStatuses = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** Reviewer, time and notes of an approval decision. */
export interface ApprovalMetadata {
  reviewerId: string;
  decidedAt: string;
  notes?: string;
}

const StrategyVersionSchema = defineEntity({
  name: 'StrategyVersion',
  tableName: 'strategy_version',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    /** `vYYYY.MM.patch`, unique per strategy. */
    versionTag: p.string(),
    submittedBy: p.manyToOne(User).deleteRule('no action'),
    submittedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    approvalStatus: p.enum(approvalStatuses).default('pending'),
    approvalMetadata: p.json<ApprovalMetadata>().columnType('jsonb').nullable(),
    changelog: p.text(),
    deterministicSeed: p.bigint('number'),
    /** Engine strategy template id, e.g. `sma_crossover`. */
    template: p.string(),
    /** The template's parameter space as submitted (bounds, steps, constraints). */
    parameterSpace: p.json<ParameterSpace>().columnType('jsonb'),
  },
  uniques: [{ properties: ['strategy', 'versionTag'] }],
  triggers: [
    {
      name: 'strategy_version_delete_only_pending',
      timing: 'before',
      events: ['delete'],
      forEach: 'row',
      // data-model.md: cascading deletes from a version are allowed only while it is pending.
      body: `begin
  if old.approval_status <> 'pending' then
    raise exception 'strategy version % is %, only pending versions can be deleted', old.version_tag, old.approval_status
      using errcode = 'restrict_violation';
  end if;
  return old;
end`,
    },
  ],
});

/** An immutable submission of a strategy: template, parameter space, changelog and seed. */
export class StrategyVersion extends StrategyVersionSchema.class {}
StrategyVersionSchema.setClass(StrategyVersion);
