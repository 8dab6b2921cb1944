import { Migration } from '@mikro-orm/migrations';

/**
 * Deployment runtime data model (issue 11): `live_deployment` becomes `deployment` — stage, effective stage, trading
 * state, health, feed (replay or live), execution venue, typed fill-model columns, limits and the runner's state after
 * the last processed bar — and the runtime's records: orders (deterministic client order id, unique), fills,
 * per-bar position and P&L snapshots, signals, events (refusals, data integrity, connector, reconciliation), kill
 * switches with their history, the global trading state and LIVE confirmation tokens. Fills, events, snapshots,
 * signals and kill-switch changes are append-only (`crucible_make_append_only`).
 */
export class Migration20261204224401 extends Migration {

  override name = 'Migration20261204224401';

  override up(): void | Promise<void> {
    // live_deployment becomes the runtime's deployment (any stage, replayed or live feed). Nothing ever created a
    // live_deployment row, so the new required columns need no back-fill; refuse clearly if one exists.
    this.addSql(`do $$ begin
  if exists (select 1 from "live_deployment") then
    raise exception 'live_deployment holds rows: give them a stage, feed, fill model and limits before migrating to deployment';
  end if;
end $$;`);
    this.addSql(`alter table "live_deployment" rename to "deployment";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_pkey" to "deployment_pkey";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_strategy_id_foreign" to "deployment_strategy_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_strategy_version_id_foreign" to "deployment_strategy_version_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_parameter_config_id_foreign" to "deployment_parameter_config_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_approved_by_id_foreign" to "deployment_approved_by_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_activation_state_check" to "deployment_activation_state_check";`);
    this.addSql(`alter table "deployment" rename constraint "live_deployment_rollout_wave_check" to "deployment_rollout_wave_check";`);
    this.addSql(`alter index "live_deployment_strategy_id_activation_state_index" rename to "deployment_strategy_id_activation_state_index";`);
    this.addSql(`alter table "deployment" alter column "capital_allocation" type double precision using ("capital_allocation"::double precision), alter column "capital_allocation" set not null;`);
    this.addSql(`alter table "deployment" add column "created_by_id" uuid not null, add column "stage" text not null, add column "effective_stage" text not null, add column "effective_stage_reason" text null, add column "trading_state" text not null default 'active', add column "trading_state_reason" text null, add column "health" text not null default 'healthy', add column "health_reason" text null, add column "feed_kind" text not null, add column "replay_dataset_id" uuid null, add column "replay_bar_interval_ms" int null, add column "replay_start_at" timestamptz null, add column "replay_end_at" timestamptz null, add column "feed_venue" text null, add column "symbol" varchar(255) not null, add column "timeframe" text not null, add column "quote_currency" varchar(255) not null, add column "warm_up_bars" int not null default 0, add column "venue" text not null, add column "slippage_bps" double precision not null, add column "taker_fee_bps" double precision not null, add column "maker_fee_bps" double precision not null, add column "participation_cap" double precision null, add column "latency_ms" int not null default 0, add column "order_type" text not null default 'market', add column "limit_offset_bps" double precision null, add column "seed" bigint not null, add column "max_notional_per_order" double precision not null, add column "max_position_fraction" double precision not null, add column "max_bar_age_ms" int not null, add column "initial_equity" double precision not null, add column "last_processed_bar_at" timestamptz null, add column "last_bar_received_at" timestamptz null, add column "cash" double precision not null, add column "position_quantity" double precision not null default 0, add column "average_entry_price" double precision null, add column "target_in_force" double precision not null default 0, add column "pending_target" double precision null, add column "equity" double precision not null, add column "peak_equity" double precision not null, add column "realized_pnl" double precision not null default 0, add column "fees_paid" double precision not null default 0, add column "updated_at" timestamptz not null default now();`);
    this.addSql(`create index "deployment_activation_state_feed_kind_index" on "deployment" ("activation_state", "feed_kind");`);
    this.addSql(`alter table "deployment" add constraint "deployment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "deployment" add constraint "deployment_replay_dataset_id_foreign" foreign key ("replay_dataset_id") references "market_data_set" ("id") on delete no action;`);
    this.addSql(`alter table "deployment" add constraint "deployment_feed_check" check ((feed_kind = 'replay' and replay_dataset_id is not null and feed_venue is null) or (feed_kind = 'live' and feed_venue is not null and replay_dataset_id is null and replay_bar_interval_ms is null));`);
    this.addSql(`alter table "deployment" add constraint "deployment_replay_interval_check" check (replay_bar_interval_ms is null or replay_bar_interval_ms > 0);`);
    this.addSql(`alter table "deployment" add constraint "deployment_limit_offset_check" check ((order_type = 'limit') = (limit_offset_bps is not null));`);
    this.addSql(`alter table "deployment" add constraint "deployment_fill_model_check" check (slippage_bps >= 0 and taker_fee_bps >= 0 and maker_fee_bps >= 0 and latency_ms >= 0 and (participation_cap is null or (participation_cap > 0 and participation_cap <= 1)) and warm_up_bars >= 0);`);
    this.addSql(`alter table "deployment" add constraint "deployment_limits_check" check (max_notional_per_order > 0 and capital_allocation > 0 and capital_allocation <= 1 and max_position_fraction > 0 and max_bar_age_ms > 0 and initial_equity > 0);`);
    this.addSql(`alter table "deployment" add constraint "deployment_degraded_reason_check" check ((health = 'degraded') = (health_reason is not null));`);
    this.addSql(`alter table "deployment" add constraint "deployment_stage_check" check ("stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_effective_stage_check" check ("effective_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_trading_state_check" check ("trading_state" in ('active', 'reducing', 'halted'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_health_check" check ("health" in ('healthy', 'degraded'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_health_reason_check" check ("health_reason" in ('stale_feed', 'clock_skew', 'connector_unavailable', 'reconciliation_pending'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_feed_kind_check" check ("feed_kind" in ('replay', 'live'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_feed_venue_check" check ("feed_venue" in ('binanceus', 'coinbase'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_timeframe_check" check ("timeframe" in ('tick', '1m', '5m', '1h', '1d'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_venue_check" check ("venue" in ('shadow', 'paper', 'binanceus', 'coinbase'));`);
    this.addSql(`alter table "deployment" add constraint "deployment_order_type_check" check ("order_type" in ('market', 'limit'));`);

    // Incidents and the deployment audit follow the rename.
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_live_deployment_id_foreign";`);
    this.addSql(`drop index "monitoring_incident_live_deployment_id_status_index";`);
    this.addSql(`alter table "monitoring_incident" rename column "live_deployment_id" to "deployment_id";`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`create index "monitoring_incident_deployment_id_status_index" on "monitoring_incident" ("deployment_id", "status");`);
    this.addSql(`alter table "deployment_audit" drop constraint "deployment_audit_live_deployment_id_foreign";`);
    this.addSql(`drop index "deployment_audit_live_deployment_id_occurred_at_index";`);
    this.addSql(`alter table "deployment_audit" rename column "live_deployment_id" to "deployment_id";`);
    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`create index "deployment_audit_deployment_id_occurred_at_index" on "deployment_audit" ("deployment_id", "occurred_at");`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_subject_check";`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_subject_check" check (incident_type = 'operational' or deployment_id is not null or strategy_id is not null);`);

    // Orders, fills, per-bar snapshots and signals, events, kill switches, the global trading state, LIVE tokens.
    this.addSql(`create table "kill_switch" ("id" uuid not null, "scope" text not null, "strategy_id" uuid null, "state" text not null default 'off', "reason" text null, "changed_by_id" uuid null, "changed_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_strategy_id_unique" unique ("strategy_id");`);
    this.addSql(`create unique index "kill_switch_global_index" on "kill_switch" ("scope") where "scope" = 'global';`);
    this.addSql(`create table "kill_switch_change" ("id" uuid not null, "kill_switch_id" uuid not null, "scope" text not null, "strategy_id" uuid null, "from_state" text not null, "to_state" text not null, "reason" text not null, "changed_by_id" uuid not null, "changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "kill_switch_change_kill_switch_id_changed_at_index" on "kill_switch_change" ("kill_switch_id", "changed_at");`);
    this.addSql(`create table "global_trading_state" ("id" varchar(255) not null, "trading_state" text not null default 'active', "reason" text null, "changed_by_id" uuid null, "changed_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create table "position_snapshot" ("deployment_id" uuid not null, "bar_at" timestamptz not null, "quantity" double precision not null, "average_entry_price" double precision null, "mark_price" double precision not null, "notional" double precision not null, "target_in_force" double precision not null, primary key ("deployment_id", "bar_at"));`);
    this.addSql(`create table "pnl_snapshot" ("deployment_id" uuid not null, "bar_at" timestamptz not null, "equity" double precision not null, "cash" double precision not null, "realized_pnl" double precision not null, "unrealized_pnl" double precision not null, "fees" double precision not null, "drawdown" double precision not null, "exposure" double precision not null, primary key ("deployment_id", "bar_at"));`);
    this.addSql(`create table "live_confirmation_token" ("id" uuid not null, "deployment_id" uuid not null, "token_hash" varchar(64) not null, "created_by_id" uuid not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "live_confirmation_token" add constraint "live_confirmation_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "live_confirmation_token_deployment_id_expires_at_index" on "live_confirmation_token" ("deployment_id", "expires_at");`);
    this.addSql(`create table "deployment_signal" ("deployment_id" uuid not null, "bar_at" timestamptz not null, "target" double precision not null, "close" double precision not null, "effective_stage" text not null, "computed_at" timestamptz not null, primary key ("deployment_id", "bar_at"));`);
    this.addSql(`create table "deployment_order" ("id" uuid not null, "deployment_id" uuid not null, "client_order_id" varchar(36) not null, "decision_bar_at" timestamptz not null, "intent" text not null, "stage" text not null, "venue" text not null, "side" text not null, "order_type" text not null, "quantity" double precision not null, "limit_price" double precision null, "reference_price" double precision not null, "state" text not null default 'new', "filled_quantity" double precision not null default 0, "fill_ratio" double precision not null default 0, "average_price" double precision null, "fees" double precision not null default 0, "venue_order_id" varchar(255) null, "raw_venue_status" varchar(255) null, "refusal_rule" text null, "refusal_threshold" double precision null, "refusal_measured" double precision null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_client_order_id_unique" unique ("client_order_id");`);
    this.addSql(`create index "deployment_order_deployment_id_decision_bar_at_index" on "deployment_order" ("deployment_id", "decision_bar_at");`);
    this.addSql(`create index "deployment_order_deployment_id_state_index" on "deployment_order" ("deployment_id", "state");`);
    this.addSql(`create table "deployment_fill" ("id" uuid not null, "deployment_id" uuid not null, "order_id" uuid not null, "sequence" int not null, "side" text not null, "quantity" double precision not null, "price" double precision not null, "fee" double precision not null, "liquidity" text not null, "bar_at" timestamptz not null, "filled_at" timestamptz not null, "venue_trade_id" varchar(255) null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "deployment_fill_deployment_id_bar_at_index" on "deployment_fill" ("deployment_id", "bar_at");`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_order_id_sequence_unique" unique ("order_id", "sequence");`);
    this.addSql(`create table "deployment_event" ("id" uuid not null, "deployment_id" uuid not null, "occurred_at" timestamptz not null, "bar_at" timestamptz null, "category" text not null, "kind" text not null, "rule" text null, "threshold" double precision null, "measured" double precision null, "message" text not null, "order_id" uuid null, "evidence" jsonb null, primary key ("id"));`);
    this.addSql(`create index "deployment_event_deployment_id_occurred_at_index" on "deployment_event" ("deployment_id", "occurred_at");`);
    this.addSql(`create index "deployment_event_deployment_id_category_occurred_at_index" on "deployment_event" ("deployment_id", "category", "occurred_at");`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_strategy_scope_check" check ((scope = 'global') = (strategy_id is null));`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_scope_check" check ("scope" in ('global', 'strategy'));`);
    this.addSql(`alter table "kill_switch" add constraint "kill_switch_state_check" check ("state" in ('off', 'on'));`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_kill_switch_id_foreign" foreign key ("kill_switch_id") references "kill_switch" ("id") on delete no action;`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_scope_check" check ("scope" in ('global', 'strategy'));`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_from_state_check" check ("from_state" in ('off', 'on'));`);
    this.addSql(`alter table "kill_switch_change" add constraint "kill_switch_change_to_state_check" check ("to_state" in ('off', 'on'));`);
    this.addSql(`alter table "global_trading_state" add constraint "global_trading_state_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "global_trading_state" add constraint "global_trading_state_single_row_check" check (id = 'global');`);
    this.addSql(`alter table "global_trading_state" add constraint "global_trading_state_trading_state_check" check ("trading_state" in ('active', 'reducing', 'halted'));`);
    this.addSql(`alter table "position_snapshot" add constraint "position_snapshot_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "pnl_snapshot" add constraint "pnl_snapshot_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "live_confirmation_token" add constraint "live_confirmation_token_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "live_confirmation_token" add constraint "live_confirmation_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "live_confirmation_token" add constraint "live_confirmation_token_revoked_by_id_foreign" foreign key ("revoked_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "live_confirmation_token" add constraint "live_confirmation_token_window_check" check (expires_at > created_at);`);
    this.addSql(`alter table "deployment_signal" add constraint "deployment_signal_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_signal" add constraint "deployment_signal_effective_stage_check" check ("effective_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_quantity_check" check (quantity > 0 and filled_quantity >= 0 and filled_quantity <= quantity * (1 + 1e-9) and fill_ratio >= 0 and fill_ratio <= 1 and fees >= 0);`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_limit_price_check" check ((order_type = 'limit') = (limit_price is not null));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_denied_check" check (state <> 'denied' or (refusal_rule is not null and reason is not null));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_client_order_id_check" check (client_order_id ~ '^[A-Za-z0-9_-]{1,36}$');`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_intent_check" check ("intent" in ('rebalance', 'flatten'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_stage_check" check ("stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_venue_check" check ("venue" in ('shadow', 'paper', 'binanceus', 'coinbase'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_side_check" check ("side" in ('buy', 'sell'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_order_type_check" check ("order_type" in ('market', 'limit'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_state_check" check ("state" in ('new', 'submitted', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'denied', 'unresolved'));`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_refusal_rule_check" check ("refusal_rule" in ('kill_switch', 'trading_state', 'freshness', 'max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance', 'invalid_order'));`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_order_id_foreign" foreign key ("order_id") references "deployment_order" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_amounts_check" check (quantity > 0 and price > 0 and fee >= 0);`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_side_check" check ("side" in ('buy', 'sell'));`);
    this.addSql(`alter table "deployment_fill" add constraint "deployment_fill_liquidity_check" check ("liquidity" in ('maker', 'taker'));`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_order_id_foreign" foreign key ("order_id") references "deployment_order" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_category_check" check ("category" in ('refusal', 'data_integrity', 'connector', 'reconciliation', 'runtime'));`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_kind_check" check ("kind" in ('order_refused', 'stale_feed', 'feed_recovered', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap', 'connector_error', 'connector_unavailable', 'unknown_venue_status', 'missing_credentials', 'reconciliation_started', 'reconciliation_completed', 'reconciliation_mismatch', 'stage_fallback', 'orders_cancelled', 'replay_completed'));`);
    this.addSql(`alter table "deployment_event" add constraint "deployment_event_rule_check" check ("rule" in ('kill_switch', 'trading_state', 'freshness', 'max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance', 'invalid_order'));`);

    // The global kill switch (off) and the global trading state (active) exist from the start.
    this.addSql(`insert into "kill_switch" ("id", "scope", "state", "reason") values (gen_random_uuid(), 'global', 'off', 'created by migration');`);
    this.addSql(`insert into "global_trading_state" ("id", "trading_state", "reason") values ('global', 'active', 'created by migration');`);

    // Records that are never changed or removed.
    this.addSql(`select crucible_make_append_only('deployment_fill');`);
    this.addSql(`select crucible_make_append_only('deployment_event');`);
    this.addSql(`select crucible_make_append_only('kill_switch_change');`);
    this.addSql(`select crucible_make_append_only('position_snapshot');`);
    this.addSql(`select crucible_make_append_only('pnl_snapshot');`);
    this.addSql(`select crucible_make_append_only('deployment_signal');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" in ('deployment_fill', 'deployment_event', 'kill_switch_change', 'position_snapshot', 'pnl_snapshot', 'deployment_signal');`);
    this.addSql(`drop table if exists "deployment_event" cascade;`);
    this.addSql(`drop table if exists "deployment_fill" cascade;`);
    this.addSql(`drop table if exists "deployment_order" cascade;`);
    this.addSql(`drop table if exists "deployment_signal" cascade;`);
    this.addSql(`drop table if exists "live_confirmation_token" cascade;`);
    this.addSql(`drop table if exists "pnl_snapshot" cascade;`);
    this.addSql(`drop table if exists "position_snapshot" cascade;`);
    this.addSql(`drop table if exists "global_trading_state" cascade;`);
    this.addSql(`drop table if exists "kill_switch_change" cascade;`);
    this.addSql(`drop table if exists "kill_switch" cascade;`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_subject_check";`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_deployment_id_foreign";`);
    this.addSql(`drop index "monitoring_incident_deployment_id_status_index";`);
    this.addSql(`alter table "monitoring_incident" rename column "deployment_id" to "live_deployment_id";`);
    this.addSql(`alter table "deployment_audit" drop constraint "deployment_audit_deployment_id_foreign";`);
    this.addSql(`drop index "deployment_audit_deployment_id_occurred_at_index";`);
    this.addSql(`alter table "deployment_audit" rename column "deployment_id" to "live_deployment_id";`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_subject_check" check (incident_type = 'operational' or live_deployment_id is not null or strategy_id is not null);`);
    this.addSql(`alter table "deployment" drop constraint "deployment_created_by_id_foreign";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_replay_dataset_id_foreign";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_feed_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_replay_interval_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_limit_offset_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_fill_model_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_limits_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_degraded_reason_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_stage_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_effective_stage_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_trading_state_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_health_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_health_reason_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_feed_kind_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_feed_venue_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_timeframe_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_venue_check";`);
    this.addSql(`alter table "deployment" drop constraint "deployment_order_type_check";`);
    this.addSql(`drop index "deployment_activation_state_feed_kind_index";`);
    this.addSql(`alter table "deployment" drop column "created_by_id", drop column "stage", drop column "effective_stage", drop column "effective_stage_reason", drop column "trading_state", drop column "trading_state_reason", drop column "health", drop column "health_reason", drop column "feed_kind", drop column "replay_dataset_id", drop column "replay_bar_interval_ms", drop column "replay_start_at", drop column "replay_end_at", drop column "feed_venue", drop column "symbol", drop column "timeframe", drop column "quote_currency", drop column "warm_up_bars", drop column "venue", drop column "slippage_bps", drop column "taker_fee_bps", drop column "maker_fee_bps", drop column "participation_cap", drop column "latency_ms", drop column "order_type", drop column "limit_offset_bps", drop column "seed", drop column "max_notional_per_order", drop column "max_position_fraction", drop column "max_bar_age_ms", drop column "initial_equity", drop column "last_processed_bar_at", drop column "last_bar_received_at", drop column "cash", drop column "position_quantity", drop column "average_entry_price", drop column "target_in_force", drop column "pending_target", drop column "equity", drop column "peak_equity", drop column "realized_pnl", drop column "fees_paid", drop column "updated_at";`);
    this.addSql(`alter table "deployment" alter column "capital_allocation" drop not null, alter column "capital_allocation" type numeric(12,4);`);
    this.addSql(`alter index "deployment_strategy_id_activation_state_index" rename to "live_deployment_strategy_id_activation_state_index";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_strategy_id_foreign" to "live_deployment_strategy_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_strategy_version_id_foreign" to "live_deployment_strategy_version_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_parameter_config_id_foreign" to "live_deployment_parameter_config_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_approved_by_id_foreign" to "live_deployment_approved_by_id_foreign";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_activation_state_check" to "live_deployment_activation_state_check";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_rollout_wave_check" to "live_deployment_rollout_wave_check";`);
    this.addSql(`alter table "deployment" rename constraint "deployment_pkey" to "live_deployment_pkey";`);
    this.addSql(`alter table "deployment" rename to "live_deployment";`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_live_deployment_id_foreign" foreign key ("live_deployment_id") references "live_deployment" ("id") on delete no action;`);
    this.addSql(`create index "monitoring_incident_live_deployment_id_status_index" on "monitoring_incident" ("live_deployment_id", "status");`);
    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_live_deployment_id_foreign" foreign key ("live_deployment_id") references "live_deployment" ("id") on delete no action;`);
    this.addSql(`create index "deployment_audit_live_deployment_id_occurred_at_index" on "deployment_audit" ("live_deployment_id", "occurred_at");`);
  }

}
