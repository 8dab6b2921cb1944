import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import type { ScoringPolicy as ScoringPolicyDefinition } from '../../engine/index.ts';

const ScoringPolicySchema = defineEntity({
  name: 'ScoringPolicyVersion',
  tableName: 'scoring_policy',
  properties: {
    id: idColumn(),
    /** e.g. `2026.11.1`; every scorecard entry records it. */
    version: p.string().unique(),
    /** Weights, bands, minimum production standard and thresholds (engine `ScoringPolicy`). */
    definition: p.json<ScoringPolicyDefinition>().columnType('jsonb'),
    /** The newest active policy scores new cycles. */
    active: p.boolean().default(true),
    createdAt: createdAtColumn(),
  },
});

/** A versioned scoring policy row (never edited; a change is a new version). */
export class ScoringPolicyVersion extends ScoringPolicySchema.class {}
ScoringPolicySchema.setClass(ScoringPolicyVersion);
