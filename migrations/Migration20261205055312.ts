import { Migration } from '@mikro-orm/migrations';

/**
 * Promotion candidates (issue 12, orchestration FR-005): the candidate job's verdict per strategy, scorecard date and
 * promotion policy version — qualified with its recommended allocation, or refused with each rule, threshold and
 * measured value. One row per (strategy, date, policy): the job is idempotent.
 */
export class Migration20261205055312 extends Migration {

  override name = 'Migration20261205055312';

  override up(): void | Promise<void> {
    this.addSql(`create table "promotion_candidate" ("id" uuid not null, "strategy_id" uuid not null, "strategy_version_id" uuid not null, "evaluation_date" date not null, "policy_version" varchar(255) not null, "status" text not null, "rank" int not null, "rank_count" int not null, "consecutive_evaluation_days" int not null, "recommended_allocation" double precision null, "refusals" jsonb not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "promotion_candidate" add constraint "promotion_candidate_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_candidate" add constraint "promotion_candidate_strategy_version_id_foreign" foreign key ("strategy_version_id") references "strategy_version" ("id") on delete no action;`);
    this.addSql(`alter table "promotion_candidate" add constraint "promotion_candidate_status_check" check ("status" in ('qualified', 'refused'));`);
    this.addSql(`alter table "promotion_candidate" add constraint "promotion_candidate_once_per_date" unique ("strategy_id", "evaluation_date", "policy_version");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "promotion_candidate" cascade;`);
  }

}
