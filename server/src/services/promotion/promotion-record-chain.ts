import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { PromotionRecord, type EvidenceReference, type PromotionDecision, type RecordedApprover, type RuntimeFingerprint } from '../../domain/promotion/promotion-record.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { ENGINE_VERSION } from '../../engine/version.ts';
import { canonicalJson, genesisHash } from '../audit/audit-chain.ts';

/** The fields a record's hash covers: everything it says, its place in the chain and the previous record's hash. */
export interface PromotionRecordHashedFields {
  strategyId: string;
  sequence: number;
  deploymentId: string | null;
  promotionRequestId: string | null;
  decision: PromotionDecision;
  fromStage: DeploymentStage;
  toStage: DeploymentStage;
  policyVersion: string;
  requestedById: string | null;
  approvers: RecordedApprover[];
  effectiveAt: Date;
  reasonCode: string;
  metricsSnapshotHash: string;
  evidenceReferences: EvidenceReference[];
  runtimeFingerprint: RuntimeFingerprint;
  previousRecordHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 (hex) of a metrics snapshot's canonical JSON (the audit trail's canonicalization). */
export function hashMetricsSnapshot(snapshot: Record<string, unknown>): string {
  return sha256(canonicalJson(snapshot));
}

/** The fields {@link calculatePromotionRecordHash} covers: every field of {@link PromotionRecordHashedFields} (the type refuses one missing or extra). */
const hashedFields: Record<keyof PromotionRecordHashedFields, true> = {
  strategyId: true, sequence: true, deploymentId: true, promotionRequestId: true, decision: true, fromStage: true, toStage: true, policyVersion: true,
  requestedById: true, approvers: true, effectiveAt: true, reasonCode: true, metricsSnapshotHash: true, evidenceReferences: true, runtimeFingerprint: true, previousRecordHash: true,
};
const hashedFieldNames = Object.keys(hashedFields) as (keyof PromotionRecordHashedFields)[];

/** SHA-256 (hex) of a record's canonical serialization (its hashed fields only, whatever else `fields` carries). */
export function calculatePromotionRecordHash(fields: PromotionRecordHashedFields): string {
  const hashed = Object.fromEntries(hashedFieldNames.map((field) => [field, fields[field]]));
  return sha256(canonicalJson({ kind: 'promotion-record', ...hashed }));
}

/** The code taking decisions now: the engine version, and the git commit when the caller knows it (no config holds one yet). */
export function currentRuntimeFingerprint(gitCommit: string | null = null): RuntimeFingerprint {
  return { gitCommit, engineVersion: ENGINE_VERSION };
}

/** What a stage change says; the chain fields (sequence, hashes) are added by {@link appendPromotionRecord}. */
export interface PromotionRecordInput extends Omit<PromotionRecordHashedFields, 'sequence' | 'metricsSnapshotHash' | 'previousRecordHash'> {
  metricsSnapshot: Record<string, unknown>;
}

/** First key of the advisory lock serializing appends to one strategy's chain (the second is the strategy id's hash). */
const chainLockClass = 7_245_100;

/**
 * Appends the next record of the strategy's chain on `em`, which must be the use-case transaction: takes the
 * strategy's chain lock (held until commit, so concurrent appends queue), reads the newest record, and inserts the
 * record with sequence + 1, the previous record's hash and its own.
 */
export async function appendPromotionRecord(em: EntityManager, input: PromotionRecordInput): Promise<PromotionRecord> {
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [chainLockClass, input.strategyId]);
  const [last] = await em.execute<{ sequence: number; record_hash: string }[]>(
    'select sequence, record_hash from promotion_record where strategy_id = ? order by sequence desc limit 1',
    [input.strategyId],
  );
  const approvers = JSON.parse(JSON.stringify(input.approvers)) as RecordedApprover[];
  const evidenceReferences = JSON.parse(JSON.stringify(input.evidenceReferences)) as EvidenceReference[];
  const metricsSnapshot = JSON.parse(JSON.stringify(input.metricsSnapshot)) as Record<string, unknown>;
  const fields: PromotionRecordHashedFields = {
    strategyId: input.strategyId,
    sequence: last ? last.sequence + 1 : 1,
    deploymentId: input.deploymentId,
    promotionRequestId: input.promotionRequestId,
    decision: input.decision,
    fromStage: input.fromStage,
    toStage: input.toStage,
    policyVersion: input.policyVersion,
    requestedById: input.requestedById,
    approvers,
    effectiveAt: new Date(input.effectiveAt.getTime()),
    reasonCode: input.reasonCode,
    metricsSnapshotHash: hashMetricsSnapshot(metricsSnapshot),
    evidenceReferences,
    runtimeFingerprint: { ...input.runtimeFingerprint },
    previousRecordHash: last?.record_hash ?? genesisHash,
  };
  const { strategyId, deploymentId, ...recorded } = fields;
  const record = em.create(PromotionRecord, {
    ...recorded,
    strategy: em.getReference(Strategy, strategyId),
    deployment: deploymentId ? em.getReference(Deployment, deploymentId) : null,
    metricsSnapshot,
    recordHash: calculatePromotionRecordHash(fields),
  });
  await em.flush();
  return record;
}

