import { Migration } from '@mikro-orm/migrations';

export class Migration20261121130917 extends Migration {

  override name = 'Migration20261121130917';

  override up(): void | Promise<void> {
    this.addSql(`create table "market_data_set" ("id" uuid not null, "symbol_universe" text[] not null, "timeframe" text not null, "start_at" timestamptz not null, "end_at" timestamptz not null, "source" text not null, "checksum" varchar(64) not null, "quality_flags" jsonb not null, "row_count" int not null, "gap_count" int not null, "missing_bar_count" int not null, "file_name" varchar(255) not null, "certified_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "market_data_set" add constraint "market_data_set_checksum_unique" unique ("checksum");`);
    this.addSql(`create index "market_data_set_timeframe_start_at_index" on "market_data_set" ("timeframe", "start_at");`);
    this.addSql(`alter table "market_data_set" add constraint "market_data_set_timeframe_check" check ("timeframe" in ('tick', '1m', '5m', '1h', '1d'));`);
    this.addSql(`alter table "market_data_set" add constraint "market_data_set_source_check" check ("source" in ('exchange_dump', 'vendor_feed', 'synthetic'));`);

    this.addSql(`create table "market_bar" ("dataset_id" uuid not null, "timestamp" timestamptz not null, "open" double precision not null, "high" double precision not null, "low" double precision not null, "close" double precision not null, "volume" double precision not null, primary key ("dataset_id", "timestamp"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(255) not null, "display_name" varchar(255) not null, "kind" text not null default 'human', "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`alter table "app_user" add constraint "app_user_kind_check" check ("kind" in ('human', 'service'));`);

    this.addSql(`create table "strategy" ("id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, "objective" text not null, "owner_id" uuid not null, "eligible_markets" text[] not null, "risk_category" text not null, "capital_guardrails" jsonb not null, "lifecycle_state" text not null default 'research', "dependency_notes" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "strategy" add constraint "strategy_code_unique" unique ("code");`);
    this.addSql(`alter table "strategy" add constraint "strategy_risk_category_check" check ("risk_category" in ('low', 'moderate', 'high'));`);
    this.addSql(`alter table "strategy" add constraint "strategy_lifecycle_state_check" check ("lifecycle_state" in ('research', 'validation', 'staging', 'production', 'retired'));`);

    this.addSql(`create table "strategy_version" ("id" uuid not null, "strategy_id" uuid not null, "version_tag" varchar(255) not null, "submitted_by_id" uuid not null, "submitted_at" timestamptz not null default now(), "approval_status" text not null default 'pending', "approval_metadata" jsonb null, "changelog" text not null, "deterministic_seed" bigint not null, "template" varchar(255) not null, "parameter_space" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "strategy_version" add constraint "strategy_version_strategy_id_version_tag_unique" unique ("strategy_id", "version_tag");`);
    this.addSql(`alter table "strategy_version" add constraint "strategy_version_approval_status_check" check ("approval_status" in ('pending', 'approved', 'rejected'));`);
    this.addSql(`create or replace function "strategy_version_strategy_version_delete_only_pending_fn"() returns trigger as \$\$ begin begin
  if old.approval_status <> 'pending' then
    raise exception 'strategy version % is %, only pending versions can be deleted', old.version_tag, old.approval_status
      using errcode = 'restrict_violation';   end if;   return old; end; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "strategy_version_delete_only_pending" BEFORE DELETE on "strategy_version" for each ROW execute function "strategy_version_strategy_version_delete_only_pending_fn"();`);

    this.addSql(`create table "parameter_config" ("id" uuid not null, "strategy_version_id" uuid not null, "label" varchar(255) not null, "parameters" jsonb not null, "source" text not null, "checksum" varchar(64) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "parameter_config" add constraint "parameter_config_strategy_version_id_checksum_unique" unique ("strategy_version_id", "checksum");`);
    this.addSql(`alter table "parameter_config" add constraint "parameter_config_source_check" check ("source" in ('research', 'optimization', 'rollback'));`);

    this.addSql(`create table "hyperparameter_trial" ("id" uuid not null, "strategy_version_id" uuid not null, "market_data_set_id" uuid not null, "parameter_config_id" uuid null, "seed" bigint not null, "search_method" text not null, "parameters" jsonb not null, "train_window" tstzrange not null, "test_window" tstzrange not null, "result_metrics" jsonb not null, "regime_band" text null, "robustness_score" numeric(5,2) null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "hyperparameter_trial_strategy_version_id_index" on "hyperparameter_trial" ("strategy_version_id");`);
    this.addSql(`create index "hyperparameter_trial_created_at_index" on "hyperparameter_trial" ("created_at");`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_search_method_check" check ("search_method" in ('grid', 'random', 'latin_hypercube', 'bayesian'));`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_regime_band_check" check ("regime_band" in ('calm', 'neutral', 'turbulent'));`);

    this.addSql(`create table "backtest_run" ("id" uuid not null, "strategy_version_id" uuid not null, "parameter_config_id" uuid not null, "market_data_set_id" uuid not null, "trigger_type" text not null, "mode" text not null default 'historical', "regime_band" text null, "status" text not null default 'queued', "started_at" timestamptz null, "completed_at" timestamptz null, "metrics" jsonb null, "telemetry_ref" varchar(255) null, "warning_flags" jsonb not null, "failure_reason" text null, "engine_version" varchar(255) null, "dataset_checksum" varchar(64) not null, "parameter_checksum" varchar(64) not null, "fee_bps" double precision not null, "slippage_bps" double precision not null, "correlation_id" varchar(255) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "backtest_run_strategy_version_id_status_index" on "backtest_run" ("strategy_version_id", "status");`);
    this.addSql(`create index "backtest_run_trigger_type_started_at_index" on "backtest_run" ("trigger_type", "started_at" DESC);`);
    this.addSql(`create index "backtest_run_market_data_set_id_index" on "backtest_run" ("market_data_set_id");`);
    this.addSql(`create index "backtest_run_created_at_index" on "backtest_run" ("created_at");`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_trigger_type_check" check ("trigger_type" in ('new_data', 'regime_change', 'version_update', 'manual'));`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_mode_check" check ("mode" in ('historical', 'live_replay'));`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_regime_band_check" check ("regime_band" in ('calm', 'neutral', 'turbulent'));`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_status_check" check ("status" in ('queued', 'running', 'completed', 'failed', 'cancelled'));`);

    this.addSql(`create table "backtest_equity_curve" ("run_id" uuid not null, "timestamps" bytea not null, "equity" bytea not null, "point_count" int not null, primary key ("run_id"));`);

    this.addSql(`create table "scorecard_entry" ("id" uuid not null, "strategy_id" uuid not null, "strategy_version_id" uuid not null, "evaluation_date" date not null, "normalized_score" numeric(5,2) not null, "risk_adjusted_returns" jsonb not null, "tail_risk" jsonb not null, "win_rate_stability" jsonb not null, "drift_signals" jsonb not null, "recommendation" text not null, "generated_by_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_strategy_id_evaluation_date_unique" unique ("strategy_id", "evaluation_date");`);
    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_recommendation_check" check ("recommendation" in ('promote', 'monitor', 'demote', 'retire'));`);

    this.addSql(`create table "live_deployment" ("id" uuid not null, "strategy_id" uuid not null, "strategy_version_id" uuid not null, "parameter_config_id" uuid not null, "activation_state" text not null default 'pending', "approved_by_id" uuid null, "approved_at" timestamptz null, "capital_allocation" numeric(12,4) null, "rollout_wave" text null, "activation_started_at" timestamptz null, "activation_completed_at" timestamptz null, "rollback_reason" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "live_deployment_strategy_id_activation_state_index" on "live_deployment" ("strategy_id", "activation_state");`);
    this.addSql(`alter table "live_deployment" add constraint "live_deployment_activation_state_check" check ("activation_state" in ('pending', 'active', 'paused', 'rolled_back', 'retired'));`);
    this.addSql(`alter table "live_deployment" add constraint "live_deployment_rollout_wave_check" check ("rollout_wave" in ('pilot', 'full'));`);

    this.addSql(`create table "monitoring_incident" ("id" uuid not null, "live_deployment_id" uuid not null, "incident_type" text not null, "detected_at" timestamptz not null, "severity" text not null, "status" text not null default 'open', "auto_actions" jsonb not null, "follow_up_run_id" uuid null, "resolved_at" timestamptz null, "notes" text null, primary key ("id"));`);
    this.addSql(`create index "monitoring_incident_live_deployment_id_status_index" on "monitoring_incident" ("live_deployment_id", "status");`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_incident_type_check" check ("incident_type" in ('benchmark_lag', 'drawdown', 'risk_threshold', 'regime_shift', 'operational'));`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_severity_check" check ("severity" in ('warning', 'critical'));`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_status_check" check ("status" in ('open', 'in_review', 'resolved', 'closed'));`);

    this.addSql(`create table "deployment_audit" ("id" uuid not null, "live_deployment_id" uuid not null, "action" text not null, "actor_id" uuid not null, "actor_role" text not null, "occurred_at" timestamptz not null default now(), "details" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "deployment_audit_live_deployment_id_occurred_at_index" on "deployment_audit" ("live_deployment_id", "occurred_at");`);
    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_action_check" check ("action" in ('promote', 'rollback', 'pause', 'resume', 'capital_update'));`);
    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_actor_role_check" check ("actor_role" in ('research', 'production', 'risk', 'compliance', 'system'));`);

    this.addSql(`alter table "market_bar" add constraint "market_bar_dataset_id_foreign" foreign key ("dataset_id") references "market_data_set" ("id") on delete cascade;`);

    this.addSql(`alter table "strategy" add constraint "strategy_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete no action;`);

    this.addSql(`alter table "strategy_version" add constraint "strategy_version_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "strategy_version" add constraint "strategy_version_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on delete no action;`);

    this.addSql(`alter table "parameter_config" add constraint "parameter_config_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete cascade;`);

    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete cascade;`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_market_data_set_id_foreign" foreign key ("market_data_set_id") references "market_data_set" ("id") on delete no action;`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_parameter_config_id_foreign" foreign key ("parameter_config_id") references "parameter_config" ("id") on delete set null;`);

    this.addSql(`alter table "backtest_run" add constraint "backtest_run_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete cascade;`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_parameter_config_id_foreign" foreign key ("parameter_config_id") references "parameter_config" ("id") on delete cascade;`);
    this.addSql(`alter table "backtest_run" add constraint "backtest_run_market_data_set_id_foreign" foreign key ("market_data_set_id") references "market_data_set" ("id") on delete no action;`);

    this.addSql(`alter table "backtest_equity_curve" add constraint "backtest_equity_curve_run_id_foreign" foreign key ("run_id") references "backtest_run" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete no action;`);
    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_generated_by_id_foreign" foreign key ("generated_by_id") references "app_user" ("id") on delete no action;`);

    this.addSql(`alter table "live_deployment" add constraint "live_deployment_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "live_deployment" add constraint "live_deployment_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete no action;`);
    this.addSql(`alter table "live_deployment" add constraint "live_deployment_parameter_config_id_foreign" foreign key ("parameter_config_id") references "parameter_config" ("id") on delete no action;`);
    this.addSql(`alter table "live_deployment" add constraint "live_deployment_approved_by_id_foreign" foreign key ("approved_by_id") references "app_user" ("id") on delete no action;`);

    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_live_deployment_id_foreign" foreign key ("live_deployment_id") references "live_deployment" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_follow_up_run_id_foreign" foreign key ("follow_up_run_id") references "backtest_run" ("id") on delete set null;`);

    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_live_deployment_id_foreign" foreign key ("live_deployment_id") references "live_deployment" ("id") on delete no action;`);
    this.addSql(`alter table "deployment_audit" add constraint "deployment_audit_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete no action;`);
  }

}
