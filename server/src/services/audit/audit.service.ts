import type { KeyObject } from 'node:crypto';
import { actionPatterns } from '../../domain/audit/action-filter.ts';
import { auditEventFieldNames, auditRecordFromRow, type AuditEventRecord } from '../../domain/audit/audit-event.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import { User } from '../../domain/user/user.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { calculateAuditHash, canonicalJson, checkpointDigest, decodePublicKey, genesisHash, verifyAuditSignature, type CheckpointFields } from './audit-chain.ts';

/** One audit event as read back. */
export type AuditEventRow = AuditEventRecord;

/** Filters of the audit log (all optional; time range is [from, to)). */
export interface AuditFilter {
  actorId?: string | null;
  action?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Outcome of a chain verification: intact, or the first broken link and why. */
export interface ChainVerification {
  intact: boolean;
  checkedCount: number;
  firstSequence: number | null;
  lastSequence: number | null;
  /** Sequence of the first event that fails a check (or the first missing one); null when intact. */
  brokenSequence: number | null;
  reason: string | null;
  /** Signed checkpoints checked against the chain. */
  checkpointCount: number;
  /**
   * Append-only relations (audit partitions included) missing an enabled trigger that refuses UPDATE/DELETE or
   * TRUNCATE, each with what is missing; any makes the verification fail (the chain may be intact, but can be
   * shortened unseen by the owner's role meanwhile).
   */
  unprotectedRelations: string[];
}

/** Yearly audit partitions are created this many years ahead by the retention job. */
export const auditPartitionYearsAhead = 2;
/** Retention of the audit trail (specs/README.md): partitions younger than this are never dropped or detached. */
export const auditRetentionYears = 7;

/** Events read per query while verifying (bounded memory however long the chain). */
const verifyPageSize = 5000;

/** Reading, verifying, anchoring, exporting and partitioning the audit trail. */
export class AuditService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Events matching `filter`, newest first, at most `limit` (1..1000) before sequence `before`, with the acting users'
   * names and emails by user id (`actors`; the event keeps only the id, which stays the record). @throws ForbiddenError
   */
  async list(filter: AuditFilter, page: { limit?: number | null; before?: number | null } = {}): Promise<{ events: AuditEventRow[]; totalCount: number; actors: Map<string, { displayName: string; email: string }> }> {
    await this.governance.authorize('read', 'AuditEvent');
    const limit = page.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError('limit must be between 1 and 1000', 'limit');
    const { where, params } = whereClause(filter);
    const [{ count }] = (await this.ctx.em.execute<{ count: string }[]>(`select count(*) from audit_event where ${where}`, params)) as [{ count: string }];
    const rows = await this.ctx.em.execute<Record<string, unknown>[]>(
      `select * from audit_event where ${where} and (?::bigint is null or sequence < ?) order by sequence desc limit ?`,
      [...params, page.before ?? null, page.before ?? null, limit],
    );
    const events = rows.map(auditRecordFromRow);
    const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
    const users = actorIds.length === 0 ? [] : await this.ctx.em.find(User, { id: { $in: actorIds } }, { fields: ['id', 'displayName', 'email'] });
    return { events, totalCount: Number(count), actors: new Map(users.map((user) => [user.id, { displayName: user.displayName, email: user.email }])) };
  }

