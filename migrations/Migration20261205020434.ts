import { Migration } from '@mikro-orm/migrations';

/**
 * Continuous monitoring (issue 13): each deployment's monitoring state (the persistence of every rule between
 * evaluations, the last evaluated mark and results, whether promotion is blocked) and a capital allocation that may
 * reach 0 — a rollback or deactivation sends the deployment's capital back to the reserve (allocation 0: nothing new
 * opens, reductions and the flatten still go through).
 */
export class Migration20261205020434 extends Migration {

  override name = 'Migration20261205020434';

  override up(): void | Promise<void> {
    this.addSql(`create table "deployment_monitoring_state" ("deployment_id" uuid not null, "policy_version" varchar(255) not null, "state" jsonb not null, "last_mark_at" timestamptz null, "results" jsonb not null, "promotion_blocked" boolean not null default false, "evaluated_at" timestamptz not null, primary key ("deployment_id"));`);
    this.addSql(`alter table "deployment_monitoring_state" add constraint "deployment_monitoring_state_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete cascade;`);
    this.addSql(`alter table "deployment" drop constraint if exists "deployment_limits_check";`);
    this.addSql(`alter table "deployment" add constraint "deployment_limits_check" check (max_notional_per_order > 0 and capital_allocation >= 0 and capital_allocation <= 1 and max_position_fraction > 0 and max_bar_age_ms > 0 and initial_equity > 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deployment" drop constraint if exists "deployment_limits_check";`);
    this.addSql(`alter table "deployment" add constraint "deployment_limits_check" check (max_notional_per_order > 0 and capital_allocation > 0 and capital_allocation <= 1 and max_position_fraction > 0 and max_bar_age_ms > 0 and initial_equity > 0);`);
    this.addSql(`drop table if exists "deployment_monitoring_state" cascade;`);
  }

}
