import 'reflect-metadata';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../domain/auth/roles.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { DeploymentStageEnum } from '../deployment/deployment-enums.ts';
import { promotionDecisions, type PromotionDecision } from '../../domain/promotion/promotion-record.entity.ts';
import { promotionRequestStatuses, type PromotionRequestStatus } from '../../domain/promotion/promotion-request.lifecycle.ts';
import { promotionTransitions, type PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import { RoleEnum } from '../auth/auth.types.ts';
import { DetailEntryType } from '../detail-entry.type.ts';
import { screamingEnum } from '../screaming-enum.ts';

export const PromotionRequestStatusEnum = screamingEnum(promotionRequestStatuses);
registerEnumType(PromotionRequestStatusEnum, { name: 'PromotionRequestStatus', description: 'pending (collecting approvals) → approved, rejected, cancelled or expired (all final).' });

/** `observeToShadow` → `OBSERVE_TO_SHADOW` (the values stay the domain's words). */
export const PromotionTransitionEnum = Object.fromEntries(promotionTransitions.map((transition) => [transition.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase(), transition])) as Record<string, PromotionTransition>;
registerEnumType(PromotionTransitionEnum, { name: 'PromotionTransition', description: 'One step up the ladder: OBSERVE → SHADOW, SHADOW → PAPER, PAPER → LIVE.' });


export const PromotionDecisionEnum = screamingEnum(promotionDecisions);
registerEnumType(PromotionDecisionEnum, { name: 'PromotionDecision', description: 'What a promotion record says happened: promote, demote, freeze, unfreeze.' });

@ObjectType('PromotionApproval', { description: 'One approval of a promotion request: the matrix step it fills, who, in which role, when, and their comment.' })
export class PromotionApprovalType {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'The approval matrix step (e.g. `strategyReviewer`).' })
  step!: string;
  @Field(() => RoleEnum, { description: 'The role the approver acted in.' })
  role!: Role;
  @Field(() => ID, { nullable: true, description: 'The approver’s user id (an approver identity: not readable by research).' })
  approverId!: string | null;
  @Field(() => Date, { description: 'When (UTC).' })
  approvedAt!: Date;
  @Field(() => String)
  comment!: string;
}

@ObjectType('PromotionRequest', { description: 'A request to move a deployment one stage up, collecting the approvals of its policy version’s approval matrix.' })
export class PromotionRequestType {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  strategyId!: string;
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => PromotionTransitionEnum)
  transition!: PromotionTransition;
  @Field(() => DeploymentStageEnum)
  fromStage!: DeploymentStage;
  @Field(() => DeploymentStageEnum)
  toStage!: DeploymentStage;
  @Field(() => String, { description: 'The promotion policy version it follows.' })
  policyVersion!: string;
  @Field(() => ID, { nullable: true, description: 'Who asked; null when the platform opened it.' })
  requestedById!: string | null;
  @Field(() => String)
  reason!: string;
  @Field(() => PromotionRequestStatusEnum)
  status!: PromotionRequestStatus;
  @Field(() => Date)
  requestedAt!: Date;
  @Field(() => Date, { description: 'No approval is accepted after this time (UTC).' })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was approved, rejected, cancelled or expired; null while pending.' })
  decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The rejecter’s comment; null otherwise.' })
  decisionComment!: string | null;
  @Field(() => [PromotionApprovalType], { description: 'Approvals given, oldest first.' })
  approvals!: PromotionApprovalType[];
  @Field(() => String, {
    nullable: true,
    description:
      'Every approval is given but the promotion did not execute: held back (`promotion.killSwitchOn`, `promotion.connectorUnavailable` at LIVE activation) or refused at execution (`promotion.monitoringBlocked`: monitoring blocks the deployment or its strategy, the incident named; `promotion.gatesNotPassed`: the gates re-evaluated on current evidence no longer pass, each rule with its threshold and measured value). The request stays pending until executePromotion runs it (or it expires). Null otherwise.',
  })
  executionBlockedRule!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it did not execute, in words (every failed rule with threshold and measured value); null otherwise.' })
  executionBlockedReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was last held back (UTC); null otherwise.' })
  executionBlockedAt!: Date | null;
}



