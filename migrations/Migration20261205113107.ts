import { Migration } from '@mikro-orm/migrations';

/**
 * A candidate's OBSERVE deployment (issue 12 "the platform opens its promotion request into OBSERVE by itself"): when
 * the policy's `candidate.observeStart` says so, the candidate job starts the qualified strategy's OBSERVE deployment
 * in its transaction and links it here; when the start is refused (dataset gone, version no longer approved…), the
 * reason is kept instead and production is told.
 */
export class Migration20261205113107 extends Migration {

  override name = 'Migration20261205113107';

  override up(): void | Promise<void> {
    this.addSql(`alter table "promotion_candidate" add column "observe_deployment_id" uuid null, add column "observe_start_refusal" text null;`);
    this.addSql(`alter table "promotion_candidate" add constraint "promotion_candidate_observe_deployment_id_foreign" foreign key ("observe_deployment_id") references "deployment" ("id") on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "promotion_candidate" drop constraint "promotion_candidate_observe_deployment_id_foreign";`);
    this.addSql(`alter table "promotion_candidate" drop column "observe_deployment_id", drop column "observe_start_refusal";`);
  }

}
