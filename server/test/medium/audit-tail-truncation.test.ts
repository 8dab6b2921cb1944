import { describe, expect, it } from 'vitest';
import { AuditChainTruncatedError } from '../../src/services/audit/audit-recorder.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

async function recordEvents(count: number) {
  for (let i = 0; i < count; i++) {
    await harness.services().users.create({ email: `user-${i}-${Math.random().toString(36).slice(2)}@example.com`, password: 'a-long-password-1', roles: ['research'] });
  }
}

describe('audit chain anchored by signed checkpoints', () => {
  it('detects the newest events removed by the owner, and never restarts a removed chain at sequence 1', async () => {
    await recordEvents(6);
    const checkpoint = (await harness.services().audit.checkpoint())!;
    expect(checkpoint.sequence).toBeGreaterThanOrEqual(6);
    expect(await harness.services().audit.checkpoint()).toBeNull(); // nothing new to anchor
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: true, checkpointCount: 1, lastSequence: checkpoint.sequence });

    // The owner disables the triggers of its own table and deletes the newest 3 events.
    const year = new Date().getUTCFullYear();
    await as(harness.database.ownerUrl, async (client) => {
      await client.query('begin');
      await client.query(`alter table audit_event_y${year} disable trigger user`);
      const deleted = await client.query('delete from audit_event where sequence > $1', [checkpoint.sequence - 3]);
      expect(deleted.rowCount).toBe(3);
      await client.query(`alter table audit_event_y${year} enable trigger user`);
      await client.query('commit');
    });
    const truncated = await harness.services().audit.verifyChain();
    expect(truncated).toMatchObject({
      intact: false,
      brokenSequence: checkpoint.sequence - 2,
      reason: expect.stringContaining(`events ${checkpoint.sequence - 2}…${checkpoint.sequence} were removed (tail truncation)`),
    });

    // New events fill the sequence again but cannot reproduce the anchored hash.
    await recordEvents(4);
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: checkpoint.sequence, reason: expect.stringContaining('is not the one the checkpoint') });

    // A superuser empties the table: the recorder refuses to start over at sequence 1, verify names the removal.
    await as(harness.database.url, async (client) => {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query('delete from audit_event');
      await client.query('commit');
    });
    await expect(recordEvents(1)).rejects.toBeInstanceOf(AuditChainTruncatedError);
    expect(await harness.services().audit.verifyChain()).toMatchObject({ intact: false, brokenSequence: 1, reason: expect.stringContaining('the chain is empty although the checkpoint') });
  });
});
