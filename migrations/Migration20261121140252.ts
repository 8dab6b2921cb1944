import { Migration } from '@mikro-orm/migrations';

export class Migration20261121140252 extends Migration {

  override name = 'Migration20261121140252';

  override up(): void | Promise<void> {
    this.addSql(`create table "evaluation_cycle" ("id" uuid not null, "status" text not null default 'queued', "configuration_count" int not null, "max_template_share" double precision not null, "seed" bigint not null, "scope_key" varchar(255) not null, "strategy_ids" jsonb null, "symbols" jsonb not null, "datasets" jsonb null, "scoring_policy_version" varchar(255) null, "evaluation_date" date null, "correlation_id" varchar(255) not null, "reason" varchar(255) not null, "queued_at" timestamptz not null default now(), "started_at" timestamptz null, "completed_at" timestamptz null, "failure_reason" text null, "trial_count" int not null default 0, "probability_of_backtest_overfitting" double precision null, "trial_keys" jsonb null, "trial_return_matrix" bytea null, "matrix_rows" int not null default 0, "duration_ms" int null, primary key ("id"));`);
    this.addSql(`create index "evaluation_cycle_status_index" on "evaluation_cycle" ("status");`);
    this.addSql(`create index "evaluation_cycle_scope_key_status_index" on "evaluation_cycle" ("scope_key", "status");`);

    this.addSql(`create table "notification" ("id" uuid not null, "audience" varchar(255) not null, "kind" varchar(255) not null, "message" text not null, "subject_type" varchar(255) null, "subject_id" varchar(255) null, "details" jsonb not null, "created_at" timestamptz not null default now(), "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "notification_audience_created_at_index" on "notification" ("audience", "created_at");`);

    this.addSql(`create table "worker_heartbeat" ("worker_id" varchar(255) not null, "hostname" varchar(255) not null, "pid" int not null, "pool_id" varchar(255) null, "concurrency" int not null, "started_at" timestamptz not null, "last_seen_at" timestamptz not null, primary key ("worker_id"));`);

    this.addSql(`create table "scoring_policy" ("id" uuid not null, "version" varchar(255) not null, "definition" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "scoring_policy" add constraint "scoring_policy_version_unique" unique ("version");`);

    this.addSql(`create table "trigger_event" ("id" uuid not null, "type" text not null, "subject_type" varchar(255) not null, "subject_id" varchar(255) null, "details" jsonb not null, "actor_id" uuid null, "correlation_id" varchar(255) not null, "received_at" timestamptz not null, "enqueued_at" timestamptz null, "outcome" text not null, "outcome_reason" text not null, primary key ("id"));`);
    this.addSql(`create index "trigger_event_received_at_index" on "trigger_event" ("received_at");`);
    this.addSql(`create index "trigger_event_subject_type_subject_id_index" on "trigger_event" ("subject_type", "subject_id");`);

    this.addSql(`create table "trigger_link" ("id" uuid not null, "trigger_event_id" uuid not null, "target_type" text not null, "target_id" varchar(255) not null, "job_key" varchar(255) null, "task_identifier" varchar(255) null, "strategy_id" uuid null, "consumed_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "trigger_link_job_key_index" on "trigger_link" ("job_key");`);
    this.addSql(`create index "trigger_link_target_type_target_id_index" on "trigger_link" ("target_type", "target_id");`);

    this.addSql(`create table "cycle_configuration" ("id" uuid not null, "evaluation_cycle_id" uuid not null, "strategy_id" uuid not null, "strategy_version_id" uuid not null, "template" varchar(255) not null, "configuration_key" varchar(255) not null, "parameters" jsonb not null, "seed" bigint not null, "out_of_sample_sharpe" double precision null, "out_of_sample_metrics" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "cycle_configuration" add constraint "cycle_configuration_evaluation_cycle_id_strategy__e05d4_unique" unique ("evaluation_cycle_id", "strategy_id", "configuration_key");`);

    this.addSql(`alter table "scorecard_entry" add "scoring_policy_version" varchar(255) not null default '2026.11.1', add "factor_contributions" jsonb not null default '[]', add "rank" int null, add "complete" boolean not null default false, add "missing_inputs" jsonb not null default '[]', add "research_only" boolean not null default true, add "rationale" jsonb not null default '[]', add "inputs" jsonb not null default '{}', add "evaluation_cycle_id" uuid null, add "updated_at" timestamptz null;`);
    this.addSql(`alter table "scorecard_entry" add constraint "scorecard_entry_evaluation_cycle_id_foreign" foreign key ("evaluation_cycle_id") references "evaluation_cycle" ("id") on delete set null;`);

    this.addSql(`alter table "evaluation_cycle" add constraint "evaluation_cycle_status_check" check ("status" in ('queued', 'running', 'completed', 'failed'));`);

    this.addSql(`alter table "trigger_event" add constraint "trigger_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "trigger_event" add constraint "trigger_event_type_check" check ("type" in ('dataset_certified', 'regime_change', 'version_approved', 'parameter_space_registered', 'manual', 'monitoring_incident', 'scheduled'));`);
    this.addSql(`alter table "trigger_event" add constraint "trigger_event_outcome_check" check ("outcome" in ('enqueued', 'skipped'));`);

    this.addSql(`alter table "trigger_link" add constraint "trigger_link_trigger_event_id_foreign" foreign key ("trigger_event_id") references "trigger_event" ("id") on delete cascade;`);
    this.addSql(`alter table "trigger_link" add constraint "trigger_link_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "trigger_link" add constraint "trigger_link_target_type_check" check ("target_type" in ('job', 'evaluation_cycle', 'backtest_run', 'optimization'));`);

    this.addSql(`alter table "cycle_configuration" add constraint "cycle_configuration_evaluation_cycle_id_foreign" foreign key ("evaluation_cycle_id") references "evaluation_cycle" ("id") on delete cascade;`);
    this.addSql(`alter table "cycle_configuration" add constraint "cycle_configuration_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "cycle_configuration" add constraint "cycle_configuration_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "cycle_configuration" drop constraint "cycle_configuration_evaluation_cycle_id_foreign";`);
    this.addSql(`alter table "scorecard_entry" drop constraint "scorecard_entry_evaluation_cycle_id_foreign";`);
    this.addSql(`alter table "trigger_link" drop constraint "trigger_link_trigger_event_id_foreign";`);

    this.addSql(`drop table if exists "evaluation_cycle" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "scoring_policy" cascade;`);
    this.addSql(`drop table if exists "worker_heartbeat" cascade;`);
    this.addSql(`drop table if exists "trigger_event" cascade;`);
    this.addSql(`drop table if exists "trigger_link" cascade;`);
    this.addSql(`drop table if exists "cycle_configuration" cascade;`);

    this.addSql(`alter table "scorecard_entry" drop column "scoring_policy_version", drop column "factor_contributions", drop column "rank", drop column "complete", drop column "missing_inputs", drop column "research_only", drop column "rationale", drop column "inputs", drop column "evaluation_cycle_id", drop column "updated_at";`);
  }

}
