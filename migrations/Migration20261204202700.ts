import { Migration } from '@mikro-orm/migrations';

/**
 * Least-privilege database: the append-only mechanism (registry + triggers on every partition, present and future),
 * the app role's grant list, and the one function through which the app role creates audit partitions.
 * Hand-written (MikroORM does not model functions, statement triggers or grants). See docs/database-roles.md.
 */
export class Migration20261204202700 extends Migration {

  override name = 'Migration20261204202700';

  override up(): void | Promise<void> {
    // Tables whose rows are never changed or removed: the app role gets SELECT and INSERT only, and triggers refuse
    // UPDATE, DELETE and TRUNCATE on the table and on each of its partitions.
    this.addSql(`create table "crucible_append_only" ("table_name" text not null primary key, "registered_at" timestamptz not null default now());`);

    this.addSql(`create or replace function "crucible_refuse_change"() returns trigger language plpgsql as \$\$
begin
  raise exception 'append-only records are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
end \$\$;`);

    // Registers `target` as append-only and attaches the refusing triggers where they are missing: one row trigger on
    // the root (PostgreSQL clones it onto every partition, also later ones) and one TRUNCATE statement trigger on the
    // root and on each partition (statement triggers are not cloned).
    this.addSql(`create or replace function "crucible_make_append_only"(target text) returns void language plpgsql as \$\$
declare
  root regclass := target::regclass;
  relation regclass;
begin
  insert into crucible_append_only (table_name) values (target) on conflict do nothing;
  -- tgtype bits: 1 row, 2 before, 8 delete, 16 update, 32 truncate
  if not exists (select 1 from pg_trigger where tgrelid = root and tgtype & 27 = 27) then
    execute format('create trigger %I before update or delete on %s for each row execute function crucible_refuse_change()', target || '_append_only', root);
  end if;
  -- pg_partition_tree lists nothing for a table that is not partitioned
  for relation in select root union select relid from pg_partition_tree(root) loop
    if not exists (select 1 from pg_trigger where tgrelid = relation and tgtype & 34 = 34) then
      execute format('create trigger %I before truncate on %s for each statement execute function crucible_refuse_change()', left(relation::text, 50) || '_no_truncate', relation);
    end if;
  end loop;
end \$\$;`);

    // Every registered append-only table and each of its partitions.
    this.addSql(`create or replace function "crucible_append_only_relations"() returns setof regclass language sql stable as \$\$
  select a.table_name::regclass from crucible_append_only a
  union select p.relid from crucible_append_only a, pg_partition_tree(a.table_name::regclass) p
\$\$;`);

    // Re-applies the triggers to every registered table (new partitions included); run after every migration.
    this.addSql(`create or replace function "crucible_protect_append_only"() returns void language plpgsql as \$\$
declare
  name text;
begin
  for name in select table_name from crucible_append_only loop
    perform crucible_make_append_only(name);
  end loop;
end \$\$;`);

    // The app role's privileges, re-applied after every migration (so new tables are covered): DML on the platform's
    // tables, SELECT+INSERT on append-only ones, SELECT on the migration bookkeeping, what graphile-worker needs.
    this.addSql(`create or replace function "crucible_grant_app_privileges"(app name) returns void language plpgsql as \$\$
declare
  relation regclass;
begin
  begin
    execute 'revoke create on schema public from public';
  exception when insufficient_privilege then null; -- the schema belongs to someone else (PostgreSQL ≥ 15 has no such grant)
  end;
  execute format('grant usage on schema public to %I', app);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
  execute format('grant usage, select on all sequences in schema public to %I', app);
  for relation in
    select relid from crucible_append_only_relations() relid
    union all select 'crucible_append_only'::regclass
    union all select to_regclass('mikro_orm_migrations') where to_regclass('mikro_orm_migrations') is not null
  loop
    execute format('revoke all on %s from %I', relation, app);
    execute format('grant select on %s to %I', relation, app);
    if exists (select 1 from crucible_append_only_relations() relid where relid = relation) then
      execute format('grant insert on %s to %I', relation, app);
    end if;
  end loop;
  revoke all on function audit_ensure_partitions(integer, integer) from public;
  execute format('grant execute on function audit_ensure_partitions(integer, integer) to %I', app);
  if exists (select 1 from pg_namespace where nspname = 'graphile_worker') then
    execute format('grant usage on schema graphile_worker to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema graphile_worker to %I', app);
    execute format('grant usage, select on all sequences in schema graphile_worker to %I', app);
    execute format('grant execute on all functions in schema graphile_worker to %I', app);
    execute format('revoke insert, update, delete on graphile_worker.migrations from %I', app);
    -- graphile-worker enables row-level security without policies on its private tables (only the owner sees rows):
    -- the app role gets a policy of its own on each.
    for relation in
      select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'graphile_worker' and c.relrowsecurity
        and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'crucible_app_' || app)
    loop
      execute format('create policy %I on %s for all to %I using (true) with check (true)', 'crucible_app_' || app, relation, app);
    end loop;
  end if;
end \$\$;`);

    // Yearly audit partitions from \`from_year\` through \`through_year\` (at most 10 years at once), created when missing
    // and protected like the others; never drops one. SECURITY DEFINER: the app role (the retention job) may create
    // partitions without owning the table.
    this.addSql(`create or replace function "audit_ensure_partitions"(from_year integer, through_year integer) returns integer
language plpgsql security definer set search_path = public, pg_temp as \$\$
declare
  y integer;
  created integer := 0;
begin
  if from_year < 2000 or through_year > 2200 or through_year < from_year or through_year - from_year > 10 then
    raise exception 'audit partitions: years % to % are out of bounds (2000–2200, at most 10 at once)', from_year, through_year using errcode = 'invalid_parameter_value';
  end if;
  for y in from_year .. through_year loop
    if to_regclass(format('public.audit_event_y%s', y)) is null then
      execute format('create table public.%I partition of public.audit_event for values from (%L) to (%L)', 'audit_event_y' || y,
        make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC'), make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'));
      created := created + 1;
    end if;
  end loop;
  perform crucible_protect_append_only();
  return created;
end \$\$;`);

    this.addSql(`select crucible_make_append_only('audit_event');`);
    this.addSql(`select crucible_make_append_only('deployment_audit');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists "audit_ensure_partitions"(integer, integer);`);
    this.addSql(`drop function if exists "crucible_grant_app_privileges"(name);`);
    this.addSql(`drop function if exists "crucible_protect_append_only"();`);
    this.addSql(`drop function if exists "crucible_append_only_relations"();`);
    this.addSql(`drop function if exists "crucible_make_append_only"(text);`);
    this.addSql(`drop function if exists "crucible_refuse_change"() cascade;`);
    this.addSql(`drop table if exists "crucible_append_only";`);
  }

}
