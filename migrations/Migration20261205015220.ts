import { Migration } from '@mikro-orm/migrations';

/**
 * Notification channels (issue 13): webhook and email channels configured by admins (a webhook's signing secret
 * sealed with the secret box), one delivery row per message and channel (the delivery log: status, attempts,
 * last answer, next attempt) and its attempts (append-only); notifications get a severity.
 */
export class Migration20261205015220 extends Migration {

  override name = 'Migration20261205015220';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification" add "severity" text not null default 'info';`);
    this.addSql(`alter table "notification" add constraint "notification_severity_check" check ("severity" in ('info', 'warning', 'critical'));`);

    this.addSql(`create table "notification_channel" ("id" uuid not null, "name" varchar(255) not null, "kind" text not null, "enabled" boolean not null default true, "audiences" jsonb not null, "notification_kinds" jsonb not null, "minimum_severity" text not null default 'info', "url" text null, "sealed_secret" text null, "recipients" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create unique index "notification_channel_name_unique" on "notification_channel" ("name") where "deleted_at" is null;`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete no action;`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_target_check" check ((kind = 'webhook' and url is not null and (sealed_secret is not null or deleted_at is not null)) or (kind = 'email' and url is null and sealed_secret is null));`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_kind_check" check ("kind" in ('webhook', 'email'));`);
    this.addSql(`alter table "notification_channel" add constraint "notification_channel_minimum_severity_check" check ("minimum_severity" in ('info', 'warning', 'critical'));`);

    this.addSql(`create table "notification_delivery" ("id" uuid not null, "channel_id" uuid not null, "notification_id" uuid null, "event" varchar(255) not null, "payload" jsonb not null, "status" text not null default 'pending', "attempts" int not null default 0, "max_attempts" int not null, "next_attempt_at" timestamptz null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_http_status" int null, "last_response" text null, "last_error" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "notification_delivery_channel_id_created_at_index" on "notification_delivery" ("channel_id", "created_at");`);
    this.addSql(`create index "notification_delivery_status_created_at_index" on "notification_delivery" ("status", "created_at");`);
    this.addSql(`alter table "notification_delivery" add constraint "notification_delivery_channel_id_foreign" foreign key ("channel_id") references "notification_channel" ("id") on delete no action;`);
    this.addSql(`alter table "notification_delivery" add constraint "notification_delivery_notification_id_foreign" foreign key ("notification_id") references "notification" ("id") on delete no action;`);
    this.addSql(`alter table "notification_delivery" add constraint "notification_delivery_attempts_check" check (attempts >= 0 and max_attempts >= 1 and attempts <= max_attempts);`);
    this.addSql(`alter table "notification_delivery" add constraint "notification_delivery_status_check" check ("status" in ('pending', 'retrying', 'delivered', 'failed'));`);

    this.addSql(`create table "notification_delivery_attempt" ("id" uuid not null, "delivery_id" uuid not null, "attempt" int not null, "started_at" timestamptz not null, "duration_ms" int not null, "outcome" text not null, "http_status" int null, "response" text null, "error" text null, "next_attempt_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "notification_delivery_attempt" add constraint "notification_delivery_attempt_delivery_id_attempt_unique" unique ("delivery_id", "attempt");`);
    this.addSql(`alter table "notification_delivery_attempt" add constraint "notification_delivery_attempt_delivery_id_foreign" foreign key ("delivery_id") references "notification_delivery" ("id") on delete no action;`);
    this.addSql(`alter table "notification_delivery_attempt" add constraint "notification_delivery_attempt_outcome_check" check ("outcome" in ('delivered', 'failed'));`);
    this.addSql(`select crucible_make_append_only('notification_delivery_attempt');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'notification_delivery_attempt';`);
    this.addSql(`drop table if exists "notification_delivery_attempt" cascade;`);
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
    this.addSql(`drop table if exists "notification_channel" cascade;`);
    this.addSql(`alter table "notification" drop constraint if exists "notification_severity_check";`);
    this.addSql(`alter table "notification" drop column if exists "severity";`);
  }

}
