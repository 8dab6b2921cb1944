import type { Role } from '../auth/roles.ts';
import type { NotificationKind } from './notification-kind.ts';
import { isAtLeastSeverity, type NotificationSeverity } from './notification-severity.ts';

/** What a channel subscribes to. */
export interface ChannelSubscription {
  enabled: boolean;
  audiences: readonly Role[];
  /** Empty = every kind. */
  notificationKinds: readonly NotificationKind[];
  minimumSeverity: NotificationSeverity;
}

/**
 * The audience roles of a notification that `channel` forwards it for: none when the channel is disabled, the kind
 * is not among its kinds (when it lists any) or the severity is below its minimum. A channel matching several of
 * the roles still gets ONE delivery (the caller sends once when this is non-empty).
 */
export function matchedAudiences(channel: ChannelSubscription, audiences: readonly Role[], kind: NotificationKind, severity: NotificationSeverity): Role[] {
  if (!channel.enabled) return [];
  if (channel.notificationKinds.length > 0 && !channel.notificationKinds.includes(kind)) return [];
  if (!isAtLeastSeverity(severity, channel.minimumSeverity)) return [];
  return audiences.filter((audience) => channel.audiences.includes(audience));
}
