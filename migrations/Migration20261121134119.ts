import { Migration } from '@mikro-orm/migrations';

export class Migration20261121134119 extends Migration {

  override name = 'Migration20261121134119';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("sequence" bigint not null, "occurred_at" timestamptz not null, "actor_id" uuid null, "actor_role" varchar(255) not null, "action" varchar(255) not null, "subject_type" varchar(255) not null, "subject_id" varchar(255) null, "details" jsonb not null, "dataset_checksum" varchar(255) null, "engine_version" varchar(255) null, "correlation_id" varchar(255) null, "previous_hash" varchar(255) not null, "hash" varchar(255) not null, "signature" text not null, "signing_key_id" varchar(255) not null, primary key ("sequence", "occurred_at")) partition by range ("occurred_at");`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action");`);
    this.addSql(`create index "audit_event_actor_id_index" on "audit_event" ("actor_id");`);
    this.addSql(`create index "audit_event_subject_type_subject_id_index" on "audit_event" ("subject_type", "subject_id");`);
    this.addSql(`create table "audit_event_y2020" partition of "audit_event" for values from ('2020-01-01') to ('2021-01-01');`);
    this.addSql(`create table "audit_event_y2021" partition of "audit_event" for values from ('2021-01-01') to ('2022-01-01');`);
    this.addSql(`create table "audit_event_y2022" partition of "audit_event" for values from ('2022-01-01') to ('2023-01-01');`);
    this.addSql(`create table "audit_event_y2023" partition of "audit_event" for values from ('2023-01-01') to ('2024-01-01');`);
    this.addSql(`create table "audit_event_y2024" partition of "audit_event" for values from ('2024-01-01') to ('2025-01-01');`);
    this.addSql(`create table "audit_event_y2025" partition of "audit_event" for values from ('2025-01-01') to ('2026-01-01');`);
    this.addSql(`create table "audit_event_y2026" partition of "audit_event" for values from ('2026-01-01') to ('2027-01-01');`);
    this.addSql(`create table "audit_event_y2027" partition of "audit_event" for values from ('2027-01-01') to ('2028-01-01');`);
    this.addSql(`create table "audit_event_y2028" partition of "audit_event" for values from ('2028-01-01') to ('2029-01-01');`);
    this.addSql(`create table "audit_event_y2029" partition of "audit_event" for values from ('2029-01-01') to ('2030-01-01');`);
    this.addSql(`create table "audit_event_y2030" partition of "audit_event" for values from ('2030-01-01') to ('2031-01-01');`);
    this.addSql(`create table "audit_event_y2031" partition of "audit_event" for values from ('2031-01-01') to ('2032-01-01');`);
    this.addSql(`create table "audit_event_y2032" partition of "audit_event" for values from ('2032-01-01') to ('2033-01-01');`);
    this.addSql(`create table "audit_event_y2033" partition of "audit_event" for values from ('2033-01-01') to ('2034-01-01');`);
    this.addSql(`create table "audit_event_y2034" partition of "audit_event" for values from ('2034-01-01') to ('2035-01-01');`);
    this.addSql(`create table "audit_event_y2035" partition of "audit_event" for values from ('2035-01-01') to ('2036-01-01');`);
    this.addSql(`create table "audit_event_y2036" partition of "audit_event" for values from ('2036-01-01') to ('2037-01-01');`);
    this.addSql(`create table "audit_event_y2037" partition of "audit_event" for values from ('2037-01-01') to ('2038-01-01');`);
    this.addSql(`create table "audit_event_y2038" partition of "audit_event" for values from ('2038-01-01') to ('2039-01-01');`);
    this.addSql(`create table "audit_event_y2039" partition of "audit_event" for values from ('2039-01-01') to ('2040-01-01');`);
    this.addSql(`create table "audit_event_y2040" partition of "audit_event" for values from ('2040-01-01') to ('2041-01-01');`);
    this.addSql(`create table "audit_event_y2041" partition of "audit_event" for values from ('2041-01-01') to ('2042-01-01');`);
    this.addSql(`create table "audit_event_y2042" partition of "audit_event" for values from ('2042-01-01') to ('2043-01-01');`);
    this.addSql(`create table "audit_event_y2043" partition of "audit_event" for values from ('2043-01-01') to ('2044-01-01');`);
    this.addSql(`create table "audit_event_y2044" partition of "audit_event" for values from ('2044-01-01') to ('2045-01-01');`);
    this.addSql(`create table "audit_event_y2045" partition of "audit_event" for values from ('2045-01-01') to ('2046-01-01');`);
    this.addSql(`create table "audit_event_default" partition of "audit_event" default;`);

    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "name" varchar(255) not null, "secret_hash" varchar(255) not null, "roles" text[] not null, "step_up" boolean not null default false, "created_at" timestamptz not null default now(), "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);

    this.addSql(`create table "user_session" ("id" uuid not null, "user_id" uuid not null, "secret_hash" varchar(255) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "totp_verified_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "user_session" add constraint "user_session_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);

    this.addSql(`alter table "app_user" add "roles" text[] not null default '{}', add "password_hash" text null, add "active" boolean not null default true, add "totp_secret" text null, add "totp_enabled_at" timestamptz null, add "demo" boolean not null default false;`);

    this.addSql(`create or replace function "audit_event_audit_event_immutable_fn"() returns trigger as \$\$ begin raise exception 'audit events are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_event_immutable" BEFORE UPDATE OR DELETE on "audit_event" for each ROW execute function "audit_event_audit_event_immutable_fn"();`);
    // Hand-written: MikroORM does not introspect statement-level TRUNCATE triggers, so this one is not in the entity.
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_audit_event_immutable_fn"();`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_event_immutable" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_audit_event_immutable_fn"();`);
    this.addSql(`drop trigger if exists "audit_event_no_truncate" on "audit_event";`);
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "api_token" cascade;`);
    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`alter table "app_user" drop column "roles", drop column "password_hash", drop column "active", drop column "totp_secret", drop column "totp_enabled_at", drop column "demo";`);
  }

}
