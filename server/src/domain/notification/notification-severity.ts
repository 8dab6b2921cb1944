import type { NotificationKind } from './notification-kind.ts';

/**
 * How urgent a notification is, lowest first: `info` (for the record), `warning` (look at it today), `critical`
 * (act now). A channel forwards notifications at or above its minimum severity.
 */
export const notificationSeverities = ['info', 'warning', 'critical'] as const;
export type NotificationSeverity = (typeof notificationSeverities)[number];

/**
 * The severity of a notification whose writer did not set one: an incident's own severity (`details.severity`,
 * `warning` when absent), `critical` for an escalated job, a kill switch turned on (`details.state`) and trading halted or reducing
 * (`details.tradingState`), `warning`
 * for a deployment the demotion triggers moved down, `info` otherwise (a scorecard lacking inputs, a kill switch off).
 */
export function defaultNotificationSeverity(kind: NotificationKind, details: Readonly<Record<string, unknown>> = {}): NotificationSeverity {
  if (kind === 'job.escalated') return 'critical';
  if (kind === 'incident.opened') return details.severity === 'critical' ? 'critical' : 'warning';
  if (kind === 'deployment.demoted') return 'warning';
  if (kind === 'kill_switch.changed') return details.state === 'on' ? 'critical' : 'info';
  if (kind === 'trading.state_changed') return details.tradingState === 'active' ? 'info' : 'critical';
  return 'info';
}

/** True when `severity` is at least `minimum` (info < warning < critical). */
export function isAtLeastSeverity(severity: NotificationSeverity, minimum: NotificationSeverity): boolean {
  return notificationSeverities.indexOf(severity) >= notificationSeverities.indexOf(minimum);
}
