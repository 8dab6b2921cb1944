import { describe, expect, it } from 'vitest';
import type { PromotionRecordInput } from '../../src/services/promotion/promotion-record-chain.ts';
import { appendPromotionRecord, currentRuntimeFingerprint, hashMetricsSnapshot, verifyPromotionRecordChains } from '../../src/services/promotion/promotion-record-chain.ts';
import { genesisHash } from '../../src/services/audit/audit-chain.ts';
import { ENGINE_VERSION } from '../../src/engine/version.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Chains are per strategy and the fixtures share the built-in SMA strategy: each test gets its own database.
const harness = useServiceHarness({ database: 'test' });

/** Three records of one strategy's chain: OBSERVE → SHADOW, SHADOW → PAPER, PAPER → SHADOW (demotion). */
async function threeRecords() {
  const { strategy, deployment, creator } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe' });
  const base = (index: number): PromotionRecordInput => ({
    strategyId: strategy.id,
    deploymentId: deployment.id,
    promotionRequestId: null,
    decision: index === 2 ? 'demote' : 'promote',
    fromStage: (['observe', 'shadow', 'paper'] as const)[index]!,
    toStage: (['shadow', 'paper', 'shadow'] as const)[index]!,
    policyVersion: '2026.12.1',
    requestedById: creator.id,
    approvers: index === 2 ? [] : [{ step: 'strategyReviewer', role: 'production', userId: creator.id, approvedAt: new Date(Date.UTC(2026, 11, 4, index)).toISOString() }],
    effectiveAt: new Date(Date.UTC(2026, 11, 4, index)),
    reasonCode: index === 2 ? 'risk_breach' : 'approvals_complete',
    metricsSnapshot: { sharpe: 1.2 + index, maxDrawdown: 0.1, gates: [{ rule: 'minSessions', threshold: 5, measured: 7 + index }] },
    evidenceReferences: [{ kind: 'deployment', id: deployment.id, hash: 'a'.repeat(64) }],
    runtimeFingerprint: currentRuntimeFingerprint(),
  });
  const records = [];
  for (const index of [0, 1, 2]) records.push(await harness.orm.em.fork().transactional((em) => appendPromotionRecord(em, base(index))));
  return { strategy, deployment, records };
}

describe('promotion record chain', () => {
  it('chains each strategy’s records from the genesis hash, with the snapshot hash and the runtime fingerprint; verify finds it intact', async () => {
    const { strategy, records } = await threeRecords();
    expect(records.map((record) => record.sequence)).toEqual([1, 2, 3]);
    expect(records[0]!.previousRecordHash).toBe(genesisHash);
    expect(records[1]!.previousRecordHash).toBe(records[0]!.recordHash);
    expect(records[2]!.previousRecordHash).toBe(records[1]!.recordHash);
    expect(records[0]!.metricsSnapshotHash).toBe(hashMetricsSnapshot({ maxDrawdown: 0.1, sharpe: 1.2, gates: [{ threshold: 5, measured: 7, rule: 'minSessions' }] }));
    expect(records[0]!.runtimeFingerprint).toEqual({ gitCommit: null, engineVersion: ENGINE_VERSION });
    expect(await verifyPromotionRecordChains(harness.orm.em.fork())).toEqual([{ strategyId: strategy.id, records: 3, intact: true, brokenSequence: null, reason: null }]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE; the app role may only insert and read', async () => {
    const { records } = await threeRecords();
    await as(harness.database.ownerUrl, async (client) => {
      await expect(client.query(`update promotion_record set reason_code = 'x' where id = $1`, [records[0]!.id])).rejects.toThrow(/immutable: UPDATE/);
      await expect(client.query(`delete from promotion_record where id = $1`, [records[0]!.id])).rejects.toThrow(/immutable: DELETE/);
      await expect(client.query('truncate promotion_record cascade')).rejects.toThrow(/immutable: TRUNCATE/);
    });
    await as(harness.database.appUrl, async (client) => {
      const { rows } = await client.query<{ privilege_type: string }>(`select privilege_type from information_schema.role_table_grants where table_name = 'promotion_record' and grantee = current_user order by privilege_type`);
      expect(rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
      await expect(client.query('alter table promotion_record disable trigger user')).rejects.toThrow(/must be owner/);
    });
  });

  it('a record rewritten by the owner with the trigger bypassed is reported as the first broken link; a removed record as a gap', async () => {
    const { strategy, records } = await threeRecords();
    await as(harness.database.ownerUrl, async (client) => {
      await client.query('begin');
      await client.query('alter table promotion_record disable trigger user');
      await client.query(`update promotion_record set to_stage = 'live' where id = $1`, [records[1]!.id]);
      await client.query('alter table promotion_record enable trigger user');
      await client.query('commit');
    });
    expect(await verifyPromotionRecordChains(harness.orm.em.fork(), strategy.id)).toEqual([
      { strategyId: strategy.id, records: 3, intact: false, brokenSequence: 2, reason: 'record hash does not match its content' },
    ]);
    await as(harness.database.ownerUrl, async (client) => {
      await client.query('begin');
      await client.query('alter table promotion_record disable trigger user');
      await client.query(`update promotion_record set metrics_snapshot = metrics_snapshot || '{"sharpe": 9}', to_stage = 'paper' where id = $1`, [records[1]!.id]);
      await client.query(`delete from promotion_record where id = $1`, [records[0]!.id]);
      await client.query('alter table promotion_record enable trigger user');
      await client.query('commit');
    });
    expect(await verifyPromotionRecordChains(harness.orm.em.fork(), strategy.id)).toEqual([
      { strategyId: strategy.id, records: 2, intact: false, brokenSequence: 2, reason: 'sequence 2 follows 0 (records missing)' },
    ]);
  });
});
