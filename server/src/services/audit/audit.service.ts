import { ValidationError } from '../../domain/errors.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { calculateAuditHash, canonicalJson, genesisHash, verifyAuditSignature, type AuditHashedFields } from './audit-chain.ts';

/** One audit event as read back. */
export interface AuditEventRow extends AuditHashedFields {
  hash: string;
  signature: string;
}

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
  /** Sequence of the first event that fails a check; null when intact. */
  brokenSequence: number | null;
  reason: string | null;
}

/** Reading, verifying and exporting the audit trail (compliance and admin). */
export class AuditService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** Events matching `filter`, newest first, at most `limit` (1..1000) before sequence `before`. @throws ForbiddenError */
  async list(filter: AuditFilter, page: { limit?: number | null; before?: number | null } = {}): Promise<{ events: AuditEventRow[]; totalCount: number }> {
    await this.governance.authorize('read', 'AuditEvent');
    const limit = page.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError('limit must be between 1 and 1000', 'limit');
    const { where, params } = whereClause(filter);
    const [{ count }] = (await this.ctx.em.execute<{ count: string }[]>(`select count(*) from audit_event where ${where}`, params)) as [{ count: string }];
    const rows = await this.ctx.em.execute<RawAuditRow[]>(
      `select * from audit_event where ${where} and (?::bigint is null or sequence < ?) order by sequence desc limit ?`,
      [...params, page.before ?? null, page.before ?? null, limit],
    );
    return { events: rows.map(toRow), totalCount: Number(count) };
  }

  /** Every matching event, oldest first, as CSV or JSON (for auditors). @throws ForbiddenError (needs `export AuditEvent`) */
  async export(filter: AuditFilter, format: 'csv' | 'json'): Promise<string> {
    await this.governance.authorize('export', 'AuditEvent');
    const { where, params } = whereClause(filter);
    const events = (await this.ctx.em.execute<RawAuditRow[]>(`select * from audit_event where ${where} order by sequence`, params)).map(toRow);
    if (format === 'json') return JSON.stringify(events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })), null, 2);
    const columns = ['sequence', 'occurredAt', 'actorId', 'actorRole', 'action', 'subjectType', 'subjectId', 'details', 'datasetChecksum', 'engineVersion', 'correlationId', 'previousHash', 'hash', 'signature', 'signingKeyId'] as const;
    const cell = (value: unknown) => {
      const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? canonicalJson(value) : String(value);
      return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    return [columns.join(','), ...events.map((event) => columns.map((column) => cell(event[column])).join(','))].join('\n') + '\n';
  }

  /**
   * Verifies the hash chain over events in [from, to) (whole chain when omitted): each event's hash must match
   * its canonical serialization, its signature must verify, its `previousHash` must equal the hash of the event
   * before it, and sequence numbers must have no gaps. @throws ForbiddenError (needs `verify AuditEvent`)
   */
  async verifyChain(range: { from?: Date | null; to?: Date | null } = {}): Promise<ChainVerification> {
    await this.governance.authorize('verify', 'AuditEvent');
    const { where, params } = whereClause({ from: range.from, to: range.to });
    const rows = (await this.ctx.em.execute<RawAuditRow[]>(`select * from audit_event where ${where} order by sequence`, params)).map(toRow);
    const result: ChainVerification = { intact: true, checkedCount: 0, firstSequence: rows[0]?.sequence ?? null, lastSequence: rows.at(-1)?.sequence ?? null, brokenSequence: null, reason: null };
    if (rows.length === 0) return result;
    let previous: { sequence: number; hash: string } | null = null;
    if (rows[0]!.sequence > 1) {
      const [before] = await this.ctx.em.execute<{ sequence: string; hash: string }[]>('select sequence, hash from audit_event where sequence = ?', [rows[0]!.sequence - 1]);
      previous = before ? { sequence: Number(before.sequence), hash: before.hash } : null;
    }
    for (const row of rows) {
      const problem = checkEvent(row, previous, this.governance.security.auditVerifyKey, this.governance.security.auditSigningKeyId);
      if (problem) return { ...result, intact: false, brokenSequence: row.sequence, reason: problem };
      previous = { sequence: row.sequence, hash: row.hash };
      result.checkedCount++;
    }
    return result;
  }
}

function checkEvent(row: AuditEventRow, previous: { sequence: number; hash: string } | null, key: Parameters<typeof verifyAuditSignature>[2], keyId: string): string | null {
  const { hash, signature, ...fields } = row;
  if (previous && row.sequence !== previous.sequence + 1) return `sequence gap: ${previous.sequence} is followed by ${row.sequence}`;
  if (row.sequence === 1 && row.previousHash !== genesisHash) return 'the first event does not link to the genesis hash';
  if (previous && row.previousHash !== previous.hash) return `previousHash does not match the hash of event ${previous.sequence}`;
  if (calculateAuditHash(fields) !== hash) return 'hash does not match the event contents (the row was altered)';
  if (row.signingKeyId === keyId && !verifyAuditSignature(hash, signature, key)) return 'signature does not verify with the audit signing key';
  return null;
}

interface RawAuditRow {
  sequence: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
  dataset_checksum: string | null;
  engine_version: string | null;
  correlation_id: string | null;
  previous_hash: string;
  hash: string;
  signature: string;
  signing_key_id: string;
}

function toRow(raw: RawAuditRow): AuditEventRow {
  return {
    sequence: Number(raw.sequence),
    occurredAt: new Date(raw.occurred_at),
    actorId: raw.actor_id,
    actorRole: raw.actor_role,
    action: raw.action,
    subjectType: raw.subject_type,
    subjectId: raw.subject_id,
    details: raw.details,
    datasetChecksum: raw.dataset_checksum,
    engineVersion: raw.engine_version,
    correlationId: raw.correlation_id,
    previousHash: raw.previous_hash,
    hash: raw.hash,
    signature: raw.signature,
    signingKeyId: raw.signing_key_id,
  };
}

function whereClause(filter: AuditFilter): { where: string; params: unknown[] } {
  const conditions: string[] = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(sql);
    params.push(value);
  };
  if (filter.actorId) add('actor_id = ?', filter.actorId);
  if (filter.action) add('action like ?', filter.action.endsWith('.') ? `${filter.action}%` : filter.action.includes('*') ? filter.action.replaceAll('*', '%') : filter.action);
  if (filter.subjectType) add('subject_type = ?', filter.subjectType);
  if (filter.subjectId) add('subject_id = ?', filter.subjectId);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  return { where: conditions.join(' and '), params };
}
