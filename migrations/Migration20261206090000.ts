import { Migration } from '@mikro-orm/migrations';

/**
 * Deployment events `health_degraded` and `health_restored`: every flip of a deployment's health is recorded with its
 * reason (the health history the demotion triggers read: DEGRADED longer than the policy allows while PAPER or LIVE).
 * Notification kinds `deployment.demoted` (the demotion triggers moved a PAPER or LIVE deployment down: to production
 * and risk), `promotion.executed` (a deployment moved up the ladder: to research, production and risk) and
 * `kill_switch.changed` (a kill switch turned on or off) and `trading.state_changed` (the global trading state halted,
 * flattening or resumed): to production and risk.
 */
export class Migration20261206090000 extends Migration {

  override name = 'Migration20261206090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deployment_event" drop constraint "deployment_event_kind_check";`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_kind_check" check ("kind" in ('order_refused', 'stale_feed', 'feed_recovered', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap', 'connector_error', 'connector_unavailable', 'unknown_venue_status', 'missing_credentials', 'reconciliation_started', 'reconciliation_completed', 'reconciliation_mismatch', 'stage_fallback', 'orders_cancelled', 'replay_completed', 'liquidated', 'health_degraded', 'health_restored'));`);
    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check ("kind" in ('incident.opened', 'job.escalated', 'scorecard.incomplete', 'promotion.activation_halted', 'promotion.candidate_opened', 'promotion.request_opened', 'deployment.connector_unavailable', 'deployment.demoted', 'promotion.executed', 'kill_switch.changed', 'trading.state_changed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check ("kind" in ('incident.opened', 'job.escalated', 'scorecard.incomplete', 'promotion.activation_halted', 'promotion.candidate_opened', 'promotion.request_opened', 'deployment.connector_unavailable'));`);
    this.addSql(`alter table "deployment_event" drop constraint "deployment_event_kind_check";`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_kind_check" check ("kind" in ('order_refused', 'stale_feed', 'feed_recovered', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap', 'connector_error', 'connector_unavailable', 'unknown_venue_status', 'missing_credentials', 'reconciliation_started', 'reconciliation_completed', 'reconciliation_mismatch', 'stage_fallback', 'orders_cancelled', 'replay_completed', 'liquidated'));`);
  }

}
