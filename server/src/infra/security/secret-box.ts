import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecuritySettings } from './security-settings.ts';

/**
 * The one sealing facility for secrets and confidential data at rest: TOTP secrets today; exchange API keys and
 * secrets, webhook signing secrets, SMTP passwords and the configurations of PAPER/LIVE deployments as they arrive
 * (README "Secrets at rest"). AES-256-GCM under the active key of `SECRETS_KEYS`:
 * `keyId:iv:tag:ciphertext` (base64 parts), so keys rotate while old values still open.
 *
 * `context` binds a sealed value to where it is stored (e.g. `exchange_connection.api_secret:<row id>`): it is
 * authenticated with the data, so a value copied into another row or column does not open there. A sealed value
 * is text: store it in a `text` column (MikroORM `.hidden()` so it never serializes), and open it only in the
 * service that uses it — never in a GraphQL type, an audit event or a log line.
 */
export function sealSecret(settings: SecuritySettings, plaintext: string, context?: string): string {
  const keyId = settings.activeSecretsKeyId;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', settings.secretsKeys.get(keyId)!, iv);
  cipher.setAAD(additionalData(keyId, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/**
 * Opens a sealed secret (with the `context` it was sealed with). @throws Error when the key id is unknown (add it
 * to SECRETS_KEYS), or the data or its context do not match (GCM authentication fails).
 */
export function openSecret(settings: SecuritySettings, sealed: string, context?: string): string {
  const [keyId, iv, tag, ciphertext] = sealed.split(':');
  const key = keyId ? settings.secretsKeys.get(keyId) : undefined;
  if (!key || !iv || !tag || ciphertext === undefined) throw new Error(`cannot open secret: unknown key id "${keyId}" (configure it in SECRETS_KEYS)`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(additionalData(keyId!, context));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** Seals a JSON value (a deployment configuration, a set of exchange credentials) bound to `context`. */
export function sealJson(settings: SecuritySettings, value: unknown, context: string): string {
  return sealSecret(settings, JSON.stringify(value), context);
}

/** Opens a value sealed by {@link sealJson}. @throws Error as {@link openSecret}. */
export function openJson<T>(settings: SecuritySettings, sealed: string, context: string): T {
  return JSON.parse(openSecret(settings, sealed, context)) as T;
}

/** True when `value` has the shape of a sealed value (`keyId:iv:tag:ciphertext`), e.g. to check a column holds no plaintext. */
export function looksSealed(value: string): boolean {
  return /^[\w-]+:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]*$/.test(value);
}

/** GCM additional data: the key id (as before contexts existed, so older values still open), plus the context. */
function additionalData(keyId: string, context: string | undefined): Buffer {
  return Buffer.from(context === undefined ? keyId : `${keyId}|${context}`);
}
