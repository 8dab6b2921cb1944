import { Migration } from '@mikro-orm/migrations';

/**
 * The correlation rule's persistence between live strategies (issue 13: redundancy flag): one row, the pairs' breach
 * state (`evaluateStrategyRedundancy`'s state, keyed `<first>|<second>`) under the policy version that produced it.
 */
export class Migration20261205115400 extends Migration {

  override name = 'Migration20261205115400';

  override up(): void | Promise<void> {
    this.addSql(`create table "monitoring_redundancy_state" ("id" varchar(32) not null, "policy_version" varchar(255) not null, "state" jsonb not null, "evaluated_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "monitoring_redundancy_state" cascade;`);
  }

}
