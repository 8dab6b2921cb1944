import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAction } from '../../domain/audit/audit-actions.ts';
import { AuditCheckpoint } from '../../domain/audit/audit-checkpoint.entity.ts';
import { AuditEvent, type AuditEventRecord } from '../../domain/audit/audit-event.entity.ts';
import { auditRoleOf, type Actor } from '../../domain/auth/actor.ts';
import type { Clock } from '../../infra/clock.ts';
import { runBeforeCommit } from '../../infra/db/before-commit.ts';
import type { SecuritySettings } from '../../infra/security/security-settings.ts';
import { calculateAuditHash, checkpointDigest, encodePublicKey, genesisHash, signAuditHash, type AuditHashedFields, type CheckpointFields } from './audit-chain.ts';

/** What a use-case says about the state change it made. */
export interface AuditEntry {
  /** Dotted action, e.g. `backtest.queued`, `permission.granted`, `authorization.denied` (closed list). */
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  datasetChecksum?: string | null;
  engineVersion?: string | null;
}

/** Advisory-lock key that serializes appends to the chain (one writer at a time, held until commit). */
const chainLockKey = 7_245_100_301;

/**
 * The chain would restart or fall behind a signed checkpoint: its newest events were removed (by someone with the
 * owner's or a superuser's credentials). Nothing more is appended until an operator has looked (`audit verify`).
 */
export class AuditChainTruncatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditChainTruncatedError';
  }
}

/**
 * The one way to write the audit trail. `record` appends an event to the caller's transaction, right before it
 * commits: it then takes the chain lock, reads the last event's hash, and writes the next event with its SHA-256 hash
 * and Ed25519 signature — so the event commits or rolls back with the state change it describes, and the chain lock
 * (every audited write of the platform serializes on it) is held only for the commit, not for the rest of the
 * use-case (a monitoring action used to hold it through its incident, notifications and events).
 */
export class AuditRecorder {
  private readonly actor: Actor;
  private readonly correlationId: string;
  private readonly clock: Clock;
  private readonly security: SecuritySettings;
  constructor(options: { actor: Actor; correlationId: string; clock: Clock; security: SecuritySettings }) {
    this.actor = options.actor;
    this.correlationId = options.correlationId;
    this.clock = options.clock;
    this.security = options.security;
  }

  /**
   * Appends one event to `em`'s transaction (`em.transactional`), written right before it commits — events of one
   * transaction in the order recorded, one gap-free chain across transactions (the chain lock). Its `occurredAt` is
   * the time of the append (under the lock, so the chain's times never go back). The entry is copied now.
   * Outside a transaction the event is written at once.
   * Failing at the commit (the transaction then rolls back): AuditChainTruncatedError when the chain is empty although
   * a checkpoint exists (it would restart at 1); Error when the signing key id is registered with another public key.
   */
  async record(em: EntityManager, entry: AuditEntry, actor: Actor = this.actor): Promise<void> {
    const copy: AuditEntry = { ...entry, details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown> };
    const append = (tx: EntityManager) => this.append(tx, copy, actor);
    if (!runBeforeCommit(em, append)) await append(em);
  }

  /** Registers the signing key (same transaction, before the lock: it needs none), then writes the event under the chain lock (held until the transaction ends). */
  private async append(em: EntityManager, entry: AuditEntry, actor: Actor): Promise<void> {
    await this.registerSigningKey(em);
    await em.execute('select pg_advisory_xact_lock(?)', [chainLockKey]);
    const last = await lastEvent(em);
    if (!last) await refuseRestart(em);
    const fields: AuditHashedFields = {
      sequence: last ? last.sequence + 1 : 1,
      occurredAt: new Date(Math.max(this.clock.now().getTime(), 0)),
      actorId: actor.userId,
      actorRole: auditRoleOf(actor),
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? {},
      datasetChecksum: entry.datasetChecksum ?? null,
      engineVersion: entry.engineVersion ?? null,
      correlationId: this.correlationId,
      previousHash: last?.hash ?? genesisHash,
      signingKeyId: this.security.auditSigningKeyId,
    };
    const hash = calculateAuditHash(fields);
    const record: AuditEventRecord = { ...fields, hash, signature: signAuditHash(hash, this.security.auditSigningKey) };
    await em.insert(AuditEvent, record);
  }

