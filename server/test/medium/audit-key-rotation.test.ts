import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.ts';
import { makeSecuritySettings } from '../../src/infra/security/security-settings.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const logger = createLogger('test', 'silent');

describe('audit signing key rotation', () => {
  it('events signed before a rotation still verify their signatures under the old key id; an id is never re-used', async () => {
    const oldSeed = randomBytes(32).toString('base64');
    const before = makeSecuritySettings({ auditSigningKey: oldSeed, auditSigningKeyId: 'k-2026-old' });
    const after = makeSecuritySettings({ auditSigningKey: randomBytes(32).toString('base64'), auditSigningKeyId: 'k-2026-new' });
    const servicesWith = (security: typeof before) => createSystemServices(harness.orm, { importDir: '/nonexistent', security }, logger);

    await servicesWith(before).audit.registerSigningKey();
    await servicesWith(before).users.create({ email: 'before-rotation@example.com', password: 'a-long-password-1', roles: ['research'] });
    await servicesWith(after).audit.registerSigningKey();
    await servicesWith(after).users.create({ email: 'after-rotation@example.com', password: 'a-long-password-1', roles: ['research'] });

    const { events } = await servicesWith(after).audit.list({ action: 'user.created' });
    expect(events.map((event) => event.signingKeyId).sort()).toEqual(['k-2026-new', 'k-2026-old']);
    // Verified by the process that holds only the new key: the old events' signatures are checked too.
    const { totalCount } = await servicesWith(after).audit.list({});
    expect(await servicesWith(after).audit.verifyChain()).toMatchObject({ intact: true, checkedCount: totalCount });

    // Another key under a registered id is refused.
    const reused = makeSecuritySettings({ auditSigningKey: randomBytes(32).toString('base64'), auditSigningKeyId: 'k-2026-old' });
    await expect(servicesWith(reused).audit.registerSigningKey()).rejects.toThrow(/AUDIT_SIGNING_KEY_ID "k-2026-old" is already registered with another public key/);
    await expect(servicesWith(reused).users.create({ email: 'reused@example.com', password: 'a-long-password-1', roles: ['research'] })).rejects.toThrow(/already registered/);

    // An old event whose signature is swapped for one by the new key no longer verifies (the hash alone would).
    const old = events.find((event) => event.signingKeyId === 'k-2026-old')!;
    const { signAuditHash } = await import('../../src/services/audit/audit-chain.ts');
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query('update audit_event set signature = $1 where sequence = $2', [signAuditHash(old.hash, after.auditSigningKey), old.sequence]);
    await client.query('commit');
    await client.end();
    expect(await servicesWith(after).audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: old.sequence, reason: 'signature does not verify with the registered key "k-2026-old"' });
  });
});
