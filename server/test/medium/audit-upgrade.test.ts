import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.ts';
import { demoAuditVerifyKey, ed25519FromSeed, makeSecuritySettings, type SecuritySettings } from '../../src/infra/security/security-settings.ts';
import { encodePublicKey } from '../../src/services/audit/audit-chain.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { connectedAs } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: they rewrite the key registry and the partitions.
const harness = useServiceHarness({ database: 'test' });
const logger = createLogger('test', 'silent');
const servicesWith = (security: SecuritySettings) => createSystemServices(harness.orm, { importDir: '/nonexistent', security }, logger);
const upgradeMigration = new URL('../../../migrations/Migration20261204231429.ts', import.meta.url);

/** The database as it was before the key registry existed: events signed, no public key registered. */
async function forgetRegisteredKeys(): Promise<void> {
  await connectedAs(harness.database.url, async (client) => {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query('delete from audit_signing_key');
    await client.query('commit');
  });
}

async function recordEvents(security: SecuritySettings, label: string): Promise<void> {
  await servicesWith(security).users.create({ email: `${label}-${randomBytes(4).toString('hex')}@example.com`, password: 'a-long-password-1', roles: ['research'] });
}

describe('an upgraded database whose events were signed by an older key id', () => {
  it('verifies once start-up registers the previous key ids the configuration names (public key or seed)', async () => {
    const oldSeed = randomBytes(32);
    const before = makeSecuritySettings({ auditSigningKey: oldSeed.toString('base64'), auditSigningKeyId: 'k-before-upgrade' });
    await recordEvents(before, 'before');
    await forgetRegisteredKeys();

    // The upgraded platform runs with a new key; without the old public key the old events cannot be verified.
    const newSeed = randomBytes(32).toString('base64');
    const bare = makeSecuritySettings({ auditSigningKey: newSeed, auditSigningKeyId: 'k-after-upgrade' });
    await servicesWith(bare).audit.registerSigningKey();
    expect(await servicesWith(bare).audit.verifyChain()).toMatchObject({ intact: false, reason: expect.stringMatching(/"k-before-upgrade", which is not registered/) });

    // Named in AUDIT_PREVIOUS_VERIFY_KEYS (here by its public key), it is registered at start-up: the chain verifies.
    const publicKey = encodePublicKey(ed25519FromSeed(oldSeed).publicKey);
    const upgraded = makeSecuritySettings({ auditSigningKey: newSeed, auditSigningKeyId: 'k-after-upgrade', auditPreviousVerifyKeys: `k-before-upgrade:${publicKey}` });
    await servicesWith(upgraded).audit.registerSigningKey();
    await recordEvents(upgraded, 'after');
    expect(await servicesWith(upgraded).audit.verifyChain()).toMatchObject({ intact: true, unprotectedRelations: [] });

    // The seed form names the same key; a different key under a registered id is refused.
    const bySeed = makeSecuritySettings({ auditSigningKey: newSeed, auditSigningKeyId: 'k-after-upgrade', auditPreviousVerifyKeys: `k-before-upgrade:${oldSeed.toString('base64')}` });
    await servicesWith(bySeed).audit.registerSigningKey();
    const wrong = makeSecuritySettings({ auditSigningKey: newSeed, auditSigningKeyId: 'k-after-upgrade', auditPreviousVerifyKeys: `k-before-upgrade:${randomBytes(32).toString('base64')}` });
    await expect(servicesWith(wrong).audit.registerSigningKey()).rejects.toThrow(/AUDIT_PREVIOUS_VERIFY_KEYS "k-before-upgrade" is already registered with another public key/);
    expect(() => makeSecuritySettings({ auditPreviousVerifyKeys: 'no-separator' })).toThrow(/AUDIT_PREVIOUS_VERIFY_KEYS must be/);
  });

  it('verifies events signed by the demo key (a database that ran without a configured key) after the upgrade migration', async () => {
    const demo = makeSecuritySettings({});
    await recordEvents(demo, 'demo');
    await forgetRegisteredKeys();
    const configured = makeSecuritySettings({ auditSigningKey: randomBytes(32).toString('base64'), auditSigningKeyId: 'k1' });
    await servicesWith(configured).audit.registerSigningKey();
    expect(await servicesWith(configured).audit.verifyChain()).toMatchObject({ intact: false, reason: expect.stringMatching(/"demo", which is not registered/) });

    // The upgrade migration registers the published demo key when events it signed exist (its text holds that key).
    const text = await readFile(upgradeMigration, 'utf8');
    expect(text).toContain(`'${encodePublicKey(demoAuditVerifyKey())}'`);
    const { Migration20261204231429 } = (await import(upgradeMigration.href)) as { Migration20261204231429: new (...args: never[]) => { up(): void; getQueries(): string[] } };
    const migration = new Migration20261204231429(...([harness.orm.em.getDriver(), harness.orm.config] as never[]));
    migration.up();
    await connectedAs(harness.database.ownerUrl, async (client) => {
      for (const query of migration.getQueries()) await client.query(query);
    });
    expect(await servicesWith(configured).audit.verifyChain()).toMatchObject({ intact: true });
  });
});

describe('append-only protection of partitions created later', () => {
  it('audit verify names a partition the owner created by hand until its TRUNCATE trigger is attached; the partition function attaches it at once', async () => {
    await recordEvents(makeSecuritySettings({}), 'setup');
    const services = () => harness.services();
    expect(await services().audit.verifyChain()).toMatchObject({ intact: true, unprotectedRelations: [] });

    // The owner adds a partition directly: the row trigger is cloned onto it, the TRUNCATE trigger is not.
    await connectedAs(harness.database.ownerUrl, (client) => client.query(`create table audit_event_y2090 partition of audit_event for values from ('2090-01-01') to ('2091-01-01')`));
    const reported = await services().audit.verifyChain();
    expect(reported).toMatchObject({ intact: false, brokenSequence: null, unprotectedRelations: ['audit_event_y2090 lacks an enabled trigger refusing TRUNCATE'] });
    expect(reported.reason).toMatch(/append-only protection is missing: audit_event_y2090 lacks an enabled trigger refusing TRUNCATE/);

    // A disabled trigger counts as missing.
    await connectedAs(harness.database.ownerUrl, (client) => client.query(`alter table audit_event_y2030 disable trigger audit_event_y2030_no_truncate`));
    expect((await services().audit.verifyChain()).unprotectedRelations).toContain('audit_event_y2030 lacks an enabled trigger refusing TRUNCATE');
    await connectedAs(harness.database.ownerUrl, (client) => client.query(`alter table audit_event_y2030 enable trigger audit_event_y2030_no_truncate`));

    // The migrations' re-application (or the partition function) attaches the trigger: verified, and TRUNCATE refused.
    await connectedAs(harness.database.ownerUrl, (client) => client.query('select crucible_protect_append_only()'));
    expect(await services().audit.verifyChain()).toMatchObject({ intact: true, unprotectedRelations: [] });
    await expect(connectedAs(harness.database.ownerUrl, (client) => client.query('truncate audit_event_y2090'))).rejects.toThrow(/append-only records are immutable/);

    // A partition made by audit_ensure_partitions (the retention job, as the app role) is protected at once.
    await connectedAs(harness.database.appUrl, (client) => client.query('select audit_ensure_partitions(2095, 2095)'));
    expect(await services().audit.verifyChain()).toMatchObject({ intact: true, unprotectedRelations: [] });
    await expect(connectedAs(harness.database.ownerUrl, (client) => client.query('truncate audit_event_y2095'))).rejects.toThrow(/append-only records are immutable/);
  });
});
