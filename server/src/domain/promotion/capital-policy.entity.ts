import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import type { CapitalPolicy } from './capital-policy.ts';

const CapitalPolicySchema = defineEntity({
  name: 'CapitalPolicyVersion',
  tableName: 'capital_policy',
  properties: {
    id: idColumn(),
    /** e.g. `2026.12.1` (= `definition.version`); every allocation records it. */
    version: p.string().unique(),
    /** Allocated stages, total cap, rank tiers, guardrails per risk category, pilot share (`CapitalPolicy`); read through `parseCapitalPolicy`. */
    definition: p.json<CapitalPolicy>().columnType('jsonb'),
    /** The newest active policy decides. */
    active: p.boolean().default(true),
    /** Who added the version; null when seeded by a migration. */
    createdBy: p.manyToOne(User).nullable().deleteRule('no action'),
    createdAt: createdAtColumn(),
  },
});

/** A versioned capital policy row (never edited; a change is a new version). */
export class CapitalPolicyVersion extends CapitalPolicySchema.class {}
CapitalPolicySchema.setClass(CapitalPolicyVersion);
