import { Migration } from '@mikro-orm/migrations';

/**
 * A pre-trade denial repeated bar after bar is one DENIED order, counted (issue 11 runtime): the order's repeat count
 * and the open time of the last bar that repeated it, and on the deployment the denial being repeated (its order and
 * what makes a later refusal "the same": rule, side, intent).
 */
export class Migration20261205050427 extends Migration {

  override name = 'Migration20261205050427';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deployment_order" add column "repeat_count" int not null default 1, add column "last_repeated_bar_at" timestamptz null;`);
    this.addSql(`alter table "deployment_order" add constraint "deployment_order_repeat_count_check" check (repeat_count >= 1 and (repeat_count = 1 or state = 'denied'));`);
    this.addSql(`alter table "deployment" add column "repeating_denial_order_id" uuid null, add column "repeating_denial_key" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deployment" drop column "repeating_denial_order_id", drop column "repeating_denial_key";`);
    this.addSql(`alter table "deployment_order" drop constraint "deployment_order_repeat_count_check";`);
    this.addSql(`alter table "deployment_order" drop column "repeat_count", drop column "last_repeated_bar_at";`);
  }

}
