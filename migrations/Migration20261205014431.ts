import { Migration } from '@mikro-orm/migrations';

/**
 * Promotion execution (issue 12): a request whose approvals are complete but whose execution was held back (kill
 * switch on, exchange connector unavailable at LIVE activation) stays `pending` with the rule and the reason it was
 * held back and when (`execution_blocked_*`), until `executePromotion` runs it. Notifications gain the kind
 * `promotion.activation_halted` (the column is free text; the closed set lives in notification-kind.ts).
 */
export class Migration20261205014431 extends Migration {

  override name = 'Migration20261205014431';

  override up(): void | Promise<void> {
    this.addSql(`alter table "promotion_request" add column "execution_blocked_rule" varchar(255) null, add column "execution_blocked_reason" text null, add column "execution_blocked_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "promotion_request" drop column "execution_blocked_rule", drop column "execution_blocked_reason", drop column "execution_blocked_at";`);
  }

}
