import { defineEntity, p } from '@mikro-orm/core';

/** Years with their own partition; later years land in the default partition until a migration adds them. */
const firstPartitionYear = 2020;
const lastPartitionYear = 2045;

const refuseChange = `raise exception 'audit events are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';`;

const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    /** Position in the hash chain: 1, 2, 3 … without gaps. */
    sequence: p.bigint('number').primary(),
    /** Partition key (one partition per year); part of the primary key as PostgreSQL requires. */
    occurredAt: p.datetime().primary(),
    actorId: p.uuid().nullable(),
    /** Roles in force (comma-separated), `system` or `anonymous`. */
    actorRole: p.string(),
    /** Dotted action, e.g. `strategy.registered`, `backtest.queued`, `permission.granted`. */
    action: p.string(),
    subjectType: p.string(),
    subjectId: p.string().nullable(),
    details: p.json<Record<string, unknown>>().columnType('jsonb'),
    datasetChecksum: p.string().nullable(),
    engineVersion: p.string().nullable(),
    correlationId: p.string().nullable(),
    /** Hash of the previous event (64 zeros for the first). */
    previousHash: p.string(),
    /** SHA-256 (hex) of this event's canonical serialization, which includes `previousHash`. */
    hash: p.string(),
    /** Ed25519 signature (base64) of `hash` with the configured audit signing key. */
    signature: p.text(),
    signingKeyId: p.string(),
  },
  indexes: [{ properties: ['action'] }, { properties: ['actorId'] }, { properties: ['subjectType', 'subjectId'] }],
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
  // TRUNCATE is refused by a statement trigger written by hand in the migration (MikroORM does not introspect those).
  triggers: [
    { name: 'audit_event_immutable', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: refuseChange },
  ],
});

/**
 * One append-only entry of the tamper-evident audit trail. The database refuses UPDATE and DELETE (trigger);
 * every write goes through `AuditRecorder.record` inside the transaction of the state change it describes.
 */
export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
