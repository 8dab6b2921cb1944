import { randomBytes } from 'node:crypto';

/** Secret-box context of a channel's signing secret: a sealed value opens only in its own row. */
export const channelSecretContext = (channelId: string) => `notification_channel.secret:${channelId}`;

/** A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
