import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** Hash of "no previous event": the first event of the chain links to it. */
export const genesisHash = '0'.repeat(64);

/** The fields of an audit event covered by its hash (everything but the hash and signature). */
export interface AuditHashedFields {
  sequence: number;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  datasetChecksum: string | null;
  engineVersion: string | null;
  correlationId: string | null;
  previousHash: string;
  signingKeyId: string;
}

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, `undefined` members dropped — the same
 * bytes for the same value however it was built or read back from `jsonb`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/** SHA-256 (hex) of an event's canonical serialization. */
export function calculateAuditHash(fields: AuditHashedFields): string {
  return createHash('sha256').update(canonicalJson({ ...fields, occurredAt: fields.occurredAt.toISOString() })).digest('hex');
}

/** Ed25519 signature (base64) of a hash. */
export function signAuditHash(hash: string, key: KeyObject): string {
  return sign(null, Buffer.from(hash, 'utf8'), key).toString('base64');
}

/** True when `signature` is a valid Ed25519 signature of `hash` under `key`. */
export function verifyAuditSignature(hash: string, signature: string, key: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(hash, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
