import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { Deployment } from '../deployment/deployment.entity.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import type { CandidateRefusal } from './promotion-candidates.ts';

export const promotionCandidateStatuses = ['qualified', 'refused'] as const;
export type PromotionCandidateStatus = (typeof promotionCandidateStatuses)[number];

const PromotionCandidateSchema = defineEntity({
  name: 'PromotionCandidate',
  tableName: 'promotion_candidate',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    /** The version scored on the evaluation date. */
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('no action'),
    /** The scorecard date assessed (the latest when the job ran), `YYYY-MM-DD`. */
    evaluationDate: p.date(),
    /** The promotion policy version whose candidate rule decided. */
    policyVersion: p.string(),
    /** `qualified`: a candidate (its request into OBSERVE is open: the platform or production starts its OBSERVE deployment); `refused`: not, with `refusals`. */
    status: p.enum(promotionCandidateStatuses),
    /** Rank on that date (1 = best) and the ranked count. */
    rank: p.integer(),
    rankCount: p.integer(),
    /** Consecutive evaluation dates in the top share ending at that date. */
    consecutiveEvaluationDays: p.integer(),
    /** Rank-driven LIVE allocation recommended by the capital policy, fraction of portfolio; null when refused. */
    recommendedAllocation: doubleColumn().nullable(),
    /** Why it is not a candidate: each rule with its threshold and measured value; `[]` when qualified. */
    refusals: p.json<CandidateRefusal[]>().columnType('jsonb'),
    /** The OBSERVE deployment the platform started for it (policy `candidate.observeStart`); null when production starts it. */
    observeDeployment: p.manyToOne(Deployment).nullable().deleteRule('no action'),
    /** Why the platform's OBSERVE start was refused (rule and reason); null otherwise. */
    observeStartRefusal: p.text().nullable(),
    createdAt: createdAtColumn(),
  },
  uniques: [{ name: 'promotion_candidate_once_per_date', properties: ['strategy', 'evaluationDate', 'policyVersion'] }],
});

/**
 * The candidate rule's verdict on one strategy for one scorecard date under one policy version (orchestration FR-005),
 * written once by the candidate job after each evaluation cycle (idempotent: one row per strategy, date and policy).
 */
export class PromotionCandidate extends PromotionCandidateSchema.class {}
PromotionCandidateSchema.setClass(PromotionCandidate);
