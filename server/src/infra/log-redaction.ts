import type { LoggerOptions } from 'pino';

/**
 * Keys whose values never reach a log line: credentials (passwords, TOTP secrets and codes, session and API token
 * secrets, authorization headers and cookies) and the secrets of exchange connections, webhooks and SMTP.
 */
export const secretLogKeys = [
  'password',
  'passwordHash',
  'secret',
  'sessionSecret',
  'totpSecret',
  'totpCode',
  'token',
  'authorization',
  'cookie',
  'set-cookie',
  'apiKey',
  'apiSecret',
  'passphrase',
  'privateKey',
  'credentials',
  'exchangeCredentials',
  'webhookSecret',
  'smtpPassword',
  'sealed',
] as const;

/**
 * Keys of sensitive performance data, masked in logs (orchestration "Security"): capital and allocations of
 * deployments, their P&L, and the capital guardrails of strategies.
 */
export const performanceLogKeys = [
  'capital',
  'capitalAllocation',
  'capitalGuardrails',
  'allocation',
  'allocations',
  'pnl',
  'realizedPnl',
  'unrealizedPnl',
  'profitAndLoss',
] as const;

/** How deep below the log line's root a key is found (pino's redaction has no recursive wildcard). */
const depth = 3;

/** The text that replaces a redacted value. */
export const redactedText = '[redacted]';

/** pino `redact` paths: every key above at the root and up to {@link depth} levels below it. */
export function redactionPaths(): string[] {
  const paths: string[] = [];
  for (const key of [...secretLogKeys, ...performanceLogKeys]) {
    const quoted = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let level = 0; level <= depth; level++) paths.push(`${'*.'.repeat(level)}${quoted}`.replace('.[', '['));
  }
  return paths;
}

/** Credential-shaped strings (the prefixes of our session and API token secrets) scrubbed from error messages and stacks. */
const credentialPattern = /crucible_(?:pat|ses)_[\w-]+/g;

/** Replaces credential-shaped substrings of `text` with {@link redactedText}. */
export function scrubCredentials(text: string): string {
  return text.replace(credentialPattern, redactedText);
}

/** The pino options every process's logger uses: key-based redaction plus an `err` serializer that scrubs messages. */
export function redactionOptions(): Pick<LoggerOptions, 'redact' | 'serializers'> {
  return {
    redact: { paths: redactionPaths(), censor: redactedText },
    serializers: {
      err: (error: unknown) => {
        if (!(error instanceof Error)) return error;
        const { message, stack, name } = error;
        return { ...(error as unknown as Record<string, unknown>), type: name, message: scrubCredentials(message), stack: stack ? scrubCredentials(stack) : undefined };
      },
    },
  };
}
