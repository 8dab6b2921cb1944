import { Migration } from '@mikro-orm/migrations';

/** Optimizations can be cancelled (queued or running): status `cancelled`. */
export class Migration20261204195605 extends Migration {

  override name = 'Migration20261204195605';

  override up(): void | Promise<void> {
    this.addSql(`alter table "optimization" drop constraint if exists "optimization_status_check";`);
    this.addSql(`alter table "optimization" add constraint "optimization_status_check" check ("status" in ('queued', 'running', 'completed', 'failed', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "optimization" drop constraint if exists "optimization_status_check";`);
    this.addSql(`alter table "optimization" add constraint "optimization_status_check" check ("status" in ('queued', 'running', 'completed', 'failed'));`);
  }
}
