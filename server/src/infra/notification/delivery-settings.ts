import { defaultDeliveryRetryPolicy, type DeliveryRetryPolicy } from '../../domain/notification/delivery-retry.ts';
import type { SmtpSettings } from './smtp-transport.ts';

/** How notification channels deliver (configuration: `NOTIFICATION_*`, `WEBHOOK_TIMEOUT_MS`, `SMTP_*`; README "Notifications"). */
export interface NotificationDeliverySettings {
  retry: DeliveryRetryPolicy;
  /** A webhook attempt (connect, send, answer) is aborted after this many milliseconds. */
  webhookTimeoutMs: number;
  /** The SMTP server of email channels; null = not configured (email deliveries fail with that reason). */
  smtp: SmtpSettings | null;
}

export const defaultNotificationDeliverySettings: NotificationDeliverySettings = { retry: defaultDeliveryRetryPolicy, webhookTimeoutMs: 5_000, smtp: null };
