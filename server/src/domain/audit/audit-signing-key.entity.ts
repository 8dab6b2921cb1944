import { defineEntity, p } from '@mikro-orm/core';

const AuditSigningKeySchema = defineEntity({
  name: 'AuditSigningKey',
  tableName: 'audit_signing_key',
  properties: {
    /** `AUDIT_SIGNING_KEY_ID` of the key. */
    keyId: p.string().primary(),
    /** The Ed25519 public key, base64 of its SPKI DER encoding. */
    publicKey: p.text(),
    registeredAt: p.datetime(),
  },
});

/**
 * A public key that signed audit events, registered at start-up under its key id (append-only): after a rotation
 * the events and checkpoints signed by older keys still verify their signatures. A key id is never re-used for
 * another key.
 */
export class AuditSigningKey extends AuditSigningKeySchema.class {}
AuditSigningKeySchema.setClass(AuditSigningKey);
