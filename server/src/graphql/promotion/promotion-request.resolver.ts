import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import type { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import type { PromotionRequestStatus } from '../../domain/promotion/promotion-request.lifecycle.ts';
import type { PromotionApprovalResult, PromotionRequestView } from '../../services/promotion/promotion-request.service.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntryValue } from '../detail-entry.type.ts';
import { parseId } from '../relay.ts';
import { PromotionApprovalResultType, PromotionChainVerdictType, PromotionRecordType, PromotionRequestStatusEnum, PromotionRequestType } from './promotion-request.type.ts';

@InputType('RequestPromotionInput', { description: 'Ask for a deployment’s next stage (OBSERVE → SHADOW → PAPER → LIVE, one stage at a time).' })
class RequestPromotionInput {
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => String, { description: 'Why (at least 3 characters).' })
  reason!: string;
}

@InputType('ApprovePromotionRequestInput', { description: 'Sign one step of a pending request’s approval matrix (production action: fresh TOTP step-up).' })
class ApprovePromotionRequestInput {
  @Field(() => ID)
  requestId!: string;
  @Field(() => String, { description: 'The matrix step (e.g. `strategyReviewer`).' })
  step!: string;
  @Field(() => String, { description: 'The approver’s comment (at least 3 characters).' })
  comment!: string;
}

@InputType('RejectPromotionRequestInput', { description: 'Reject a pending request (not by its requester).' })
class RejectPromotionRequestInput {
  @Field(() => ID)
  requestId!: string;
  @Field(() => String, { description: 'Why (at least 3 characters).' })
  comment!: string;
}

@InputType('ExecutePromotionInput', { description: 'Run a fully approved request whose execution was held back (kill switch, connector). Production action (TOTP); into LIVE only by its final authorizer.' })
class ExecutePromotionInput {
  @Field(() => ID)
  requestId!: string;
}

@ArgsType()
class PromotionRequestsArgs {
  @Field(() => ID, { nullable: true, description: 'Only requests of this strategy.' })
  strategyId?: string | null;
  @Field(() => PromotionRequestStatusEnum, { nullable: true, description: 'Only requests in this status.' })
  status?: PromotionRequestStatus | null;
  @Field(() => Int, { nullable: true, description: 'At most this many, 1–200 (default 50), newest first.' })
  limit?: number | null;
}

export function toRequestType(view: PromotionRequestView): PromotionRequestType {
  const { request } = view;
  return {
    id: request.id,
    strategyId: request.strategy.id,
    deploymentId: request.deployment.id,
    transition: request.transition,
    fromStage: request.fromStage,
    toStage: request.toStage,
    policyVersion: request.policyVersion,
    requestedById: request.requestedBy?.id ?? null,
    reason: request.reason,
    status: request.status,
    requestedAt: request.requestedAt,
    expiresAt: request.expiresAt,
    decidedAt: request.decidedAt ?? null,
    decisionComment: request.decisionComment ?? null,
    executionBlockedRule: request.executionBlockedRule ?? null,
    executionBlockedReason: request.executionBlockedReason ?? null,
    executionBlockedAt: request.executionBlockedAt ?? null,
    approvals: view.approvals.map((approval) => ({ id: approval.id, step: approval.step, role: approval.role, approverId: approval.approver.id, approvedAt: approval.approvedAt, comment: approval.comment })),
  };
}

/** A promotion record as the API shows it. */
export function toRecordType(record: PromotionRecord): PromotionRecordType {
  return {
    id: record.id,
    strategyId: record.strategy.id,
    sequence: record.sequence,
    deploymentId: record.deployment?.id ?? null,
    promotionRequestId: record.promotionRequestId ?? null,
    decision: record.decision,
    fromStage: record.fromStage,
    toStage: record.toStage,
    policyVersion: record.policyVersion,
    requestedById: record.requestedById ?? null,
    approvers: record.approvers,
    effectiveAt: record.effectiveAt,
    reasonCode: record.reasonCode,
    metricsSnapshot: toDetailEntries(record.metricsSnapshot).map(toDetailEntryValue),
    metricsSnapshotHash: record.metricsSnapshotHash,
    evidenceReferences: record.evidenceReferences,
    gitCommit: record.runtimeFingerprint.gitCommit,
    engineVersion: record.runtimeFingerprint.engineVersion,
    previousRecordHash: record.previousRecordHash,
    recordHash: record.recordHash,
  };
}

function toApprovalResult(result: PromotionApprovalResult): PromotionApprovalResultType {
  const executed = result.execution?.executed === true ? result.execution : null;
  return {
    request: toRequestType(result),
    executed: executed !== null,
    record: result.record ? toRecordType(result.record) : null,
    allocation: executed?.allocation ?? null,
    demotedDeploymentIds: executed?.demoted.map((item) => item.deploymentId) ?? [],
    liveConfirmationToken: executed?.liveToken?.secret ?? null,
    liveConfirmationTokenExpiresAt: executed?.liveToken?.token.expiresAt ?? null,
  };
}

