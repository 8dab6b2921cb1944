import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';

export const riskCategories = ['low', 'moderate', 'high'] as const;
export type RiskCategory = (typeof riskCategories)[number];

/** Where a strategy stands (lifecycle-spec FR-005); deployment stages live on the deployment. */
export const lifecycleStates = ['research', 'validation', 'staging', 'production', 'retired'] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

/** The lifecycle states a capital cap applies to (a retired strategy holds no capital). */
export const capitalStates = ['research', 'validation', 'staging', 'production'] as const satisfies readonly LifecycleState[];
export type CapitalState = (typeof capitalStates)[number];

/** Capital caps per lifecycle state, as fractions of portfolio (0.05 = 5 %); a state without a cap is absent. */
export type CapitalGuardrails = Partial<Record<CapitalState, number>>;

const StrategySchema = defineEntity({
  name: 'Strategy',
  tableName: 'strategy',
  properties: {
    id: idColumn(),
    code: p.string().unique(),
    name: p.string(),
    objective: p.text(),
    owner: p.manyToOne(User).deleteRule('no action'),
    eligibleMarkets: p.array().columnType('text[]'),
    riskCategory: p.enum(riskCategories),
    capitalGuardrails: p.json<CapitalGuardrails>().columnType('jsonb'),
    lifecycleState: p.enum(lifecycleStates).default('research'),
    dependencyNotes: p.text().nullable(),
    /**
     * When the strategy's promotions were frozen (data integrity, a critical breaker: promotion-framework §5); null when
     * not frozen. Only a person unfreezes it, with a fresh approval (step-up).
     */
    promotionsFrozenAt: p.datetime().nullable(),
    /** Why it was frozen (the reason code and what was measured); null when not frozen. */
    promotionsFrozenReason: p.text().nullable(),
    /**
     * When compliance put the strategy on regulatory hold; null when not held. A hold stops every automated action on
     * the strategy (no promotion, no monitoring action) and keeps all evidence; only compliance clears it.
     */
    regulatoryHoldAt: p.datetime().nullable(),
    /** Why it is held (compliance's reason); null when not held. */
    regulatoryHoldReason: p.text().nullable(),
    /** Who set the hold. */
    regulatoryHoldBy: p.manyToOne(User).nullable().deleteRule('no action'),
    createdAt: createdAtColumn(),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  checks: [
    { name: 'strategy_frozen_check', expression: '(promotions_frozen_at is null) = (promotions_frozen_reason is null)' },
    { name: 'strategy_hold_check', expression: '(regulatory_hold_at is null) = (regulatory_hold_reason is null)' },
  ],
});

/** A registered trading strategy; never deleted (archived through `lifecycleState`). */
export class Strategy extends StrategySchema.class {}
StrategySchema.setClass(Strategy);
