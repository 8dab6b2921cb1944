import { Migration } from '@mikro-orm/migrations';

/**
 * The gate verdict a promotion request was opened on (issue 12 "an approval dialog that shows the evidence and each
 * gate's measured value against its threshold"): recorded with the request, so the board shows approvers what the gates
 * said — rule, threshold, measured value, window, policy version, time — instead of a fresh evaluation. Null for
 * requests opened before.
 */
export class Migration20261205120500 extends Migration {

  override name = 'Migration20261205120500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "promotion_request" add column "gate_verdict" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "promotion_request" drop column "gate_verdict";`);
  }

}
