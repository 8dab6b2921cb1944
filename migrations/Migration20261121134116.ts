import { Migration } from '@mikro-orm/migrations';

export class Migration20261121134116 extends Migration {

  override name = 'Migration20261121134116';

  override up(): void | Promise<void> {
    this.addSql(`create table "optimization" ("id" uuid not null, "strategy_version_id" uuid not null, "datasets" jsonb not null, "parameter_space" jsonb not null, "parameter_overrides" jsonb not null, "parameter_checksum" varchar(64) not null, "search_method" text not null, "trial_budget" int not null, "seed" bigint not null, "windows" jsonb not null, "objective" jsonb not null, "fee_bps" double precision not null, "slippage_bps" double precision not null, "status" text not null default 'queued', "trials_completed" int not null default 0, "trials_total" int not null default 0, "segments_completed" int not null default 0, "segments_total" int not null default 0, "started_at" timestamptz null, "completed_at" timestamptz null, "failure_reason" text null, "engine_version" varchar(255) null, "best_parameter_config_id" uuid null, "best_parameters" jsonb null, "probability_of_overfitting" double precision null, "deflated_sharpe_ratio" double precision null, "probabilistic_sharpe_ratio" double precision null, "walk_forward_efficiency" double precision null, "robustness_score" double precision null, "out_of_sample_metrics" jsonb null, "regime_metrics" jsonb null, "sensitivity" jsonb null, "correlation_id" varchar(255) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "optimization_status_index" on "optimization" ("status");`);
    this.addSql(`create index "optimization_created_at_index" on "optimization" ("created_at");`);
    this.addSql(`create index "optimization_strategy_version_id_index" on "optimization" ("strategy_version_id");`);

    this.addSql(`create table "walk_forward_segment" ("id" uuid not null, "optimization_id" uuid not null, "market_data_set_id" uuid not null, "segment_index" int not null, "train_window" tstzrange not null, "test_window" tstzrange not null, "seed" bigint not null, "parameter_config_id" uuid not null, "parameters" jsonb not null, "feasible" boolean not null, "trial_count" int not null, "in_sample_metrics" jsonb not null, "out_of_sample_metrics" jsonb not null, "walk_forward_efficiency" double precision null, "probability_of_overfitting" double precision null, "deflated_sharpe_ratio" double precision null, "out_of_sample_timestamps" bytea not null, "out_of_sample_returns" bytea not null, "trial_return_matrix" bytea not null, "matrix_rows" int not null, "matrix_group_bars" int not null, "engine_version" varchar(255) not null, "dataset_checksum" varchar(64) not null, "parameter_checksum" varchar(64) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "walk_forward_segment" add constraint "walk_forward_segment_optimization_id_market_data__09fa4_unique" unique ("optimization_id", "market_data_set_id", "segment_index");`);

    this.addSql(`alter table "hyperparameter_trial" add "optimization_id" uuid null, add "segment_id" uuid null, add "trial_index" int null, add "in_sample_metrics" jsonb null, add "feasible" boolean null, add "engine_version" varchar(255) null, add "dataset_checksum" varchar(64) null, add "parameter_checksum" varchar(64) null;`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_optimization_id_foreign" foreign key ("optimization_id") references "optimization" ("id") on delete cascade;`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_segment_id_foreign" foreign key ("segment_id") references "walk_forward_segment" ("id") on delete cascade;`);
    this.addSql(`create index "hyperparameter_trial_optimization_id_index" on "hyperparameter_trial" ("optimization_id");`);
    this.addSql(`alter table "hyperparameter_trial" add constraint "hyperparameter_trial_optimization_id_segment_id_t_41025_unique" unique ("optimization_id", "segment_id", "trial_index");`);

    this.addSql(`alter table "optimization" add constraint "optimization_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete cascade;`);
    this.addSql(`alter table "optimization" add constraint "optimization_best_parameter_config_id_foreign" foreign key ("best_parameter_config_id") references "parameter_config" ("id") on delete set null;`);
    this.addSql(`alter table "optimization" add constraint "optimization_search_method_check" check ("search_method" in ('grid', 'random', 'latin_hypercube', 'bayesian'));`);
    this.addSql(`alter table "optimization" add constraint "optimization_status_check" check ("status" in ('queued', 'running', 'completed', 'failed'));`);

    this.addSql(`alter table "walk_forward_segment" add constraint "walk_forward_segment_optimization_id_foreign" foreign key ("optimization_id") references "optimization" ("id") on delete cascade;`);
    this.addSql(`alter table "walk_forward_segment" add constraint "walk_forward_segment_market_data_set_id_foreign" foreign key ("market_data_set_id") references "market_data_set" ("id") on delete no action;`);
    this.addSql(`alter table "walk_forward_segment" add constraint "walk_forward_segment_parameter_config_id_foreign" foreign key ("parameter_config_id") references "parameter_config" ("id") on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "walk_forward_segment" drop constraint "walk_forward_segment_optimization_id_foreign";`);
    this.addSql(`alter table "hyperparameter_trial" drop constraint "hyperparameter_trial_optimization_id_foreign";`);
    this.addSql(`alter table "hyperparameter_trial" drop constraint "hyperparameter_trial_segment_id_foreign";`);

    this.addSql(`drop table if exists "optimization" cascade;`);
    this.addSql(`drop table if exists "walk_forward_segment" cascade;`);

    this.addSql(`drop index "hyperparameter_trial_optimization_id_index";`);
    this.addSql(`alter table "hyperparameter_trial" drop constraint "hyperparameter_trial_optimization_id_segment_id_t_41025_unique";`);
    this.addSql(`alter table "hyperparameter_trial" drop column "optimization_id", drop column "segment_id", drop column "trial_index", drop column "in_sample_metrics", drop column "feasible", drop column "engine_version", drop column "dataset_checksum", drop column "parameter_checksum";`);
  }

}
