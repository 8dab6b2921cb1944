import { Migration } from '@mikro-orm/migrations';

/**
 * Data-change notifications (issue 9 "Under load", the response cache's version check): a statement-level trigger on
 * every table of the platform sends `NOTIFY crucible_data_changed` (empty payload, so PostgreSQL folds a
 * transaction's notifications into one, delivered at its commit) after any INSERT, UPDATE, DELETE or TRUNCATE. A
 * server process counts the notifications it receives (infra/db/data-version.ts): a cached response is served
 * without re-running its statements only while that count has not moved since they ran.
 * `crucible_track_data_changes()` attaches the trigger where it is missing; migrateDatabase runs it after every
 * migration, so tables added later are covered too (and the server refuses the shortcut while any table is not).
 * Hand-written (MikroORM does not model statement triggers).
 */
export class Migration20261205081500 extends Migration {

  override name = 'Migration20261205081500';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "crucible_notify_data_changed"() returns trigger language plpgsql as \$\$
begin
  perform pg_notify('crucible_data_changed', '');
  return null;
end \$\$;`);

    // Every table of the public schema, partitions included (a statement on a partitioned table fires its own trigger).
    this.addSql(`create or replace function "crucible_track_data_changes"() returns void language plpgsql as \$\$
declare
  relation regclass;
begin
  for relation in
    select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'crucible_data_changed')
  loop
    execute format('create trigger crucible_data_changed after insert or update or delete or truncate on %s for each statement execute function crucible_notify_data_changed()', relation);
  end loop;
end \$\$;`);

    this.addSql(`select crucible_track_data_changes();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`do \$\$
declare
  relation regclass;
begin
  for relation in select tgrelid::regclass from pg_trigger where tgname = 'crucible_data_changed' and not tgisinternal loop
    execute format('drop trigger crucible_data_changed on %s', relation);
  end loop;
end \$\$;`);
    this.addSql(`drop function if exists "crucible_track_data_changes"();`);
    this.addSql(`drop function if exists "crucible_notify_data_changed"();`);
  }

}
