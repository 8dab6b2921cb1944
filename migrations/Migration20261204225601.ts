import { Migration } from '@mikro-orm/migrations';

/**
 * Deployment runtime, as the engine's decision path needs it: the feed cursor and the last accepted bar kept apart
 * (a refused bar is consumed, never traded on), the start of the target history, the paced replay clock's start, the
 * liquidation flag, a pending manual flatten; refusal thresholds and measured values as the engine states them (numbers or state names: text);
 * event rules are the engine's rule names (pre-trade or bar rules); a `liquidated` event; the return of each P&L mark;
 * the received time of each processed bar; and `deployment_bar`, the append-only history a live feed delivered.
 */
export class Migration20261204225601 extends Migration {

  override name = 'Migration20261204225601';

  override up(): void | Promise<void> {
    this.addSql(`create table "deployment_bar" ("deployment_id" uuid not null, "bar_at" timestamptz not null, "open" double precision not null, "high" double precision not null, "low" double precision not null, "close" double precision not null, "volume" double precision not null, "received_at" timestamptz not null, primary key ("deployment_id", "bar_at"));`);
    this.addSql(`alter table "deployment_bar" add constraint "deployment_bar_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment" add "last_accepted_bar_at" timestamptz null, add "history_start_at" timestamptz null, add "replay_clock_started_at" timestamptz null, add "liquidated" boolean not null default false, add "flatten_requested_at" timestamptz null;`);
    this.addSql(`update "deployment" set "average_entry_price" = 0 where "average_entry_price" is null;`);
    this.addSql(`alter table "deployment" alter column "average_entry_price" set default 0, alter column "average_entry_price" set not null;`);
    this.addSql(`alter table "pnl_snapshot" add "return_fraction" double precision not null;`);
    this.addSql(`alter table "deployment_signal" add "received_at" timestamptz not null;`);
    this.addSql(`alter table "deployment_order" alter column "refusal_threshold" type text using ("refusal_threshold"::text), alter column "refusal_measured" type text using ("refusal_measured"::text);`);
    this.addSql(`alter table "deployment_event" drop constraint "deployment_event_rule_check";`);
    this.addSql(`alter table "deployment_event" alter column "rule" type varchar(255) using ("rule"::varchar(255)), alter column "threshold" type text using ("threshold"::text), alter column "measured" type text using ("measured"::text);`);
    this.addSql(`alter table "deployment_event" drop constraint "deployment_event_kind_check";`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_kind_check" check ("kind" in ('order_refused', 'stale_feed', 'feed_recovered', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap', 'connector_error', 'connector_unavailable', 'unknown_venue_status', 'missing_credentials', 'reconciliation_started', 'reconciliation_completed', 'reconciliation_mismatch', 'stage_fallback', 'orders_cancelled', 'replay_completed', 'liquidated'));`);
    this.addSql(`select crucible_make_append_only('deployment_bar');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'deployment_bar';`);
    this.addSql(`drop table if exists "deployment_bar" cascade;`);
    this.addSql(`alter table "deployment" drop column "last_accepted_bar_at", drop column "history_start_at", drop column "replay_clock_started_at", drop column "liquidated", drop column "flatten_requested_at";`);
    this.addSql(`alter table "deployment" alter column "average_entry_price" drop not null, alter column "average_entry_price" drop default;`);
    this.addSql(`alter table "pnl_snapshot" drop column "return_fraction";`);
    this.addSql(`alter table "deployment_signal" drop column "received_at";`);
    this.addSql(`alter table "deployment_order" alter column "refusal_threshold" type double precision using (null), alter column "refusal_measured" type double precision using (null);`);
    this.addSql(`alter table "deployment_event" alter column "rule" type text, alter column "threshold" type double precision using (null), alter column "measured" type double precision using (null);`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_rule_check" check ("rule" in ('kill_switch', 'trading_state', 'freshness', 'max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance', 'invalid_order'));`);
    this.addSql(`alter table "deployment_event" drop constraint "deployment_event_kind_check";`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_kind_check" check ("kind" in ('order_refused', 'stale_feed', 'feed_recovered', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap', 'connector_error', 'connector_unavailable', 'unknown_venue_status', 'missing_credentials', 'reconciliation_started', 'reconciliation_completed', 'reconciliation_mismatch', 'stage_fallback', 'orders_cancelled', 'replay_completed'));`);
  }

}
