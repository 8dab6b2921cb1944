import pg from 'pg';
import type { Logger } from '../logger.ts';

/** What the role of a connection could do beyond the app's needs. */
export interface ConnectionPrivileges {
  role: string;
  superuser: boolean;
  /** Tables (and other relations) of the platform this role owns, directly or through membership, at most 5 named. */
  ownedRelations: string[];
  ownsDatabase: boolean;
}

/** Reads the privileges of the role `url` connects as. */
export async function readConnectionPrivileges(url: string): Promise<ConnectionPrivileges> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; superuser: boolean; owned: string[] | null; owns_database: boolean }>(`
      select current_user as role,
             (select rolsuper from pg_roles where rolname = current_user) as superuser,
             (select array_agg(c.relname::text order by c.relname) from (
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname in ('public', 'graphile_worker') and c.relkind in ('r', 'p') and pg_has_role(current_user, c.relowner, 'USAGE')
                order by c.relname limit 5) c) as owned,
             (select pg_has_role(current_user, datdba, 'USAGE') from pg_database where datname = current_database()) as owns_database`);
    const row = rows[0]!;
    return { role: row.role, superuser: row.superuser, ownedRelations: row.owned ?? [], ownsDatabase: row.owns_database };
  } finally {
    await client.end();
  }
}

/**
 * Refuses (production mode) or warns about (demo mode) an app connection whose role is a superuser or owns the
 * platform's tables or database: such a role can truncate, drop or detach audit partitions, disable triggers and set
 * `session_replication_role`, so the audit trail would only be as safe as its credentials.
 * @throws Error in production mode, naming the role and what it may do, and what to configure instead.
 */
export async function assertLeastPrivilege(url: string, mode: 'demo' | 'production', logger: Logger): Promise<ConnectionPrivileges> {
  const privileges = await readConnectionPrivileges(url);
  const reasons = [
    ...(privileges.superuser ? ['is a superuser'] : []),
    ...(privileges.ownedRelations.length > 0 ? [`owns tables (${privileges.ownedRelations.join(', ')}…)`] : []),
    ...(privileges.ownsDatabase ? ['owns the database'] : []),
  ];
  if (reasons.length === 0) return privileges;
  const message =
    `DATABASE_URL connects as "${privileges.role}", which ${reasons.join(' and ')}: it could rewrite or truncate the audit trail. ` +
    'Connect the server and worker as the least-privilege app role and give migrations the owner role in DATABASE_OWNER_URL (README "Database roles").';
  if (mode === 'production') throw new Error(`Invalid configuration — production mode (CRUCIBLE_MODE=production) refuses this database role. ${message}`);
  logger.warn({ role: privileges.role, reasons }, `demo mode: ${message}`);
  return privileges;
}
