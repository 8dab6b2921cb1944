import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { matchedAudiences } from '../../domain/notification/channel-subscription.ts';
import { NotificationChannel } from '../../domain/notification/notification-channel.entity.ts';
import { NotificationDelivery } from '../../domain/notification/notification-delivery.entity.ts';
import type { Notification } from '../../domain/notification/notification.entity.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';

/** The job key of a delivery's next attempt (one queued job per delivery). */
export const deliveryJobKey = (deliveryId: string) => `notification-delivery:${deliveryId}`;

/**
 * The body every attempt of a delivery sends (Standard Webhooks' recommended shape `{ type, timestamp, data }`):
 * the notification as of the event, with the audience roles it was written for that the channel subscribes to.
 */
export function deliveryPayload(notification: Notification, audiences: readonly Role[], at: Date): Record<string, unknown> {
  return {
    type: notification.kind,
    timestamp: at.toISOString(),
    data: {
      notificationId: notification.id,
      kind: notification.kind,
      severity: notification.severity,
      message: notification.message,
      audiences: [...audiences],
      subjectType: notification.subjectType,
      subjectId: notification.subjectId,
      details: notification.details,
      createdAt: (notification.createdAt ?? at).toISOString(),
    },
  };
}

/**
 * Queues, on `em` (the writer's transaction), one delivery row and one `deliver_notification` job per enabled
 * channel subscribed to one of the notifications' audiences, their kind and severity — so the deliveries exist
 * exactly when the notifications commit, and sending happens later in the worker: a slow or failing channel never
 * holds or fails the writer's use-case. `notifications` are one message written once per audience role.
 * Returns the deliveries queued.
 */
export async function queueChannelDeliveriesIn(em: EntityManager, notifications: readonly Notification[], maxAttempts: number, now: Date): Promise<NotificationDelivery[]> {
  const first = notifications[0];
  if (!first) return [];
  const channels = await em.find(NotificationChannel, { enabled: true, deletedAt: null }, { orderBy: { id: 'asc' } });
  const audiences = notifications.map((notification) => notification.audience as Role);
  const deliveries: NotificationDelivery[] = [];
  for (const channel of channels) {
    const matched = matchedAudiences(channel, audiences, first.kind, first.severity);
    if (matched.length === 0) continue;
    const notification = notifications.find((candidate) => candidate.audience === matched[0]) ?? first;
    deliveries.push(
      em.create(NotificationDelivery, {
        channel,
        notification,
        event: first.kind,
        payload: deliveryPayload(notification, matched, now),
        status: 'pending',
        attempts: 0,
        maxAttempts,
      }),
    );
  }
  if (deliveries.length === 0) return deliveries;
  await em.flush();
  for (const delivery of deliveries) await enqueueJob(em, 'deliver_notification', { deliveryId: delivery.id }, { jobKey: deliveryJobKey(delivery.id) });
  return deliveries;
}
