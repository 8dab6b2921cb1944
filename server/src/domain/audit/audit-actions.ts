/**
 * Every action the audit trail records: a closed list, so a new use-case names its action here (and a typo is a
 * compile error). Dotted `<subject>.<past tense>`; filters accept a prefix such as `auth.`.
 */
export const auditActions = [
  'api_token.created',
  'api_token.revoked',
  'auth.sign_in_failed',
  'auth.signed_in',
  'auth.signed_out',
  'auth.step_up_failed',
  'auth.stepped_up',
  'auth.totp_enrolled',
  'auth.totp_enrolment_started',
  'authorization.denied',
  'backtest.queued',
  'backtest.started',
  'backtest.completed',
  'backtest.failed',
  'backtest.cancelled',
  'evaluation_cycle.completed',
  'evaluation_cycle.failed',
  'evaluation_cycle.cancelled',
  'incident.opened',
  'incident.reviewed',
  'incident.resolved',
  'incident.closed',
  'job.escalated',
  'market_data.imported',
  'notification.read',
  'optimization.queued',
  'optimization.started',
  'optimization.completed',
  'optimization.failed',
  'optimization.cancelled',
  'permission.granted',
  'permission.revoked',
  'strategy.lifecycle_changed',
  'strategy.registered',
  'strategy_version.approved',
  'strategy_version.rejected',
  'strategy_version.submitted',
  'trigger.recorded',
  'user.created',
  'user.deactivated',
  'worker.recovered',
] as const;

/** One action of the audit trail. */
export type AuditAction = (typeof auditActions)[number];

