import { Migration } from '@mikro-orm/migrations';

/**
 * Audit chain anchors and key rotation: signed checkpoints of the chain's head and the public keys of every signing
 * key id, both append-only (the app role may only insert and read them); an index on the event time for retrieval
 * by time range.
 */
export class Migration20261204203500 extends Migration {

  override name = 'Migration20261204203500';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_checkpoint" ("sequence" bigint not null, "hash" varchar(255) not null, "recorded_at" timestamptz not null, "signature" text not null, "signing_key_id" varchar(255) not null, primary key ("sequence"));`);
    this.addSql(`create table "audit_signing_key" ("key_id" varchar(255) not null, "public_key" text not null, "registered_at" timestamptz not null, primary key ("key_id"));`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`select crucible_make_append_only('audit_checkpoint');`);
    this.addSql(`select crucible_make_append_only('audit_signing_key');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "audit_event_occurred_at_index";`);
    this.addSql(`delete from "crucible_append_only" where "table_name" in ('audit_checkpoint', 'audit_signing_key');`);
    this.addSql(`drop table if exists "audit_checkpoint" cascade;`);
    this.addSql(`drop table if exists "audit_signing_key" cascade;`);
  }

}
