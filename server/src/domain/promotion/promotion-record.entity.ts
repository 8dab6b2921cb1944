import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { Deployment } from '../deployment/deployment.entity.ts';
import { deploymentStages } from '../deployment/deployment-stage.lifecycle.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import type { Role } from '../auth/roles.ts';

/** What a promotion record says happened to a strategy's stage (issue 12 "PromotionRecord"). */
export const promotionDecisions = ['promote', 'demote', 'freeze', 'unfreeze'] as const;
export type PromotionDecision = (typeof promotionDecisions)[number];

/** One approval that authorized the change, as copied into the record. */
export interface RecordedApprover {
  /** The approval matrix step it filled (e.g. `strategyReviewer`). */
  step: string;
  /** The role the approver acted in. */
  role: Role;
  userId: string;
  approvedAt: string;
}

/** A piece of evidence the decision rests on: what it is, its id, and the SHA-256 (hex) of its content — never the blob. */
export interface EvidenceReference {
  /** e.g. `scorecardEntry`, `deployment`, `backtestRun`. */
  kind: string;
  id: string;
  hash: string;
}

/** What code took the decision: the git commit when the process knows it (null otherwise) and the engine version. */
export interface RuntimeFingerprint {
  gitCommit: string | null;
  engineVersion: string;
}

const PromotionRecordSchema = defineEntity({
  name: 'PromotionRecord',
  tableName: 'promotion_record',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    /** Position in the strategy's own chain: 1 for its first record, then 2, 3 … without gaps. */
    sequence: p.integer(),
    /** The deployment whose stage changed; null for a change that concerns no deployment yet. */
    deployment: p.manyToOne(Deployment).nullable().deleteRule('no action'),
    /** The promotion request the change completes; null for a change without a request (an automatic demotion). */
    promotionRequestId: p.uuid().nullable(),
    decision: p.enum(promotionDecisions),
    fromStage: p.enum(deploymentStages),
    toStage: p.enum(deploymentStages),
    /** The promotion policy version that decided (`promotion_policy.version`). */
    policyVersion: p.string(),
    /** Who asked (user id); null when the platform opened the request by itself. */
    requestedById: p.uuid().nullable(),
    /** The approvals that authorized it, in the order they were given (empty for an auto-approved or automatic change). */
    approvers: p.json<RecordedApprover[]>().columnType('jsonb'),
    /** When the stage change takes effect. */
    effectiveAt: p.datetime(),
    /** Why, as a code (e.g. `approvals_complete`, `risk_breach`, `data_integrity`). */
    reasonCode: p.string(),
    /** The metrics the decision saw (gate inputs and results), as typed JSON. */
    metricsSnapshot: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** SHA-256 (hex) of the canonical JSON of `metricsSnapshot`. */
    metricsSnapshotHash: p.string().length(64),
    /** Evidence ids and hashes (no blobs). */
    evidenceReferences: p.json<EvidenceReference[]>().columnType('jsonb'),
    runtimeFingerprint: p.json<RuntimeFingerprint>().columnType('jsonb'),
    /** `recordHash` of the strategy's previous record; 64 zeros for its first. */
    previousRecordHash: p.string().length(64),
    /** SHA-256 (hex) of the canonical JSON of this record's hashed fields (`promotion-record-chain.ts`). */
    recordHash: p.string().length(64),
    createdAt: createdAtColumn(),
  },
});

/**
 * The immutable source of truth for "who changed which stage of which strategy, when and why" (issue 12; lifecycle-spec
 * NFR-003). Append-only in the database (UPDATE, DELETE and TRUNCATE refused); each strategy's records form a hash chain.
 */
export class PromotionRecord extends PromotionRecordSchema.class {}
PromotionRecordSchema.setClass(PromotionRecord);
