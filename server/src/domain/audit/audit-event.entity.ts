import { defineEntity, p } from '@mikro-orm/core';
import type { AuditAction } from './audit-actions.ts';

/** Years with their own partition at creation; the retention job (`maintain_audit_partitions`) adds later years. */
const firstPartitionYear = 2020;
const lastPartitionYear = 2045;

const refuseChange = `raise exception 'audit events are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';`;

/** How a field travels outside the database: its GraphQL/CSV representation (`json`: JSON text in CSV, a list of DetailEntry in GraphQL). */
export type AuditFieldKind = 'sequence' | 'datetime' | 'id' | 'string' | 'json';

/**
 * THE one declaration of an audit event's shape: column (property builder), outside representation, description, and
 * whether the chain's hash covers it. The entity, the chain's canonical serialization, the recorder's insert, the
 * reader, the CSV/JSON export and the GraphQL type are all derived from it (in this order of fields).
 */
export const auditEventFields = {
  sequence: { property: p.bigint('number').primary(), kind: 'sequence', hashed: true, description: 'Position in the hash chain: 1, 2, 3 … without gaps (a 64-bit integer; a decimal string in GraphQL).' },
  occurredAt: { property: p.datetime().primary(), kind: 'datetime', hashed: true, description: 'When it happened (UTC); partition key, one partition per year.' },
  actorId: { property: p.uuid().nullable(), kind: 'id', hashed: true, description: 'The acting user; null for the platform or an anonymous caller.' },
  actorRole: { property: p.string(), kind: 'string', hashed: true, description: 'Roles in force (comma-separated), `system` or `anonymous`.' },
  action: { property: p.string().$type<AuditAction>(), kind: 'string', hashed: true, description: 'Dotted action, e.g. `backtest.queued`, `permission.granted` (closed list: domain/audit/audit-actions.ts).' },
  subjectType: { property: p.string(), kind: 'string', hashed: true, description: 'Kind of the object acted on, e.g. `BacktestRun`.' },
  subjectId: { property: p.string().nullable(), kind: 'string', hashed: true, description: 'Id of the object acted on.' },
  details: { property: p.json<Record<string, unknown>>().columnType('jsonb'), kind: 'json', hashed: true, description: 'What changed: the facts of the action (a JSON object in the table and exports; one DetailEntry per value in GraphQL).' },
  datasetChecksum: { property: p.string().nullable(), kind: 'string', hashed: true, description: 'SHA-256 of the dataset involved, if any.' },
  engineVersion: { property: p.string().nullable(), kind: 'string', hashed: true, description: 'Engine version of a computation, if any.' },
  correlationId: { property: p.string().nullable(), kind: 'string', hashed: true, description: 'Correlation id from trigger to result.' },
  previousHash: { property: p.string(), kind: 'string', hashed: true, description: 'Hash of the previous event (64 zeros for the first).' },
  hash: { property: p.string(), kind: 'string', hashed: false, description: "SHA-256 (hex) of this event's canonical serialization (every hashed field, `previousHash` included)." },
  signature: { property: p.text(), kind: 'string', hashed: false, description: 'Ed25519 signature (base64) of `hash` by the key `signingKeyId`.' },
  signingKeyId: { property: p.string(), kind: 'string', hashed: true, description: 'Id of the signing key; its public key is kept in `audit_signing_key`, so events signed before a rotation still verify.' },
} as const;

/** The names of an audit event's fields, in declaration order. */
export type AuditEventField = keyof typeof auditEventFields;
export const auditEventFieldNames = Object.keys(auditEventFields) as AuditEventField[];

/** Fields that may be null, read from their property builders (`.nullable()`). */
export const auditNullableFields: ReadonlySet<AuditEventField> = new Set(
  auditEventFieldNames.filter((field) => (auditEventFields[field].property as unknown as { '~options': { nullable?: boolean } })['~options'].nullable === true),
);

function propertiesOf<F extends Record<string, { property: unknown }>>(fields: F): { [K in keyof F]: F[K]['property'] } {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.property])) as { [K in keyof F]: F[K]['property'] };
}

/** The database column of a field (MikroORM's underscore naming). */
export function auditColumnOf(field: AuditEventField): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: propertiesOf(auditEventFields),
  indexes: [{ properties: ['action'] }, { properties: ['actorId'] }, { properties: ['subjectType', 'subjectId'] }, { properties: ['occurredAt'] }],
  // One partition per year: the 7-year retention detaches and archives whole years; rows are never deleted.
  partitionBy: {
    type: 'range',
    expression: 'occurredAt',
    partitions: [
      ...Array.from({ length: lastPartitionYear - firstPartitionYear + 1 }, (_, i) => ({
        name: `audit_event_y${firstPartitionYear + i}`,
        values: `from ('${firstPartitionYear + i}-01-01') to ('${firstPartitionYear + i + 1}-01-01')`,
      })),
      { name: 'audit_event_default', values: 'default' },
    ],
  },
  // TRUNCATE is refused by statement triggers on the table and each partition, attached by `crucible_make_append_only`
  // (migrations; MikroORM does not introspect those).
  triggers: [
    { name: 'audit_event_immutable', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: refuseChange },
  ],
});

/**
 * One append-only entry of the tamper-evident audit trail. The database refuses UPDATE, DELETE and TRUNCATE
 * (triggers) and the app role may only INSERT and SELECT; every write goes through `AuditRecorder.record` inside the
 * transaction of the state change it describes.
 */
export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);

/** An audit event as a plain record (every declared field). */
export type AuditEventRecord = { [K in AuditEventField]: AuditEvent[K] };

/** The fields the chain's hash covers (every field but `hash` and `signature`). */
export type AuditHashedFields = Omit<AuditEventRecord, 'hash' | 'signature'>;

/**
 * Reads a raw `select *` row of `audit_event` into a record: columns by the declaration, `sequence` as a number,
 * times as Dates.
 */
export function auditRecordFromRow(row: Record<string, unknown>): AuditEventRecord {
  const record: Record<string, unknown> = {};
  for (const field of auditEventFieldNames) {
    const value = row[auditColumnOf(field)];
    const kind: AuditFieldKind = auditEventFields[field].kind;
    record[field] = value === null || value === undefined ? null : kind === 'sequence' ? Number(value) : kind === 'datetime' ? new Date(value as string) : value;
  }
  return record as AuditEventRecord;
}
