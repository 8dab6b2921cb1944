import { Migration } from '@mikro-orm/migrations';

export class Migration20261121151341 extends Migration {

  override name = 'Migration20261121151341';

  override up(): void | Promise<void> {
    this.addSql(`alter table "backtest_run" add "regime_metrics" jsonb null, add "robustness_score" double precision null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "backtest_run" drop column "regime_metrics", drop column "robustness_score";`);
  }

}
