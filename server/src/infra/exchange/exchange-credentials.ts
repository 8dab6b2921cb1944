import { z } from 'zod';
import { openJson, sealJson } from '../security/secret-box.ts';
import type { SecuritySettings } from '../security/security-settings.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';

/**
 * API credentials of one exchange account. Never logged: the keys `apiKey`, `secret`, `passphrase` and
 * `credentials` are redacted from every log line (`infra/log-redaction.ts`), and they are stored only sealed.
 *
 * - Binance US: `apiKey` + `secret` (HMAC-SHA256 key pair, or an Ed25519/RSA private key in PEM as `secret`).
 * - Coinbase Advanced Trade: `apiKey` = the CDP key name (`organizations/{org}/apiKeys/{key}`), `secret` = its EC
 *   private key in PEM (requests are signed with an ES256 JWT).
 * - `passphrase`: only for venues that ask for one (neither of ours today); kept for completeness.
 */
export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
  passphrase?: string;
}

/** Bounds of each field (a PEM private key is about 250 characters; 8 KiB leaves room for RSA keys). */
export const exchangeCredentialsSchema = z
  .object({
    apiKey: z.string().trim().min(1).max(512),
    secret: z.string().min(1).max(8192),
    passphrase: z.string().min(1).max(256).optional(),
  })
  .strict();

/** The credential fields each venue needs for its private endpoints. */
export const requiredCredentialFields: Readonly<Record<ExchangeVenue, readonly (keyof ExchangeCredentials)[]>> = {
  binanceus: ['apiKey', 'secret'],
  coinbase: ['apiKey', 'secret'],
};

/** The required fields of `venue` that `credentials` lacks (empty or blank counts as missing); all of them for null. */
export function missingCredentialFields(venue: ExchangeVenue, credentials: Partial<ExchangeCredentials> | null | undefined): (keyof ExchangeCredentials)[] {
  return requiredCredentialFields[venue].filter((field) => {
    const value = credentials?.[field];
    return typeof value !== 'string' || value.trim() === '';
  });
}

/**
 * The sealing context of an account's credentials: binds the sealed value to its venue and the row that stores it
 * (`exchange_credentials.<venue>:<row id>`), so a value copied into another row or venue does not open there.
 */
export function exchangeCredentialsContext(venue: ExchangeVenue, rowId: string): string {
  return `exchange_credentials.${venue}:${rowId}`;
}

/**
 * Validates and seals credentials with the secret box (AES-256-GCM, `context` authenticated with the data).
 * @throws ZodError naming the offending field when a field is missing, blank or too long.
 */
export function sealExchangeCredentials(settings: SecuritySettings, credentials: ExchangeCredentials, context: string): string {
  return sealJson(settings, exchangeCredentialsSchema.parse(credentials), context);
}

/**
 * Opens credentials sealed by {@link sealExchangeCredentials} with the same context.
 * @throws Error when the key or context does not match (secret box), ZodError when the sealed value is not credentials.
 */
export function openExchangeCredentials(settings: SecuritySettings, sealed: string, context: string): ExchangeCredentials {
  return exchangeCredentialsSchema.parse(openJson<unknown>(settings, sealed, context));
}
