import { defineEntity, p } from '@mikro-orm/core';
import { roles } from '../auth/roles.ts';
import { createdAtColumn, idColumn } from '../columns.ts';
import { Deployment } from '../deployment/deployment.entity.ts';
import { deploymentStages } from '../deployment/deployment-stage.lifecycle.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { User } from '../user/user.entity.ts';
import { promotionRequestStatuses } from './promotion-request.lifecycle.ts';
import type { RecordedGateVerdict } from './recorded-gate-verdict.ts';
import { promotionTransitions } from './promotion-transitions.ts';

const PromotionRequestSchema = defineEntity({
  name: 'PromotionRequest',
  tableName: 'promotion_request',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    /** The deployment whose stage moves up. */
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    transition: p.enum(promotionTransitions),
    fromStage: p.enum(deploymentStages),
    toStage: p.enum(deploymentStages),
    /** The promotion policy version whose approval matrix the request follows (copied into its record). */
    policyVersion: p.string(),
    /** Who asked; null when the platform opened it by itself. */
    requestedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    /** The requester's reason. */
    reason: p.text(),
    /**
     * What the transition's gates said on the deployment's evidence when the request was opened (the platform opens on a
     * passing verdict; a person may ask on any); null for requests opened before it was recorded.
     */
    gateVerdict: p.json<RecordedGateVerdict>().columnType('jsonb').nullable(),
    status: p.enum(promotionRequestStatuses).default('pending'),
    requestedAt: p.datetime(),
    /** No approval is accepted after this time. */
    expiresAt: p.datetime(),
    /** When it became approved, rejected, cancelled or expired; null while pending. */
    decidedAt: p.datetime().nullable(),
    /** Who rejected or cancelled it, and why; null otherwise. */
    decidedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    decisionComment: p.text().nullable(),
    /**
     * Every approval is given but the promotion was held back (`promotion.killSwitchOn`,
     * `promotion.connectorUnavailable`): the request stays pending with its approvals until `executePromotion` runs it.
     * Null when nothing held it back.
     */
    executionBlockedRule: p.string().nullable(),
    /** Why it was held back, in words; null otherwise. */
    executionBlockedReason: p.text().nullable(),
    /** When it was last held back; null otherwise. */
    executionBlockedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
});

/** A request to move a deployment one stage up the ladder, collecting the approvals of its policy's matrix. */
export class PromotionRequest extends PromotionRequestSchema.class {}
PromotionRequestSchema.setClass(PromotionRequest);

const PromotionApprovalSchema = defineEntity({
  name: 'PromotionApproval',
  tableName: 'promotion_approval',
  properties: {
    id: idColumn(),
    request: p.manyToOne(PromotionRequest).deleteRule('no action'),
    /** The approval matrix step it fills (e.g. `strategyReviewer`). */
    step: p.string(),
    /** The role the approver acted in. */
    role: p.enum(roles),
    approver: p.manyToOne(User).deleteRule('no action'),
    approvedAt: p.datetime(),
    comment: p.text(),
  },
});

/** One approval of a promotion request (append-only: one per step, one per person). */
export class PromotionApproval extends PromotionApprovalSchema.class {}
PromotionApprovalSchema.setClass(PromotionApproval);
