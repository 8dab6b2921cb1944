import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../../columns.ts';
import { User } from '../../user/user.entity.ts';
import type { MonitoringPolicy } from './monitoring-policy.ts';

const MonitoringPolicySchema = defineEntity({
  name: 'MonitoringPolicyVersion',
  tableName: 'monitoring_policy',
  properties: {
    id: idColumn(),
    /** e.g. `2026.12.1` (= `definition.version`); every monitoring evaluation records it. */
    version: p.string().unique(),
    /** Benchmark settings and the rules with window, threshold, persistence and action (`MonitoringPolicy`); read through `parseMonitoringPolicy`. */
    definition: p.json<MonitoringPolicy>().columnType('jsonb'),
    /** The newest active policy decides. */
    active: p.boolean().default(true),
    /** Who added the version; null when seeded by a migration. */
    createdBy: p.manyToOne(User).nullable().deleteRule('no action'),
    createdAt: createdAtColumn(),
  },
});

/** A versioned monitoring policy row (never edited; a change is a new version). */
export class MonitoringPolicyVersion extends MonitoringPolicySchema.class {}
MonitoringPolicySchema.setClass(MonitoringPolicyVersion);
