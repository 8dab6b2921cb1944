import type { EntityManager } from '@mikro-orm/postgresql';
import { auditRoleOf, type Actor } from '../../domain/auth/actor.ts';
import type { Clock } from '../../infra/clock.ts';
import type { SecuritySettings } from '../../infra/security/security-settings.ts';
import { calculateAuditHash, genesisHash, signAuditHash, type AuditHashedFields } from './audit-chain.ts';

/** What a use-case says about the state change it made. */
export interface AuditEntry {
  /** Dotted action, e.g. `backtest.queued`, `permission.granted`, `authorization.denied`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  datasetChecksum?: string | null;
  engineVersion?: string | null;
}

/** Advisory-lock key that serializes appends to the chain (one writer at a time, held until commit). */
const chainLockKey = 7_245_100_301;

/**
 * The one way to write the audit trail. `record` appends an event inside the caller's transaction: it takes
 * the chain lock, reads the last event's hash, and writes the next event with its SHA-256 hash and Ed25519
 * signature — so the event commits or rolls back with the state change it describes.
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
   * Appends one event on `em`, which must be inside a transaction (`em.transactional`).
   * @returns the new event's sequence number and hash.
   */
  async record(em: EntityManager, entry: AuditEntry, actor: Actor = this.actor): Promise<{ sequence: number; hash: string }> {
    await em.execute('select pg_advisory_xact_lock(?)', [chainLockKey]);
    const [last] = await em.execute<{ sequence: string; hash: string }[]>('select sequence, hash from audit_event order by sequence desc limit 1');
    const fields: AuditHashedFields = {
      sequence: last ? Number(last.sequence) + 1 : 1,
      occurredAt: new Date(Math.max(this.clock.now().getTime(), 0)),
      actorId: actor.userId,
      actorRole: auditRoleOf(actor),
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
      datasetChecksum: entry.datasetChecksum ?? null,
      engineVersion: entry.engineVersion ?? null,
      correlationId: this.correlationId,
      previousHash: last?.hash ?? genesisHash,
      signingKeyId: this.security.auditSigningKeyId,
    };
    const hash = calculateAuditHash(fields);
    await em.execute(
      `insert into audit_event (sequence, occurred_at, actor_id, actor_role, action, subject_type, subject_id, details, dataset_checksum,
                                engine_version, correlation_id, previous_hash, hash, signature, signing_key_id)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)`,
      [
        fields.sequence,
        fields.occurredAt,
        fields.actorId,
        fields.actorRole,
        fields.action,
        fields.subjectType,
        fields.subjectId,
        JSON.stringify(fields.details),
        fields.datasetChecksum,
        fields.engineVersion,
        fields.correlationId,
        fields.previousHash,
        hash,
        signAuditHash(hash, this.security.auditSigningKey),
        fields.signingKeyId,
      ],
    );
    return { sequence: fields.sequence, hash };
  }

  /** Appends one event in its own transaction (for outcomes with no state change: denials, failed sign-ins). */
  async recordAlone(em: EntityManager, entry: AuditEntry, actor: Actor = this.actor): Promise<void> {
    await em.fork().transactional((tx) => this.record(tx, entry, actor));
  }
}
