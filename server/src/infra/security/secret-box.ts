import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecuritySettings } from './security-settings.ts';

/**
 * Seals a secret (TOTP secret, exchange API key) with AES-256-GCM under the active key:
 * `keyId:iv:tag:ciphertext` (base64 parts), so keys can rotate while old secrets still open.
 */
export function sealSecret(settings: SecuritySettings, plaintext: string): string {
  const keyId = settings.activeSecretsKeyId;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', settings.secretsKeys.get(keyId)!, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/**
 * Opens a sealed secret. @throws Error when the key id is unknown (add it to SECRETS_KEYS) or the data was
 * tampered with (GCM authentication fails).
 */
export function openSecret(settings: SecuritySettings, sealed: string): string {
  const [keyId, iv, tag, ciphertext] = sealed.split(':');
  const key = keyId ? settings.secretsKeys.get(keyId) : undefined;
  if (!key || !iv || !tag || ciphertext === undefined) throw new Error(`cannot open secret: unknown key id "${keyId}" (configure it in SECRETS_KEYS)`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(keyId!));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
