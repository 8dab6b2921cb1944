import { Migration } from '@mikro-orm/migrations';

/** Evaluation cycles record the strategies that failed on their own (the cycle completes for the others). */
export class Migration20261204201623 extends Migration {

  override name = 'Migration20261204201623';

  override up(): void | Promise<void> {
    this.addSql(`alter table "evaluation_cycle" add "strategy_failures" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "evaluation_cycle" drop column "strategy_failures";`);
  }
}
