import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { auditEventFieldNames, auditEventFields, type AuditHashedFields } from '../../domain/audit/audit-event.entity.ts';

export type { AuditHashedFields };

/** Hash of "no previous event": the first event of the chain links to it. */
export const genesisHash = '0'.repeat(64);

/** The fields the hash covers, from the one declaration of the event's shape. */
const hashedFieldNames = auditEventFieldNames.filter((field) => auditEventFields[field].hashed);

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

/** SHA-256 (hex) of an event's canonical serialization (its hashed fields only, whatever else `fields` carries). */
export function calculateAuditHash(fields: AuditHashedFields): string {
  const hashed = Object.fromEntries(hashedFieldNames.map((field) => [field, fields[field as keyof AuditHashedFields]]));
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
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

/** What a checkpoint signs: the chain's head (sequence and hash), when, and by which key. */
export interface CheckpointFields {
  sequence: number;
  hash: string;
  recordedAt: Date;
  signingKeyId: string;
}

/** SHA-256 (hex) of a checkpoint's canonical serialization; its signature signs this. */
export function checkpointDigest(checkpoint: CheckpointFields): string {
  const { sequence, hash, recordedAt, signingKeyId } = checkpoint;
  return createHash('sha256').update(canonicalJson({ kind: 'audit-checkpoint', sequence, hash, recordedAt, signingKeyId })).digest('hex');
}

/** A public key as stored in `audit_signing_key` (base64 of SPKI DER). */
export function encodePublicKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The public key of an `audit_signing_key` row. @throws Error when the text is not an SPKI key. */
export function decodePublicKey(text: string): KeyObject {
  return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
}
