import { Migration } from '@mikro-orm/migrations';

/**
 * Promotion records (issue 12): the immutable, per-strategy hash-chained record of every stage change. Append-only
 * (`crucible_make_append_only`: UPDATE, DELETE and TRUNCATE refused; the app role gets SELECT and INSERT only through
 * `crucible_grant_app_privileges`). One record per (strategy, sequence).
 */
export class Migration20261204235302 extends Migration {

  override name = 'Migration20261204235302';

  override up(): void | Promise<void> {
    this.addSql(`create table "promotion_record" ("id" uuid not null, "strategy_id" uuid not null, "sequence" int not null, "deployment_id" uuid null, "promotion_request_id" uuid null, "decision" text not null, "from_stage" text not null, "to_stage" text not null, "policy_version" varchar(255) not null, "requested_by_id" uuid null, "approvers" jsonb not null, "effective_at" timestamptz not null, "reason_code" varchar(255) not null, "metrics_snapshot" jsonb not null, "metrics_snapshot_hash" varchar(64) not null, "evidence_references" jsonb not null, "runtime_fingerprint" jsonb not null, "previous_record_hash" varchar(64) not null, "record_hash" varchar(64) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_strategy_sequence_unique" unique ("strategy_id", "sequence");`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_decision_check" check ("decision" in ('promote', 'demote', 'freeze', 'unfreeze'));`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_from_stage_check" check ("from_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_to_stage_check" check ("to_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "promotion_record" add constraint "promotion_record_sequence_check" check ("sequence" >= 1);`);
    this.addSql(`create index "promotion_record_deployment_id_index" on "promotion_record" ("deployment_id");`);
    this.addSql(`select crucible_make_append_only('promotion_record');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'promotion_record';`);
    this.addSql(`drop table if exists "promotion_record" cascade;`);
  }

}