/** Promotion requests, approvals and records (issue 12); thin over `PromotionRequestService`. */
@Resolver()
export class PromotionRequestResolver {
  @Query(() => [PromotionRequestType], { description: 'Promotion requests, newest first.' })
  async promotionRequests(@Args(() => PromotionRequestsArgs) args: PromotionRequestsArgs, @Ctx() ctx: GraphQLContext): Promise<PromotionRequestType[]> {
    const views = await ctx.services.promotionRequests.list({ strategyId: args.strategyId ? parseId(args.strategyId, 'Strategy', 'strategyId') : null, status: args.status, limit: args.limit });
    return views.map(toRequestType);
  }

  @Query(() => [PromotionRecordType], { description: 'A strategy’s promotion records, oldest first (its chain order).' })
  async promotionRecords(@Arg('strategyId', () => ID) strategyId: string, @Ctx() ctx: GraphQLContext): Promise<PromotionRecordType[]> {
    return (await ctx.services.promotionRequests.records(parseId(strategyId, 'Strategy', 'strategyId'))).map(toRecordType);
  }

  @Query(() => [PromotionChainVerdictType], { description: 'Verifies each strategy’s promotion record chain (or one strategy’s) and reports the first broken link.' })
  async verifyPromotionChain(@Arg('strategyId', () => ID, { nullable: true }) strategyId: string | null, @Ctx() ctx: GraphQLContext): Promise<PromotionChainVerdictType[]> {
    return ctx.services.promotionRequests.verifyChains(strategyId ? parseId(strategyId, 'Strategy', 'strategyId') : null);
  }

  @Mutation(() => PromotionRequestType, { description: 'Opens a promotion request for a deployment’s next stage (production action).' })
  async requestPromotion(@Arg('input', () => RequestPromotionInput) input: RequestPromotionInput, @Ctx() ctx: GraphQLContext): Promise<PromotionRequestType> {
    return toRequestType(await ctx.services.promotionRequests.request({ deploymentId: parseId(input.deploymentId, 'Deployment', 'deploymentId'), reason: input.reason }));
  }

  @Mutation(() => PromotionApprovalResultType, {
    description:
      'Approves one step of a pending request (production or risk, TOTP; the matrix decides which step a role signs). The last approval executes the promotion in one transaction: portfolio limits and capital checked, stage moved, records chained, and into LIVE the confirmation token (shown once). The gates are re-evaluated on current evidence and monitoring’s promotion block is read in that transaction: refused (recorded on the request) when they fail; held back while a kill switch is on or the exchange connector is unavailable (the request stays pending).',
  })
  async approvePromotionRequest(@Arg('input', () => ApprovePromotionRequestInput) input: ApprovePromotionRequestInput, @Ctx() ctx: GraphQLContext): Promise<PromotionApprovalResultType> {
    return toApprovalResult(await ctx.services.promotionRequests.approve({ requestId: parseId(input.requestId, 'PromotionRequest', 'requestId'), step: input.step, comment: input.comment }));
  }

  @Mutation(() => PromotionApprovalResultType, { description: 'Runs a fully approved request whose execution was held back (kill switch off again, connector back). Production action (TOTP); into LIVE only by its final authorizer.' })
  async executePromotion(@Arg('input', () => ExecutePromotionInput) input: ExecutePromotionInput, @Ctx() ctx: GraphQLContext): Promise<PromotionApprovalResultType> {
    return toApprovalResult(await ctx.services.promotionRequests.execute({ requestId: parseId(input.requestId, 'PromotionRequest', 'requestId') }));
  }

  @Subscription(() => PromotionRequestType, {
    topics: 'PROMOTION_REQUEST_UPDATED',
    description: 'Every change of a promotion request (requested, a step approved, executed, held back, rejected, expired), its state as of the change; optionally of one deployment.',
    filter: ({ payload, args }: { payload: EventDelivery<'PROMOTION_REQUEST_UPDATED'>; args: { deploymentId?: string | null } }) => !args.deploymentId || payload.payload.deploymentId === parseId(args.deploymentId, 'Deployment'),
  })
  async promotionRequestChanged(@Root() delivery: EventDelivery<'PROMOTION_REQUEST_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('deploymentId', () => ID, { nullable: true }) _deploymentId?: string | null): Promise<PromotionRequestType> {
    return toRequestType(await ctx.services.promotionRequests.asOfEvent(delivery));
  }

  @Mutation(() => PromotionRequestType, { description: 'Rejects a pending request (not by its requester).' })
  async rejectPromotionRequest(@Arg('input', () => RejectPromotionRequestInput) input: RejectPromotionRequestInput, @Ctx() ctx: GraphQLContext): Promise<PromotionRequestType> {
    return toRequestType(await ctx.services.promotionRequests.reject({ requestId: parseId(input.requestId, 'PromotionRequest', 'requestId'), comment: input.comment }));
  }
}
