import { Migration } from '@mikro-orm/migrations';

/** Daily performance reports per strategy (issue 13, orchestration-spec FR-015): one per (strategy, UTC day), append-only. */
export class Migration20261205023423 extends Migration {

  override name = 'Migration20261205023423';

  override up(): void | Promise<void> {
    this.addSql(`create table "daily_report" ("id" uuid not null, "strategy_id" uuid not null, "report_date" varchar(10) not null, "generated_at" timestamptz not null, "deployments" jsonb not null, "incidents" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "daily_report" add constraint "daily_report_strategy_date_unique" unique ("strategy_id", "report_date");`);
    this.addSql(`alter table "daily_report" add constraint "daily_report_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`select crucible_make_append_only('daily_report');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'daily_report';`);
    this.addSql(`drop table if exists "daily_report" cascade;`);
  }

}
