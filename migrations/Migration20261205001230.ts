import { Migration } from '@mikro-orm/migrations';

/**
 * Promotion requests and their approvals (issue 12): a request moves pending → approved / rejected / cancelled /
 * expired (`promotion-request.lifecycle.ts`); approvals are append-only rows, one per matrix step and one per person.
 * A promotion record may name its request.
 */
export class Migration20261205001230 extends Migration {

  override name = 'Migration20261205001230';

  override up(): void | Promise<void> {
    this.addSql(`create table "promotion_request" ("id" uuid not null, "strategy_id" uuid not null, "deployment_id" uuid not null, "transition" text not null, "from_stage" text not null, "to_stage" text not null, "policy_version" varchar(255) not null, "requested_by_id" uuid null, "reason" text not null, "status" text not null default 'pending', "requested_at" timestamptz not null, "expires_at" timestamptz not null, "decided_at" timestamptz null, "decided_by_id" uuid null, "decision_comment" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_status_check" check ("status" in ('pending', 'approved', 'rejected', 'cancelled', 'expired'));`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_transition_check" check ("transition" in ('observeToShadow', 'shadowToPaper', 'paperToLive'));`);
    this.addSql(`create unique index "promotion_request_one_pending_per_deployment" on "promotion_request" ("deployment_id") where "status" = 'pending';`);
    this.addSql(`create index "promotion_request_strategy_id_index" on "promotion_request" ("strategy_id");`);

    this.addSql(`create table "promotion_approval" ("id" uuid not null, "request_id" uuid not null, "step" varchar(255) not null, "role" text not null, "approver_id" uuid not null, "approved_at" timestamptz not null, "comment" text not null, primary key ("id"));`);
    this.addSql(`alter table "promotion_approval" add constraint "promotion_approval_request_id_foreign" foreign key ("request_id") references "promotion_request" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_approval" add constraint "promotion_approval_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_approval" add constraint "promotion_approval_step_unique" unique ("request_id", "step");`);
    this.addSql(`alter table "promotion_approval" add constraint "promotion_approval_approver_unique" unique ("request_id", "approver_id");`);
    this.addSql(`select crucible_make_append_only('promotion_approval');`);

    this.addSql(`alter table "promotion_record" add constraint "promotion_record_promotion_request_id_foreign" foreign key ("promotion_request_id") references "promotion_request" ("id") on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "promotion_record" drop constraint if exists "promotion_record_promotion_request_id_foreign";`);
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'promotion_approval';`);
    this.addSql(`drop table if exists "promotion_approval" cascade;`);
    this.addSql(`drop table if exists "promotion_request" cascade;`);
  }

}
