import { Migration } from '@mikro-orm/migrations';

/**
 * The re-backtest of a drift alert (issue 13): the deployed configuration re-run over the deployment's live window and
 * reconciled with the live record (the reconciliation feature), recorded on the incident when the job has run, so the
 * committee compares live and backtest for the same period. Null until then, and for other incidents.
 */
export class Migration20261205150128h13 extends Migration {

  override name = 'Migration20261205150128h13';

  override up(): void | Promise<void> {
    this.addSql(`alter table "monitoring_incident" add column "reconciliation" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "monitoring_incident" drop column "reconciliation";`);
  }

}
