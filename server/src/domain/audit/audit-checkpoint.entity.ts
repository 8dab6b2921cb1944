import { defineEntity, p } from '@mikro-orm/core';

const AuditCheckpointSchema = defineEntity({
  name: 'AuditCheckpoint',
  tableName: 'audit_checkpoint',
  properties: {
    /** Sequence of the chain's head when the checkpoint was taken (copied from that event, never generated here). */
    sequence: p.bigint('number').primary().autoincrement(false),
    /** Hash of that event. */
    hash: p.string(),
    recordedAt: p.datetime(),
    /** Ed25519 signature (base64) of the canonical (sequence, hash, recordedAt, signingKeyId). */
    signature: p.text(),
    signingKeyId: p.string(),
  },
});

/**
 * A signed anchor of the audit chain's head, taken at a fixed interval (worker crontab) in an append-only table the
 * app role may only insert into: `verify` refuses a chain that no longer reaches or matches a checkpoint, so removing
 * the newest events (tail truncation) or restarting the chain is detected.
 */
export class AuditCheckpoint extends AuditCheckpointSchema.class {}
AuditCheckpointSchema.setClass(AuditCheckpoint);
