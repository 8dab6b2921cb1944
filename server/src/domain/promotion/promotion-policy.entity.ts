import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import type { PromotionPolicy } from './promotion-policy.ts';

const PromotionPolicySchema = defineEntity({
  name: 'PromotionPolicyVersion',
  tableName: 'promotion_policy',
  properties: {
    id: idColumn(),
    /** e.g. `2026.12.1` (= `definition.version`); every promotion request and record copies it. */
    version: p.string().unique(),
    /**
     * Windows, thresholds, approval matrix, portfolio limits, candidate rule and demotion triggers (`PromotionPolicy`).
     * Read it through `resolvePromotionPolicy`: an invalid definition keeps everything at OBSERVE.
     */
    definition: p.json<PromotionPolicy>().columnType('jsonb'),
    /** The newest active policy decides. */
    active: p.boolean().default(true),
    /** Who added the version; null when seeded by a migration. */
    createdBy: p.manyToOne(User).nullable().deleteRule('no action'),
    createdAt: createdAtColumn(),
  },
});

/** A versioned promotion policy row (never edited; a change is a new version). */
export class PromotionPolicyVersion extends PromotionPolicySchema.class {}
PromotionPolicySchema.setClass(PromotionPolicyVersion);