@ObjectType('PromotionRecordApprover', { description: 'An approval as copied into a promotion record.' })
export class PromotionRecordApproverType {
  @Field(() => String)
  step!: string;
  @Field(() => RoleEnum)
  role!: Role;
  @Field(() => ID, { nullable: true, description: 'The approver’s user id (an approver identity: not readable by research).' })
  userId!: string | null;
  @Field(() => String, { description: 'ISO 8601 UTC time of the approval.' })
  approvedAt!: string;
}

@ObjectType('PromotionEvidenceReference', { description: 'A piece of evidence a stage change rests on: its kind, id and SHA-256 (hex) of its content.' })
export class PromotionEvidenceReferenceType {
  @Field(() => String)
  kind!: string;
  @Field(() => String)
  id!: string;
  @Field(() => String)
  hash!: string;
}

@ObjectType('PromotionRecord', { description: 'The immutable, hash-chained record of one stage change of a strategy (who, which stage, when, why).' })
export class PromotionRecordType {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  strategyId!: string;
  @Field(() => Int, { description: 'Position in the strategy’s chain, from 1.' })
  sequence!: number;
  @Field(() => ID, { nullable: true })
  deploymentId!: string | null;
  @Field(() => ID, { nullable: true })
  promotionRequestId!: string | null;
  @Field(() => PromotionDecisionEnum)
  decision!: PromotionDecision;
  @Field(() => DeploymentStageEnum)
  fromStage!: DeploymentStage;
  @Field(() => DeploymentStageEnum)
  toStage!: DeploymentStage;
  @Field(() => String)
  policyVersion!: string;
  @Field(() => ID, { nullable: true })
  requestedById!: string | null;
  @Field(() => [PromotionRecordApproverType])
  approvers!: PromotionRecordApproverType[];
  @Field(() => Date)
  effectiveAt!: Date;
  @Field(() => String)
  reasonCode!: string;
  @Field(() => [DetailEntryType], { description: 'The metrics snapshot the decision saw, one entry per value.' })
  metricsSnapshot!: DetailEntryType[];
  @Field(() => String, { description: 'SHA-256 (hex) of the snapshot’s canonical JSON.' })
  metricsSnapshotHash!: string;
  @Field(() => [PromotionEvidenceReferenceType])
  evidenceReferences!: PromotionEvidenceReferenceType[];
  @Field(() => String, { nullable: true, description: 'Git commit of the code that decided, when known.' })
  gitCommit!: string | null;
  @Field(() => String, { description: 'Engine version of the code that decided.' })
  engineVersion!: string;
  @Field(() => String, { description: 'recordHash of the previous record; 64 zeros for the first.' })
  previousRecordHash!: string;
  @Field(() => String)
  recordHash!: string;
}

@ObjectType('PromotionChainVerdict', { description: 'The verdict on one strategy’s chain of promotion records.' })
export class PromotionChainVerdictType {
  @Field(() => ID)
  strategyId!: string;
  @Field(() => Int, { description: 'Records checked.' })
  records!: number;
  @Field(() => Boolean)
  intact!: boolean;
  @Field(() => Int, { nullable: true, description: 'Sequence of the first broken record; null when intact.' })
  brokenSequence!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it is broken; null when intact.' })
  reason!: string | null;
}

@ObjectType('PromotionApprovalResult', { description: 'What an approval (or executePromotion) did: the request, and when the promotion executed its record, allocation, live-cap demotions and, into LIVE, the confirmation token.' })
export class PromotionApprovalResultType {
  @Field(() => PromotionRequestType)
  request!: PromotionRequestType;
  @Field(() => Boolean, { description: 'True when the promotion was executed by this call (stage moved, record written).' })
  executed!: boolean;
  @Field(() => PromotionRecordType, { nullable: true, description: 'The promotion record written; null when not executed.' })
  record!: PromotionRecordType | null;
  @Field(() => Float, { nullable: true, description: 'Allocation granted at the new stage (pilot wave), fraction of portfolio; null for a stage that holds no capital or when not executed.' })
  allocation!: number | null;
  @Field(() => [ID], { description: 'Live deployments the live cap demoted to SHADOW in the same transaction.' })
  demotedDeploymentIds!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'PAPER → LIVE: the LIVE confirmation token the final authorizer’s approval created — shown this once, never stored (only its SHA-256). Null otherwise.',
  })
  liveConfirmationToken!: string | null;
  @Field(() => Date, { nullable: true, description: 'When that token expires (UTC); null without a token.' })
  liveConfirmationTokenExpiresAt!: Date | null;
}
