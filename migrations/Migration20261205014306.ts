import { Migration } from '@mikro-orm/migrations';

/**
 * Demotion, freeze and regulatory hold (issue 12 "Demotion, freeze and hold", issue 13): a strategy's promotions can
 * be frozen (data integrity; only a person unfreezes) and put on regulatory hold by compliance (no automated action);
 * an incident records the impacted capital, the promotion record of its automatic stage change and the breach key
 * that caused it (unique: a breach acts once, however many workers see it).
 */
export class Migration20261205014306 extends Migration {

  override name = 'Migration20261205014306';

  override up(): void | Promise<void> {
    this.addSql(`alter table "strategy" add column "promotions_frozen_at" timestamptz null, add column "promotions_frozen_reason" text null, add column "regulatory_hold_at" timestamptz null, add column "regulatory_hold_reason" text null, add column "regulatory_hold_by_id" uuid null;`);
    this.addSql(`alter table "strategy" add constraint "strategy_regulatory_hold_by_id_foreign" foreign key ("regulatory_hold_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "strategy" add constraint "strategy_frozen_check" check (("promotions_frozen_at" is null) = ("promotions_frozen_reason" is null));`);
    this.addSql(`alter table "strategy" add constraint "strategy_hold_check" check (("regulatory_hold_at" is null) = ("regulatory_hold_reason" is null));`);

    this.addSql(`alter table "monitoring_incident" add column "impacted_capital" double precision null, add column "promotion_record_id" uuid null, add column "breach_key" varchar(255) null;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_promotion_record_id_foreign" foreign key ("promotion_record_id") references "promotion_record" ("id") on delete no action;`);
    this.addSql(`alter table "monitoring_incident" add constraint "monitoring_incident_breach_key_unique" unique ("breach_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "monitoring_incident" drop constraint if exists "monitoring_incident_breach_key_unique", drop constraint if exists "monitoring_incident_promotion_record_id_foreign", drop column "impacted_capital", drop column "promotion_record_id", drop column "breach_key";`);
    this.addSql(`alter table "strategy" drop constraint if exists "strategy_hold_check", drop constraint if exists "strategy_frozen_check", drop constraint if exists "strategy_regulatory_hold_by_id_foreign", drop column "promotions_frozen_at", drop column "promotions_frozen_reason", drop column "regulatory_hold_at", drop column "regulatory_hold_reason", drop column "regulatory_hold_by_id";`);
  }

}