  /** Appends one event in its own transaction (for outcomes with no state change: denials, failed sign-ins). */
  async recordAlone(em: EntityManager, entry: AuditEntry, actor: Actor = this.actor): Promise<void> {
    await em.fork().transactional((tx) => this.record(tx, entry, actor));
  }

  /**
   * Signs and stores a checkpoint of the chain's head (sequence and hash) unless the newest checkpoint already
   * covers it. Runs in its own transaction under the chain lock.
   * @returns the new checkpoint, or null when there was nothing new to anchor.
   */
  async checkpoint(em: EntityManager): Promise<CheckpointFields | null> {
    return em.fork().transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [chainLockKey]);
      await this.registerSigningKey(tx);
      const head = await lastEvent(tx);
      if (!head) {
        await refuseRestart(tx);
        return null;
      }
      const [newest] = await tx.execute<{ sequence: string }[]>('select sequence from audit_checkpoint order by sequence desc limit 1');
      if (newest && Number(newest.sequence) >= head.sequence) return null;
      const fields: CheckpointFields = { sequence: head.sequence, hash: head.hash, recordedAt: this.clock.now(), signingKeyId: this.security.auditSigningKeyId };
      await tx.insert(AuditCheckpoint, { ...fields, signature: signAuditHash(checkpointDigest(fields), this.security.auditSigningKey) });
      return fields;
    });
  }

  /**
   * Registers the configured key's public key under its id (append-only registry), so its signatures verify after
   * a rotation, and the public keys of the previous key ids the configuration names (`auditPreviousVerifyKeys`: events
   * signed before a rotation or before the registry existed).
   * @throws Error when an id is already registered with another key.
   */
  async registerSigningKey(em: EntityManager): Promise<void> {
    const keys: [string, KeyObject][] = [[this.security.auditSigningKeyId, this.security.auditVerifyKey], ...this.security.auditPreviousVerifyKeys];
    for (const [keyId, key] of keys) {
      const publicKey = encodePublicKey(key);
      const [row] = await em.execute<{ public_key: string }[]>(
        `with inserted as (insert into audit_signing_key (key_id, public_key, registered_at) values (?, ?, now()) on conflict (key_id) do nothing returning public_key)
         select public_key from inserted union all select public_key from audit_signing_key where key_id = ? limit 1`,
        [keyId, publicKey, keyId],
      );
      if (row && row.public_key !== publicKey) {
        const variable = keyId === this.security.auditSigningKeyId ? 'AUDIT_SIGNING_KEY_ID' : 'AUDIT_PREVIOUS_VERIFY_KEYS';
        throw new Error(`${variable} "${keyId}" is already registered with another public key: give a rotated key a new id (its old id keeps verifying the events it signed)`);
      }
    }
  }
}

async function lastEvent(em: EntityManager): Promise<{ sequence: number; hash: string } | null> {
  const [last] = await em.execute<{ sequence: string; hash: string }[]>('select sequence, hash from audit_event order by sequence desc limit 1');
  return last ? { sequence: Number(last.sequence), hash: last.hash } : null;
}

/** An empty chain may only start when no checkpoint says events existed. @throws AuditChainTruncatedError */
async function refuseRestart(em: EntityManager): Promise<void> {
  const [checkpoint] = await em.execute<{ sequence: string }[]>('select sequence from audit_checkpoint order by sequence desc limit 1');
  if (checkpoint) {
    throw new AuditChainTruncatedError(`the audit chain is empty although a signed checkpoint anchors it at sequence ${checkpoint.sequence}: its events were removed; refusing to restart it at 1 (run \`audit verify\`)`);
  }
}
