import pg from 'pg';

/** A login role and its password (null: the server trusts the connection, as in tests). */
export interface RoleCredentials {
  name: string;
  password: string | null;
}

/** The two roles of a least-privilege database: the owner runs migrations, the app role runs server and worker. */
export interface DatabaseRoles {
  owner: RoleCredentials;
  app: RoleCredentials;
}

/** Advisory-lock key (on the maintenance database) that serializes role creation across processes. */
const roleCreationLockKey = 7_245_100_401;

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database role or database name "${name}" must match [a-z_][a-z0-9_]*`);
  return `"${name}"`;
};
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * As a superuser on `adminUrl` (a maintenance database): creates the owner and app roles when missing (no superuser,
 * no CREATEDB/CREATEROLE, no replication or RLS bypass), sets their passwords when `setPasswords`, and creates
 * `database` owned by the owner role (or hands an existing one over, adopting the objects a superuser created in it
 * before the roles existed). Idempotent and safe against concurrent callers on the same cluster (an advisory lock
 * serializes them; a role created meanwhile by someone else counts as created). Roles are cluster-global: never dropped here.
 * @throws Error when `adminUrl` is not a superuser connection.
 */
export async function ensureDatabaseRoles(adminUrl: string, roles: DatabaseRoles, options: { database?: string; setPasswords?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [roleCreationLockKey]);
    for (const role of [roles.owner, roles.app]) {
      const password = role.password === null ? '' : ` password ${literal(role.password)}`;
      await client.query(`do $$ begin
        create role ${identifier(role.name)} login${password};
      exception when duplicate_object or unique_violation then null; end $$`);
      // Also for a role that existed: whatever it was granted before, it is not a superuser now. (INHERIT: the owner
      // acts as pg_database_owner, which owns the public schema since PostgreSQL 15.)
      await client.query(`alter role ${identifier(role.name)} login nosuperuser nocreatedb nocreaterole inherit noreplication nobypassrls${options.setPasswords ? password : ''}`);
    }
    if (options.database) {
      const existing = await client.query<{ owner: string }>('select pg_get_userbyid(datdba) as owner from pg_database where datname = $1', [options.database]);
      if (existing.rowCount === 0) await client.query(`create database ${identifier(options.database)} owner ${identifier(roles.owner.name)}`);
      else if (existing.rows[0]!.owner !== roles.owner.name) {
        await client.query(`alter database ${identifier(options.database)} owner to ${identifier(roles.owner.name)}`);
        await adoptObjects(withDatabase(adminUrl, options.database), roles.owner.name);
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [roleCreationLockKey]).catch(() => {});
    await client.end();
  }
}

/**
 * Hands the platform's objects a superuser created before the roles existed (tables, views, sequences, functions,
 * types, the graphile_worker schema) to the owner role, so the owner can migrate them and the app role owns none.
 */
async function adoptObjects(databaseUrl: string, owner: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`do $$
declare
  item record;
begin
  for item in select n.nspname from pg_namespace n where n.nspname = 'graphile_worker' loop
    execute format('alter schema %I owner to ${identifier(owner)}', item.nspname);
  end loop;
  -- tables, partitions, views and free-standing sequences (a column's sequence follows its table)
  for item in
    select c.oid::regclass as relation from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'graphile_worker') and c.relkind in ('r', 'p', 'v', 'm', 'S')
      and pg_get_userbyid(c.relowner) <> ${literal(owner)}
      and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
  loop
    execute format('alter table %s owner to ${identifier(owner)}', item.relation);
  end loop;
  for item in
    select p.oid::regprocedure as routine from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'graphile_worker') and pg_get_userbyid(p.proowner) <> ${literal(owner)}
  loop
    execute format('alter routine %s owner to ${identifier(owner)}', item.routine);
  end loop;
  for item in
    select t.oid::regtype as type from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname in ('public', 'graphile_worker') and t.typtype in ('e', 'd', 'c') and pg_get_userbyid(t.typowner) <> ${literal(owner)}
      and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')
  loop
    execute format('alter type %s owner to ${identifier(owner)}', item.type);
  end loop;
end $$`);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the server of `url`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** `url` with another user and password. */
export function withCredentials(url: string, role: RoleCredentials): string {
  const parsed = new URL(url);
  parsed.username = role.name;
  parsed.password = role.password ?? '';
  return parsed.toString();
}

/** The user name of a connection string (decoded). */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
