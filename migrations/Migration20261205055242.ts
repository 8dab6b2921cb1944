import { Migration } from '@mikro-orm/migrations';

/**
 * Governance simulation runs (issue 15): their own table, with no reference to any real deployment, request or record,
 * every row marked simulated (checked).
 */
export class Migration20261205055242 extends Migration {

  override name = 'Migration20261205055242';

  override up(): void | Promise<void> {
    this.addSql(`create table "governance_simulation_run" ("id" uuid not null, "simulated" boolean not null default true, "status" text not null default 'queued', "input" jsonb not null, "variant_policies" jsonb not null, "progress" double precision not null default 0, "simulated_until" timestamptz null, "result" jsonb null, "failure_reason" text null, "created_by_id" uuid null, "correlation_id" varchar(255) not null, "started_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "governance_simulation_run" add constraint "governance_simulation_run_status_check" check ("status" in ('queued', 'running', 'completed', 'failed', 'cancelled'));`);
    this.addSql(`alter table "governance_simulation_run" add constraint "governance_simulation_run_simulated_check" check ("simulated");`);
    this.addSql(`alter table "governance_simulation_run" add constraint "governance_simulation_run_result_only_when_completed" check ("result" is null or "status" = 'completed');`);
    this.addSql(`create index "governance_simulation_run_created_at_index" on "governance_simulation_run" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "governance_simulation_run" cascade;`);
  }

}
