import { Migration } from '@mikro-orm/migrations';

/**
 * Audit hardening at upgrade:
 * - Events signed with the published demo key (key id `demo`: every database that ran without a configured key)
 *   get that key's public key registered, so they verify after the operator configures a key of their own.
 *   (Other old key ids are registered at start-up from AUDIT_PREVIOUS_VERIFY_KEYS.)
 * - `crucible_append_only_unprotected()`: every append-only relation (partitions included) missing an ENABLED
 *   refusing trigger — the row trigger against UPDATE/DELETE or the statement trigger against TRUNCATE. `audit verify`
 *   reports them: a partition the owner created by hand has the cloned row trigger but no TRUNCATE trigger until
 *   `crucible_protect_append_only()` (every migration, and `audit_ensure_partitions`) attaches it.
 * - An event trigger attaching them at once to any partition created later — only when the migrating role is a
 *   superuser (creating an event trigger needs one). With the supported role split the owner is not, so it is not
 *   created there and the two mechanisms above hold instead (docs/audit-trail.md).
 */
export class Migration20261204231429 extends Migration {

  override name = 'Migration20261204231429';

  override up(): void | Promise<void> {
    // The demo key's public key (base64 SPKI DER); a test checks it against demoAuditVerifyKey().
    this.addSql(`insert into "audit_signing_key" ("key_id", "public_key", "registered_at")
      select 'demo', 'MCowBQYDK2VwAyEAhQpx1RuL+iHo/JGn3WxCk453We4b8BcqajXv0RdNpgs=', now()
      where exists (select 1 from "audit_event" where "signing_key_id" = 'demo') or exists (select 1 from "audit_checkpoint" where "signing_key_id" = 'demo')
      on conflict ("key_id") do nothing;`);

    this.addSql(`create or replace function "crucible_append_only_unprotected"() returns table (relation text, missing text) language sql stable as \$\$
  select r::text, m.missing from crucible_append_only_relations() r
  cross join lateral (
    select 'an enabled trigger refusing UPDATE and DELETE' as missing
    where not exists (select 1 from pg_trigger t where t.tgrelid = r and t.tgtype & 27 = 27 and t.tgenabled <> 'D')
    union all
    select 'an enabled trigger refusing TRUNCATE'
    where not exists (select 1 from pg_trigger t where t.tgrelid = r and t.tgtype & 34 = 34 and t.tgenabled <> 'D')
  ) m
  order by 1, 2
\$\$;`);

    this.addSql(`create or replace function "crucible_protect_new_relations"() returns event_trigger language plpgsql as \$\$
begin
  perform crucible_protect_append_only();
end \$\$;`);
    this.addSql(`do \$\$
begin
  if (select rolsuper from pg_roles where rolname = current_user) and not exists (select 1 from pg_event_trigger where evtname = 'crucible_protect_new_relations') then
    create event trigger crucible_protect_new_relations on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE')
      execute function crucible_protect_new_relations();
  end if;
end \$\$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop event trigger if exists crucible_protect_new_relations;`);
    this.addSql(`drop function if exists "crucible_protect_new_relations"();`);
    this.addSql(`drop function if exists "crucible_append_only_unprotected"();`);
  }

}