  /** Every matching event, oldest first, as CSV (columns: the declared fields) or JSON. @throws ForbiddenError (needs `export AuditEvent`) */
  async export(filter: AuditFilter, format: 'csv' | 'json'): Promise<string> {
    await this.governance.authorize('export', 'AuditEvent');
    const { where, params } = whereClause(filter);
    const events = (await this.ctx.em.execute<Record<string, unknown>[]>(`select * from audit_event where ${where} order by sequence`, params)).map(auditRecordFromRow);
    if (format === 'json') return JSON.stringify(events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })), null, 2);
    const cell = (value: unknown) => {
      const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? canonicalJson(value) : String(value);
      return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    return [auditEventFieldNames.join(','), ...events.map((event) => auditEventFieldNames.map((field) => cell(event[field])).join(','))].join('\n') + '\n';
  }

  /**
   * Verifies the hash chain over events in [from, to) (whole chain when omitted): each event's hash must match
   * its canonical serialization, its signature must verify with the registered public key of its key id (keys of
   * before a rotation included), its `previousHash` must equal the hash of the event before it, sequence numbers
   * must have no gaps, and every signed checkpoint in range must match the event at its sequence. The whole chain
   * must also start at 1 and reach the newest checkpoint (so removed newest events are detected), and may not be
   * empty. Every append-only relation (each audit partition included) must also carry its enabled refusing triggers
   * (`unprotectedRelations`). @throws ForbiddenError (needs `verify AuditEvent`)
   */
  async verifyChain(range: { from?: Date | null; to?: Date | null } = {}): Promise<ChainVerification> {
    await this.governance.authorize('verify', 'AuditEvent');
    const unprotected = await this.unprotectedRelations();
    const chain = await this.verifyLinks(range);
    if (unprotected.length === 0 || !chain.intact) return { ...chain, unprotectedRelations: unprotected };
    return {
      ...chain,
      intact: false,
      unprotectedRelations: unprotected,
      reason: `append-only protection is missing: ${unprotected.join('; ')} (run \`npm run migrate\`, or \`select crucible_protect_append_only()\` as the owner)`,
    };
  }

  /** Every append-only relation missing an enabled refusing trigger, as `<relation> lacks <trigger>`. */
  private async unprotectedRelations(): Promise<string[]> {
    const rows = await this.ctx.em.execute<{ relation: string; missing: string }[]>('select relation, missing from crucible_append_only_unprotected()');
    return rows.map((row) => `${row.relation} lacks ${row.missing}`);
  }

  private async verifyLinks(range: { from?: Date | null; to?: Date | null }): Promise<ChainVerification> {
    const whole = !range.from && !range.to;
    const keys = await this.signingKeys();
    const checkpoints = await this.checkpoints();
    const result: ChainVerification = { intact: true, checkedCount: 0, firstSequence: null, lastSequence: null, brokenSequence: null, reason: null, checkpointCount: 0, unprotectedRelations: [] };
    const broken = (sequence: number, reason: string): ChainVerification => ({ ...result, intact: false, brokenSequence: sequence, reason });

    for (const checkpoint of checkpoints) {
      const key = keys.get(checkpoint.signingKeyId);
      if (!key || !verifyAuditSignature(checkpointDigest(checkpoint), checkpoint.signature, key)) {
        return broken(checkpoint.sequence, `the checkpoint at sequence ${checkpoint.sequence} does not verify with the registered key "${checkpoint.signingKeyId}" (forged or altered checkpoint)`);
      }
    }
    const checkpointBySequence = new Map(checkpoints.map((checkpoint) => [checkpoint.sequence, checkpoint]));

    const { where, params } = whereClause({ from: range.from, to: range.to });
    let previous: { sequence: number; hash: string } | null = null;
    let after = 0;
    for (;;) {
      const page = (await this.ctx.em.execute<Record<string, unknown>[]>(`select * from audit_event where ${where} and sequence > ? order by sequence limit ?`, [...params, after, verifyPageSize])).map(auditRecordFromRow);
      for (const row of page) {
        if (result.firstSequence === null) {
          result.firstSequence = row.sequence;
          if (whole && row.sequence !== 1) return broken(1, `the chain starts at sequence ${row.sequence}: events 1…${row.sequence - 1} are missing`);
          if (row.sequence > 1) previous = await this.eventBefore(row.sequence);
        }
        const problem = checkEvent(row, previous, keys);
        if (problem) return broken(row.sequence, problem);
        const checkpoint = checkpointBySequence.get(row.sequence);
        if (checkpoint) {
          if (checkpoint.hash !== row.hash) return broken(row.sequence, `the event at sequence ${row.sequence} is not the one the checkpoint of ${checkpoint.recordedAt.toISOString()} signed (the chain was rewritten or restarted)`);
          result.checkpointCount++;
        }
        previous = { sequence: row.sequence, hash: row.hash };
        result.lastSequence = row.sequence;
        result.checkedCount++;
      }
      if (page.length < verifyPageSize) break;
      after = page.at(-1)!.sequence;
    }

    if (whole) {
      const newest = checkpoints.at(-1);
      if (result.checkedCount === 0) {
        if (newest) return broken(1, `the chain is empty although the checkpoint of ${newest.recordedAt.toISOString()} anchors it at sequence ${newest.sequence}: all its events were removed`);
        return { ...result, intact: false, reason: 'the audit chain is empty: no event was ever recorded here (expected at least the events of setup — is this the database the platform uses?)' };
      }
      if (newest && newest.sequence > result.lastSequence!) {
        return broken(result.lastSequence! + 1, `the chain ends at sequence ${result.lastSequence} but the checkpoint of ${newest.recordedAt.toISOString()} anchors sequence ${newest.sequence}: events ${result.lastSequence! + 1}…${newest.sequence} were removed (tail truncation)`);
      }
    }
    return result;
  }

  /**
   * Anchors the chain's head with a signed checkpoint (worker crontab, every few minutes), and logs it so a copy
   * lives outside the database. @throws ForbiddenError, AuditChainTruncatedError
   */
  async checkpoint(): Promise<CheckpointFields | null> {
    await this.governance.authorize('manage', 'AuditEvent');
    const checkpoint = await this.governance.audit.checkpoint(this.ctx.em);
    if (checkpoint) this.ctx.logger.info({ auditCheckpoint: { ...checkpoint, recordedAt: checkpoint.recordedAt.toISOString() } }, 'audit checkpoint');
    return checkpoint;
  }

  /**
   * Retention: creates the yearly partitions from this year through `auditPartitionYearsAhead` years ahead (missing
   * ones only, protected like the others) and lists the partitions past `auditRetentionYears`, which an operator
   * may archive. Never drops or detaches a partition. @throws ForbiddenError
   */
  async maintainPartitions(): Promise<{ created: number; throughYear: number; pastRetention: string[] }> {
    await this.governance.authorize('manage', 'AuditEvent');
    const year = this.ctx.clock.now().getUTCFullYear();
    const [{ created }] = (await this.ctx.em.execute<{ created: number }[]>('select audit_ensure_partitions(?, ?) as created', [year, year + auditPartitionYearsAhead])) as [{ created: number }];
    const partitions = await this.ctx.em.execute<{ name: string }[]>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_event'::regclass and c.relname ~ '^audit_event_y[0-9]{4}$' order by c.relname`,
    );
    const pastRetention = partitions.map((partition) => partition.name).filter((name) => Number(name.slice(-4)) < year - auditRetentionYears);
    this.ctx.logger.info({ created, throughYear: year + auditPartitionYearsAhead, pastRetention }, 'audit partitions maintained');
    return { created, throughYear: year + auditPartitionYearsAhead, pastRetention };
  }

  /**
   * Registers the configured signing key's public key under its id (start-up of every process), so events it signs
   * keep verifying after a later rotation. @throws ForbiddenError; Error when the id names another key.
   */
  async registerSigningKey(): Promise<void> {
    await this.governance.authorize('manage', 'AuditEvent');
    await this.ctx.em.fork().transactional((tx) => this.governance.audit.registerSigningKey(tx));
  }

  private async signingKeys(): Promise<Map<string, KeyObject>> {
    const rows = await this.ctx.em.execute<{ key_id: string; public_key: string }[]>('select key_id, public_key from audit_signing_key');
    return new Map(rows.map((row) => [row.key_id, decodePublicKey(row.public_key)]));
  }

  private async checkpoints(): Promise<(CheckpointFields & { signature: string })[]> {
    const rows = await this.ctx.em.execute<{ sequence: string; hash: string; recorded_at: Date; signature: string; signing_key_id: string }[]>('select * from audit_checkpoint order by sequence');
    return rows.map((row) => ({ sequence: Number(row.sequence), hash: row.hash, recordedAt: new Date(row.recorded_at), signature: row.signature, signingKeyId: row.signing_key_id }));
  }

  private async eventBefore(sequence: number): Promise<{ sequence: number; hash: string } | null> {
    const [before] = await this.ctx.em.execute<{ sequence: string; hash: string }[]>('select sequence, hash from audit_event where sequence = ?', [sequence - 1]);
    return before ? { sequence: Number(before.sequence), hash: before.hash } : null;
  }
}

