import 'reflect-metadata';
import { Args, ArgsType, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { promotionCandidateStatuses, type PromotionCandidateStatus } from '../../domain/promotion/promotion-candidate.entity.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { CandidateVerdict } from '../../services/promotion/promotion-candidate.service.ts';
import type { GraphQLContext } from '../context.ts';
import { makeConnectionType, toConnection } from '../relay.ts';
import { screamingEnum } from '../screaming-enum.ts';
import { StrategyType } from '../strategy/strategy.type.ts';

export const PromotionCandidateStatusEnum = screamingEnum(promotionCandidateStatuses);
registerEnumType(PromotionCandidateStatusEnum, { name: 'PromotionCandidateStatus', description: 'QUALIFIED: a promotion candidate (production starts its OBSERVE deployment; the platform then opens each next request when the gates pass); REFUSED: not, with the refusals.' });

@ObjectType('PromotionCandidateRefusal', { description: 'One rule of the candidate rule a strategy did not meet: threshold and measured value.' })
export class PromotionCandidateRefusalType {
  @Field(() => String, { description: 'e.g. candidate.consecutiveEvaluationDays.' })
  rule!: string;
  @Field(() => Float, { description: 'The rule’s threshold (days for consecutiveEvaluationDays; 1 = required for flags).' })
  threshold!: number;
  @Field(() => Float, { nullable: true, description: 'The measured value, in the threshold’s unit; null when not measurable.' })
  measured!: number | null;
  @Field(() => String)
  message!: string;
}

@ObjectType('PromotionCandidate', { description: 'The FR-005 candidate rule’s verdict on one strategy for one scorecard date under one promotion policy version (recorded once by the candidate job after each evaluation cycle).' })
export class PromotionCandidateType {
  @Field(() => ID)
  id!: string;
  @Field(() => StrategyType)
  strategy!: Strategy;
  @Field(() => ID)
  strategyVersionId!: string;
  @Field(() => String, { description: 'The scorecard date assessed, YYYY-MM-DD.' })
  evaluationDate!: string;
  @Field(() => String, { description: 'The promotion policy version whose candidate rule decided.' })
  policyVersion!: string;
  @Field(() => PromotionCandidateStatusEnum)
  status!: PromotionCandidateStatus;
  @Field(() => Int, { description: 'Rank on that date, 1 = best.' })
  rank!: number;
  @Field(() => Int, { description: 'Ranked strategies on that date.' })
  rankCount!: number;
  @Field(() => Float, { nullable: true, description: 'Unified score on that date, 0–100; null when the scorecard entry is gone.' })
  normalizedScore!: number | null;
  @Field(() => Int, { description: 'Consecutive evaluation dates in the top share ending at that date.' })
  consecutiveEvaluationDays!: number;
  @Field(() => Float, { nullable: true, description: 'Rank-driven LIVE allocation recommended by the capital policy, fraction of portfolio; null when refused.' })
  recommendedAllocation!: number | null;
  @Field(() => [PromotionCandidateRefusalType], { description: 'Every rule not met, with threshold and measured value; empty when qualified.' })
  refusals!: PromotionCandidateRefusalType[];
  @Field(() => Date, { description: 'When the verdict was recorded (UTC).' })
  createdAt!: Date;
}

export const PromotionCandidateConnection = makeConnectionType('PromotionCandidate', PromotionCandidateType);

@ArgsType()
class PromotionCandidatesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;
  @Field(() => String, { nullable: true })
  after?: string | null;
  @Field(() => PromotionCandidateStatusEnum, { nullable: true, description: 'Only verdicts in this status.' })
  status?: PromotionCandidateStatus | null;
  @Field(() => String, { nullable: true, description: 'Only verdicts on this scorecard date, YYYY-MM-DD.' })
  evaluationDate?: string | null;
}

function toType(verdict: CandidateVerdict): PromotionCandidateType {
  const row = verdict.candidate;
  return {
    id: row.id,
    strategy: row.strategy,
    strategyVersionId: row.strategyVersion.id,
    evaluationDate: String(row.evaluationDate).slice(0, 10),
    policyVersion: row.policyVersion,
    status: row.status,
    rank: row.rank,
    rankCount: row.rankCount,
    normalizedScore: verdict.normalizedScore,
    consecutiveEvaluationDays: row.consecutiveEvaluationDays,
    recommendedAllocation: row.recommendedAllocation ?? null,
    refusals: row.refusals.map((refusal) => ({ rule: refusal.rule, threshold: refusal.threshold, measured: refusal.measured, message: refusal.message })),
    createdAt: row.createdAt,
  };
}

/** The candidate job's recorded verdicts (issue 12 "Candidates"); thin over `PromotionCandidateService`. */
@Resolver()
export class PromotionCandidateResolver {
  @Query(() => PromotionCandidateConnection, { description: 'The FR-005 candidate rule’s recorded verdicts, newest first (paged, 1–200 a page): rank, score, qualified or refused with each rule’s threshold and measured value. Needs read access to deployments.' })
  async promotionCandidates(@Args(() => PromotionCandidatesArgs) args: PromotionCandidatesArgs, @Ctx() ctx: GraphQLContext) {
    const page = await ctx.services.promotionCandidates.page({ first: args.first, after: args.after }, { status: args.status ?? null, evaluationDate: args.evaluationDate ?? null });
    return toConnection({ ...page, nodes: page.nodes.map(toType) });
  }
}
