import { defineEntity, p } from '@mikro-orm/core';
import type { FactorContribution, ScoringInputs } from '../../engine/index.ts';
import { createdAtColumn, idColumn } from '../columns.ts';
import { EvaluationCycle } from '../cycle/evaluation-cycle.entity.ts';
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
    recommendation: p.enum(recommendations),
    generatedBy: p.manyToOne(User).deleteRule('no action'),
    /** Scoring policy version applied (lifecycle-spec FR-020). */
    scoringPolicyVersion: p.string().default('2026.11.1'),
    /** Per factor: points 0–100, normalized weight (fraction), contribution in score points, per-metric values. */
    factorContributions: p.json<FactorContribution[]>().columnType('jsonb').default('[]'),
    /** Competition rank within the evaluation date (1 = best); null until ranked. */
    rank: p.integer().nullable(),
    /** False when a required input is missing: blocks every deployment action. */
    complete: p.boolean().default(false),
    missingInputs: p.json<string[]>().columnType('jsonb').default('[]'),
    /** Below the minimum production standard (or incomplete): no deployment. */
    researchOnly: p.boolean().default(true),
    /** Sentences explaining the recommendation, most important first. */
    rationale: p.json<string[]>().columnType('jsonb').default('[]'),
    /** The raw statistics scored (Sharpe, PBO, DSR…), for reproducibility. */
    inputs: p.json<ScoringInputs>().columnType('jsonb').default('{}'),
    evaluationCycle: p.manyToOne(EvaluationCycle).nullable().deleteRule('set null'),
    /** Set when a later cycle of the same date replaced the numbers. */
    updatedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
  uniques: [{ properties: ['strategy', 'evaluationDate'] }],
});

/** A strategy version's normalized score for one evaluation date; one per strategy per date. */
export class ScorecardEntry extends ScorecardEntrySchema.class {}
ScorecardEntrySchema.setClass(ScorecardEntry);
