import { Migration } from '@mikro-orm/migrations';

export class Migration20261204194245 extends Migration {

  override name = 'Migration20261204194245';

  override up(): void | Promise<void> {
    this.addSql(`create table "event_overflow" ("id" uuid not null, "envelope" jsonb not null, "created_at" timestamptz not null default now(), constraint "event_overflow_pkey" primary key ("id"));`);
    this.addSql(`create index "event_overflow_created_at_index" on "event_overflow" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "event_overflow" cascade;`);
  }

}