/** The verdict on one strategy's chain. */
export interface PromotionChainVerdict {
  strategyId: string;
  /** Records checked. */
  records: number;
  intact: boolean;
  /** Sequence of the first broken record; null when intact. */
  brokenSequence: number | null;
  /** Why it is broken (the first rule it breaks); null when intact. */
  reason: string | null;
}

/** A stored record as {@link verifyPromotionRecordChain} reads it. */
export type StoredPromotionRecord = PromotionRecordHashedFields & { metricsSnapshot: Record<string, unknown>; recordHash: string };

/**
 * Checks one strategy's records, in sequence order: sequences 1, 2, 3 … without gap, each record's link to the
 * previous record's hash (genesis = 64 zeros), its metrics snapshot against its hash, and its own hash. Pure.
 */
export function verifyPromotionRecordChain(strategyId: string, records: readonly StoredPromotionRecord[]): PromotionChainVerdict {
  const broken = (sequence: number, reason: string): PromotionChainVerdict => ({ strategyId, records: records.length, intact: false, brokenSequence: sequence, reason });
  let previousHash = genesisHash;
  for (const [index, record] of records.entries()) {
    if (record.sequence !== index + 1) return broken(record.sequence, `sequence ${record.sequence} follows ${index} (records missing)`);
    if (record.previousRecordHash !== previousHash) return broken(record.sequence, `previous record hash does not match the hash of record ${index}`);
    if (hashMetricsSnapshot(record.metricsSnapshot) !== record.metricsSnapshotHash) return broken(record.sequence, 'metrics snapshot does not match its hash');
    if (calculatePromotionRecordHash(record) !== record.recordHash) return broken(record.sequence, 'record hash does not match its content');
    previousHash = record.recordHash;
  }
  return { strategyId, records: records.length, intact: true, brokenSequence: null, reason: null };
}

/**
 * Verifies the chain of every strategy with records (or only `strategyId`'s) and reports, per strategy, the first
 * broken link. Strategies in id order.
 */
export async function verifyPromotionRecordChains(em: EntityManager, strategyId?: string): Promise<PromotionChainVerdict[]> {
  const rows = await em.find(PromotionRecord, strategyId ? { strategy: strategyId } : {}, { orderBy: { strategy: 'asc', sequence: 'asc' } });
  const byStrategy = new Map<string, StoredPromotionRecord[]>();
  for (const row of rows) {
    const stored: StoredPromotionRecord = {
      strategyId: row.strategy.id,
      sequence: row.sequence,
      deploymentId: row.deployment?.id ?? null,
      promotionRequestId: row.promotionRequestId ?? null,
      decision: row.decision,
      fromStage: row.fromStage,
      toStage: row.toStage,
      policyVersion: row.policyVersion,
      requestedById: row.requestedById ?? null,
      approvers: row.approvers,
      effectiveAt: row.effectiveAt,
      reasonCode: row.reasonCode,
      metricsSnapshotHash: row.metricsSnapshotHash,
      metricsSnapshot: row.metricsSnapshot,
      evidenceReferences: row.evidenceReferences,
      runtimeFingerprint: row.runtimeFingerprint,
      previousRecordHash: row.previousRecordHash,
      recordHash: row.recordHash,
    };
    const list = byStrategy.get(stored.strategyId) ?? [];
    list.push(stored);
    byStrategy.set(stored.strategyId, list);
  }
  return [...byStrategy.entries()].map(([id, records]) => verifyPromotionRecordChain(id, records));
}
