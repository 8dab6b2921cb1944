import { describe, expect, it } from 'vitest';
import { assertLeastPrivilege, readConnectionPrivileges } from '../../src/infra/db/connection-privileges.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const thisYear = new Date().getUTCFullYear();

/** Appends one audit event through the platform (as the app role, like the server). */
async function recordSomething() {
  await harness.services().users.create({ email: `someone-${Math.random().toString(36).slice(2)}@example.com`, password: 'a-long-password-1', roles: ['research'] });
}

describe('least-privilege database role', () => {
  it('the app role is no superuser and owns no table or the database', async () => {
    expect(await readConnectionPrivileges(harness.database.appUrl)).toMatchObject({ role: 'crucible_test_app', superuser: false, ownedRelations: [], ownsDatabase: false });
    expect(await readConnectionPrivileges(harness.database.ownerUrl)).toMatchObject({ superuser: false, ownedRelations: expect.arrayContaining(['api_token']), ownsDatabase: true });
  });

  it('as the app role, nothing can remove, rewrite or hide audit events', async () => {
    await recordSomething();
    const partition = `audit_event_y${thisYear}`;
    await as(harness.database.appUrl, async (client) => {
      expect((await client.query('select count(*)::int as count from audit_event')).rows[0].count).toBeGreaterThan(0);
      await expect(client.query(`truncate ${partition}`)).rejects.toThrow(/permission denied/);
      await expect(client.query('truncate audit_event')).rejects.toThrow(/permission denied/);
      await expect(client.query(`drop table ${partition}`)).rejects.toThrow(/must be owner/);
      await expect(client.query(`alter table audit_event detach partition ${partition}`)).rejects.toThrow(/must be owner/);
      await expect(client.query('alter table audit_event disable trigger all')).rejects.toThrow(/must be owner/);
      await expect(client.query(`alter table ${partition} disable trigger all`)).rejects.toThrow(/must be owner/);
      await expect(client.query('set session_replication_role = replica')).rejects.toThrow(/permission denied/);
      await expect(client.query(`update audit_event set action = 'x' where sequence = 1`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`delete from audit_event where sequence = 1`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`delete from ${partition}`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`update deployment_audit set details = '{}'`)).rejects.toThrow(/permission denied/);
      await expect(client.query('create table sneaky (id int)')).rejects.toThrow(/permission denied/);
      await expect(client.query(`drop trigger audit_event_immutable on audit_event`)).rejects.toThrow(/must be owner/);
    });
  });

  it('as the owner, triggers refuse UPDATE, DELETE and TRUNCATE on every partition, including one created later', async () => {
    await recordSomething();
    const laterYear = thisYear + 30;
    // The app role creates the partition through the one function it may call (the retention job does so).
    await as(harness.database.appUrl, async (client) => {
      expect((await client.query('select audit_ensure_partitions($1, $1) as created', [laterYear])).rows[0].created).toBe(1);
      await expect(client.query('select audit_ensure_partitions(2030, 2050)')).rejects.toThrow(/out of bounds/);
    });
    await as(harness.database.ownerUrl, async (client) => {
      for (const partition of [`audit_event_y${thisYear}`, `audit_event_y${laterYear}`, 'audit_event_default']) {
        await expect(client.query(`truncate ${partition}`)).rejects.toThrow(/immutable: TRUNCATE/);
      }
      await expect(client.query(`delete from audit_event_y${thisYear}`)).rejects.toThrow(/immutable: DELETE/);
      await expect(client.query(`update audit_event_y${thisYear} set action = 'x'`)).rejects.toThrow(/immutable: UPDATE/);
      await client.query(`insert into audit_event select sequence + 1000000, make_timestamptz(${laterYear}, 6, 1, 0, 0, 0, 'UTC'), actor_id, actor_role, action, subject_type, subject_id, details, dataset_checksum, engine_version, correlation_id, previous_hash, hash, signature, signing_key_id from audit_event where sequence = 1`);
      await expect(client.query(`delete from audit_event_y${laterYear}`)).rejects.toThrow(/immutable: DELETE/);
      await expect(client.query(`truncate audit_event_y${laterYear}`)).rejects.toThrow(/immutable: TRUNCATE/);
      await expect(client.query(`update audit_event set action = 'x' where occurred_at >= make_timestamptz(${laterYear}, 1, 1, 0, 0, 0, 'UTC')`)).rejects.toThrow(/immutable: UPDATE/);
    });
  });

  it('refuses a superuser or owner connection in production mode and warns in demo mode', async () => {
    const logger = createLogger('test', 'silent');
    await expect(assertLeastPrivilege(harness.database.url, 'production', logger)).rejects.toThrow(/production mode \(CRUCIBLE_MODE=production\) refuses this database role\. DATABASE_URL connects as "postgres", which is a superuser/);
    await expect(assertLeastPrivilege(harness.database.ownerUrl, 'production', logger)).rejects.toThrow(/connects as "crucible_test_owner", which owns tables .* and owns the database/);
    await expect(assertLeastPrivilege(harness.database.url, 'demo', logger)).resolves.toMatchObject({ superuser: true });
    await expect(assertLeastPrivilege(harness.database.appUrl, 'production', logger)).resolves.toMatchObject({ superuser: false });
  });
});
