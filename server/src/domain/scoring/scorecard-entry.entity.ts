import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { User } from '../user/user.entity.ts';

export const recommendations = ['promote', 'monitor', 'demote', 'retire'] as const;
export type Recommendation = (typeof recommendations)[number];

const ScorecardEntrySchema = defineEntity({
  name: 'ScorecardEntry',
  tableName: 'scorecard_entry',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('no action'),
    /** Evaluation batch date (UTC, `YYYY-MM-DD`). */
    evaluationDate: p.date(),
    /** Unified score, 0–100. */
    normalizedScore: p.decimal('number').precision(5).scale(2),
    riskAdjustedReturns: p.json<Record<string, unknown>>().columnType('jsonb'),
    tailRisk: p.json<Record<string, unknown>>().columnType('jsonb'),
    winRateStability: p.json<Record<string, unknown>>().columnType('jsonb'),
    driftSignals: p.json<Record<string, unknown>>().columnType('jsonb'),
    recommendation: p.enum(recommendations),
    generatedBy: p.manyToOne(User).deleteRule('no action'),
    createdAt: createdAtColumn(),
  },
  uniques: [{ properties: ['strategy', 'evaluationDate'] }],
});

/** A strategy version's normalized score for one evaluation date; one per strategy per date. */
export class ScorecardEntry extends ScorecardEntrySchema.class {}
ScorecardEntrySchema.setClass(ScorecardEntry);
