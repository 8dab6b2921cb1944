import type { EmailMessage } from '../../infra/notification/smtp-transport.ts';
import type { NotificationDelivery } from '../../domain/notification/notification-delivery.entity.ts';

/**
 * The email of a delivery: subject `[Crucible] <SEVERITY> <kind>: <message, first 120 characters>`, the message,
 * one line per detail, and the delivery and notification ids; `Message-ID` is the delivery id (the same on retries).
 */
export function emailOf(delivery: NotificationDelivery, recipients: readonly string[]): EmailMessage {
  const data = (delivery.payload.data ?? {}) as Record<string, unknown>;
  const message = String(data.message ?? '');
  const severity = String(data.severity ?? 'info').toUpperCase();
  const details = (data.details ?? {}) as Record<string, unknown>;
  const detailLines = Object.entries(details).map(([key, value]) => `  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const oneLine = message.replace(/\s+/g, ' ');
  const text = [
    message,
    '',
    ...(detailLines.length > 0 ? ['Details:', ...detailLines, ''] : []),
    `Event: ${delivery.event} · severity ${severity.toLowerCase()} · ${String(delivery.payload.timestamp ?? '')}`,
    `Delivery ${delivery.id}${data.notificationId ? ` · notification ${String(data.notificationId)}` : ''}`,
  ].join('\n');
  return {
    to: recipients,
    subject: `[Crucible] ${severity} ${delivery.event}: ${oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine}`,
    text,
    messageId: `<${delivery.id}@crucible>`,
  };
}
