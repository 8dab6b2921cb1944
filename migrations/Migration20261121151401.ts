import { Migration } from '@mikro-orm/migrations';

export class Migration20261121151401 extends Migration {

  override name = 'Migration20261121151401';

  override up(): void | Promise<void> {
    this.addSql(`alter table "monitoring_incident" add "strategy_id" uuid null, add "summary" text not null, add "context" jsonb not null, add "opened_by_id" uuid null, add "trigger_event_id" uuid null, add "follow_up_cycle_id" uuid null;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_strategy_id_foreign" foreign key ("strategy_id") references "strategy" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_opened_by_id_foreign" foreign key ("opened_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_trigger_event_id_foreign" foreign key ("trigger_event_id") references "trigger_event" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_follow_up_cycle_id_foreign" foreign key ("follow_up_cycle_id") references "evaluation_cycle" ("id") on delete set null;`);
    this.addSql(`alter table "monitoring_incident" alter column "live_deployment_id" drop not null;`);
    this.addSql(`create index "monitoring_incident_status_detected_at_index" on "monitoring_incident" ("status", "detected_at");`);
    this.addSql(`create index "monitoring_incident_detected_at_index" on "monitoring_incident" ("detected_at");`);
    this.addSql(`create index "monitoring_incident_strategy_id_status_index" on "monitoring_incident" ("strategy_id", "status");`);
    this.addSql(`create index "monitoring_incident_job_id_index" on "monitoring_incident" (("context"->>'jobId')) where "incident_type" = 'operational';`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_subject_check" check (incident_type = 'operational' or live_deployment_id is not null or strategy_id is not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_strategy_id_foreign";`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_opened_by_id_foreign";`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_trigger_event_id_foreign";`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_follow_up_cycle_id_foreign";`);

    this.addSql(`drop index "monitoring_incident_status_detected_at_index";`);
    this.addSql(`drop index "monitoring_incident_detected_at_index";`);
    this.addSql(`drop index "monitoring_incident_strategy_id_status_index";`);
    this.addSql(`drop index "monitoring_incident_job_id_index";`);
    this.addSql(`alter table "monitoring_incident" drop constraint "monitoring_incident_subject_check";`);
    this.addSql(`alter table "monitoring_incident" drop column "strategy_id", drop column "summary", drop column "context", drop column "opened_by_id", drop column "trigger_event_id", drop column "follow_up_cycle_id";`);
    this.addSql(`alter table "monitoring_incident" alter column "live_deployment_id" set not null;`);
  }

}
