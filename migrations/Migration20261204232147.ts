import { Migration } from '@mikro-orm/migrations';

/**
 * Policy version 2026.12.1 (seeded by Migration20261204224901, less than an hour before, never read by a decision) speaks
 * the deployment runtime's words, which landed alongside: stages are `observe | shadow | paper | live`
 * (deployment-stage.lifecycle.ts) and the data-integrity allowances are keyed by the runtime's data-integrity event
 * kinds (deployment-event-kinds.ts). Same numbers; the seeded rows now parse under the schemas.
 */
export class Migration20261204232147 extends Migration {

  override name = 'Migration20261204232147';

  override up(): void | Promise<void> {
    this.addSql(`update "capital_policy" set "definition" = jsonb_set("definition", '{allocatedStages}', '["paper", "live"]'::jsonb) where "version" = '2026.12.1';`);
    this.addSql(`update "promotion_policy" set "definition" = jsonb_set("definition", '{demotion,maxDataIntegrityEvents}', '{"stale_feed": 0, "clock_skew": 0, "out_of_order_bar": 2, "invalid_bar": 2, "feed_gap": 2}'::jsonb) where "version" = '2026.12.1';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "capital_policy" set "definition" = jsonb_set("definition", '{allocatedStages}', '["PAPER", "LIVE"]'::jsonb) where "version" = '2026.12.1';`);
    this.addSql(`update "promotion_policy" set "definition" = jsonb_set("definition", '{demotion,maxDataIntegrityEvents}', '{"stale_data": 0, "missing_quote_fields": 2, "clock_skew": 0, "schema_drift": 2, "out_of_order": 2}'::jsonb) where "version" = '2026.12.1';`);
  }

}
