import { Migration } from '@mikro-orm/migrations';

/**
 * LIVE order path (issue 11): per-venue exchange credentials (sealed), and the deployment's venue reconciliation
 * state — when it last reconciled with the venue, and the base-currency holdings of the account that are not its own
 * (measured at its first reconciliation).
 */
export class Migration20261205024013 extends Migration {

  override name = 'Migration20261205024013';

  override up(): void | Promise<void> {
    this.addSql(`create table "exchange_credential" ("id" uuid not null, "venue" text not null, "sealed" text not null, "key_id_suffix" varchar(4) not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "exchange_credential" add constraint "exchange_credential_venue_unique" unique ("venue");`);
    this.addSql(`alter table "exchange_credential" add constraint "exchange_credential_venue_check" check ("venue" in ('binanceus', 'coinbase'));`);
    this.addSql(`alter table "exchange_credential" add constraint "exchange_credential_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "deployment" add column "venue_reconciled_at" timestamptz null, add column "venue_base_baseline" double precision null, add column "venue_lease_owner" uuid null, add column "venue_lease_until" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deployment" drop column "venue_reconciled_at", drop column "venue_base_baseline", drop column "venue_lease_owner", drop column "venue_lease_until";`);
    this.addSql(`drop table if exists "exchange_credential" cascade;`);
  }

}
