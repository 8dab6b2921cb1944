import { Migration } from '@mikro-orm/migrations';

/**
 * Closed sets the entities declare and the database did not enforce (found by the schema-drift test,
 * server/test/medium/schema-drift.test.ts, which diffs the entities against a migrated database): the notification's
 * kind (`p.enum(notificationKinds)`, a varchar without a check until now), a promotion request's stages and an
 * approval's role. The database now refuses a value outside the set, as the API already did. The lists are the domain's
 * as of this migration (a new kind or stage is a migration of its own, which the drift test asks for).
 */
export class Migration20261206000500 extends Migration {

  override name = 'Migration20261206000500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification" alter column "kind" type text using ("kind"::text);`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check ("kind" in ('incident.opened', 'job.escalated', 'scorecard.incomplete', 'promotion.activation_halted', 'promotion.candidate_opened', 'promotion.request_opened', 'deployment.connector_unavailable'));`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_from_stage_check" check ("from_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "promotion_request" add constraint "promotion_request_to_stage_check" check ("to_stage" in ('observe', 'shadow', 'paper', 'live'));`);
    this.addSql(`alter table "promotion_approval" add constraint "promotion_approval_role_check" check ("role" in ('research', 'production', 'risk', 'compliance', 'admin'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "promotion_approval" drop constraint "promotion_approval_role_check";`);
    this.addSql(`alter table "promotion_request" drop constraint "promotion_request_to_stage_check";`);
    this.addSql(`alter table "promotion_request" drop constraint "promotion_request_from_stage_check";`);
    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(`alter table "notification" alter column "kind" type varchar(255) using ("kind"::varchar(255));`);
  }

}
