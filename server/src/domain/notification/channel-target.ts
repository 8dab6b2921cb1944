import { ValidationError } from '../errors.ts';

/** Bounds of a channel's target, checked when an admin creates or changes it. */
export const channelTargetLimits = { urlCharacters: 2048, recipients: 20, emailCharacters: 254, nameCharacters: 100, secretMinBytes: 24, secretMaxBytes: 64 } as const;

/**
 * A webhook endpoint: an absolute `http:` or `https:` URL of at most 2,048 characters, without credentials
 * (`user:password@`, they would be stored in clear and logged) or a fragment. Returns it normalized.
 * @throws ValidationError naming `url`.
 */
export function parseWebhookUrl(value: string): string {
  const text = value.trim();
  if (text.length === 0 || text.length > channelTargetLimits.urlCharacters) throw new ValidationError(`url must be 1–${channelTargetLimits.urlCharacters} characters`, 'url');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError('url is not an absolute URL', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('url must use http or https', 'url');
  if (url.username || url.password) throw new ValidationError('url must not carry credentials (user:password@): use the signing secret', 'url');
  if (url.hash) throw new ValidationError('url must not have a fragment (#…)', 'url');
  return url.toString();
}

const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * Email recipients: 1–20 addresses of the form `local@domain.tld` (≤ 254 characters each), de-duplicated
 * case-insensitively in their order. @throws ValidationError naming `recipients`.
 */
export function parseRecipients(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const value of values) {
    const address = value.trim();
    if (address.length > channelTargetLimits.emailCharacters || !emailPattern.test(address)) throw new ValidationError(`"${address.slice(0, 60)}" is not an email address`, 'recipients');
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    recipients.push(address);
  }
  if (recipients.length === 0 || recipients.length > channelTargetLimits.recipients) throw new ValidationError(`give 1–${channelTargetLimits.recipients} recipients`, 'recipients');
  return recipients;
}

/**
 * A signing secret given by the admin: `whsec_` + base64 of 24–64 bytes (the Standard Webhooks format).
 * @throws ValidationError naming `secret` (without quoting it).
 */
export function parseWebhookSecret(value: string): string {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value.trim());
  const bytes = match ? Buffer.from(match[1]!, 'base64').length : 0;
  if (!match || bytes < channelTargetLimits.secretMinBytes || bytes > channelTargetLimits.secretMaxBytes) {
    throw new ValidationError(`secret must be "whsec_" followed by the base64 of ${channelTargetLimits.secretMinBytes}–${channelTargetLimits.secretMaxBytes} random bytes`, 'secret');
  }
  return value.trim();
}
