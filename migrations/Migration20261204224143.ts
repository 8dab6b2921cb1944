import { Migration } from '@mikro-orm/migrations';

/** Evaluation cycles can be cancelled (queued or running): status `cancelled`. */
export class Migration20261204224143 extends Migration {

  override name = 'Migration20261204224143';

  override up(): void | Promise<void> {
    this.addSql(`alter table "evaluation_cycle" drop constraint if exists "evaluation_cycle_status_check";`);
    this.addSql(`alter table "evaluation_cycle" add constraint "evaluation_cycle_status_check" check ("status" in ('queued', 'running', 'completed', 'failed', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "evaluation_cycle" drop constraint if exists "evaluation_cycle_status_check";`);
    this.addSql(`alter table "evaluation_cycle" add constraint "evaluation_cycle_status_check" check ("status" in ('queued', 'running', 'completed', 'failed'));`);
  }
}