function checkEvent(row: AuditEventRow, previous: { sequence: number; hash: string } | null, keys: ReadonlyMap<string, KeyObject>): string | null {
  if (previous && row.sequence !== previous.sequence + 1) return `sequence gap: ${previous.sequence} is followed by ${row.sequence}`;
  if (row.sequence === 1 && row.previousHash !== genesisHash) return 'the first event does not link to the genesis hash';
  if (previous && row.previousHash !== previous.hash) return `previousHash does not match the hash of event ${previous.sequence}`;
  if (calculateAuditHash(row) !== row.hash) return 'hash does not match the event contents (the row was altered)';
  const key = keys.get(row.signingKeyId);
  if (!key) return `signed by key "${row.signingKeyId}", which is not registered in audit_signing_key`;
  if (!verifyAuditSignature(row.hash, row.signature, key)) return `signature does not verify with the registered key "${row.signingKeyId}"`;
  return null;
}

function whereClause(filter: AuditFilter): { where: string; params: unknown[] } {
  const conditions: string[] = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(sql);
    params.push(value);
  };
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (filter.action?.trim()) {
    const patterns = actionPatterns(filter.action);
    conditions.push(`(${patterns.map(() => 'action like ?').join(' or ')})`);
    params.push(...patterns);
  }
  if (filter.subjectType) add('subject_type = ?', filter.subjectType);
  if (filter.subjectId) add('subject_id = ?', filter.subjectId);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  return { where: conditions.join(' and '), params };
}
