import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

/** As the server's superuser with triggers off (`session_replication_role = replica`): what full access could do. */
async function tamper(...statements: string[]) {
  const client = new pg.Client({ connectionString: harness.database.url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

describe('audit chain verification', () => {
  it('refuses a gap, a chain that does not start at 1, and a forged checkpoint', async () => {
    for (let i = 0; i < 5; i++) await harness.services().users.create({ email: `gap-${i}@example.com`, password: 'a-long-password-1', roles: ['research'] });
    const checkpoint = (await harness.services().audit.checkpoint())!;
    expect(checkpoint.sequence).toBeGreaterThanOrEqual(5);
    await tamper('delete from audit_event where sequence = 3');
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: 4, reason: 'sequence gap: 2 is followed by 4' });
    await tamper('delete from audit_event where sequence < 3');
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: 1, reason: 'the chain starts at sequence 4: events 1…3 are missing' });
    await tamper(`update audit_checkpoint set hash = repeat('a', 64)`);
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: checkpoint.sequence, reason: expect.stringContaining('does not verify with the registered key') });
  });
});
