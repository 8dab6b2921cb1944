import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Keys and windows used by sign-in, secrets at rest and the audit trail. */
export interface SecuritySettings {
  /** Ed25519 key that signs every audit event, and its id (recorded on each event for rotation). */
  auditSigningKey: KeyObject;
  auditVerifyKey: KeyObject;
  auditSigningKeyId: string;
  /**
   * Public keys of key ids that signed events before (a rotation, or an upgrade from before the key registry), by id:
   * registered at start-up next to the current key so those events keep verifying. From `AUDIT_PREVIOUS_VERIFY_KEYS`.
   */
  auditPreviousVerifyKeys: ReadonlyMap<string, KeyObject>;
  /** AES-256-GCM keys by id; `activeSecretsKeyId` seals new secrets, the others still open old ones. */
  secretsKeys: ReadonlyMap<string, Buffer>;
  activeSecretsKeyId: string;
  /** How long a passed TOTP check allows production actions (default 15 minutes). */
  stepUpWindowMs: number;
  /** Lifetime of a web session (default 12 hours). */
  sessionTtlMs: number;
  /** True when any key is the published demo default (refused in production mode). */
  usesDemoKeys: boolean;
}

const demoSeed = (label: string) => createHash('sha256').update(`crucible-demo-${label}`).digest();

/** The Ed25519 key pair of a raw 32-byte seed. */
export function ed25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  if (seed.length !== 32) throw new Error(`AUDIT_SIGNING_KEY must be 32 bytes (base64), got ${seed.length}`);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The published demo audit key's public key (the `demo` key id's; what events signed without a configured key carry). */
export function demoAuditVerifyKey(): KeyObject {
  return ed25519FromSeed(demoSeed('audit-signing-key')).publicKey;
}

/**
 * Parses `AUDIT_PREVIOUS_VERIFY_KEYS`: `<keyId>:<key>[,…]` where `<key>` is the base64 public key as stored in
 * `audit_signing_key` (SPKI DER), or the base64 32-byte seed that key id used (its public key is derived).
 * @throws Error naming the variable.
 */
export function parsePreviousVerifyKeys(text: string | undefined): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const entry of (text ?? '').split(',').filter((part) => part.trim())) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const bytes = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator < 1 || !id) throw new Error('AUDIT_PREVIOUS_VERIFY_KEYS must be "<keyId>:<base64 public key or 32-byte seed>[,…]"');
    try {
      keys.set(id, bytes.length === 32 ? ed25519FromSeed(bytes).publicKey : createPublicKey({ key: bytes, format: 'der', type: 'spki' }));
    } catch {
      throw new Error(`AUDIT_PREVIOUS_VERIFY_KEYS: the key of "${id}" is neither an Ed25519 public key (base64 SPKI DER) nor a 32-byte seed`);
    }
  }
  return keys;
}

/**
 * Builds the security settings from configuration values. Missing keys fall back to published demo keys
 * (flagged in `usesDemoKeys`, which production mode refuses).
 * @throws Error naming the variable when a key has the wrong length or format.
 */
export function makeSecuritySettings(values: {
  auditSigningKey?: string;
  auditSigningKeyId?: string;
  auditPreviousVerifyKeys?: string;
  secretsKeys?: string;
  stepUpWindowMinutes?: number;
  sessionTtlHours?: number;
}): SecuritySettings {
  const auditSeed = values.auditSigningKey ? Buffer.from(values.auditSigningKey, 'base64') : demoSeed('audit-signing-key');
  const { privateKey, publicKey } = ed25519FromSeed(auditSeed);
  const secretsKeys = new Map<string, Buffer>();
  if (values.secretsKeys) {
    for (const entry of values.secretsKeys.split(',')) {
      const [id, key] = entry.split(':');
      const bytes = Buffer.from(key ?? '', 'base64');
      if (!id || bytes.length !== 32) throw new Error('SECRETS_KEYS must be "<keyId>:<base64 32-byte key>[,…]" (the first key seals new secrets)');
      secretsKeys.set(id, bytes);
    }
  } else {
    secretsKeys.set('demo', demoSeed('secrets-key'));
  }
  return {
    auditSigningKey: privateKey,
    auditVerifyKey: publicKey,
    auditSigningKeyId: values.auditSigningKey ? (values.auditSigningKeyId ?? 'k1') : 'demo',
    auditPreviousVerifyKeys: parsePreviousVerifyKeys(values.auditPreviousVerifyKeys),
    secretsKeys,
    activeSecretsKeyId: [...secretsKeys.keys()][0]!,
    stepUpWindowMs: (values.stepUpWindowMinutes ?? 15) * 60_000,
    sessionTtlMs: (values.sessionTtlHours ?? 12) * 3_600_000,
    usesDemoKeys: !values.auditSigningKey || !values.secretsKeys,
  };
}

/** Demo-mode settings (tests, local development). */
export const demoSecuritySettings: SecuritySettings = makeSecuritySettings({});
