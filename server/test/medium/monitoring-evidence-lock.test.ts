import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { readDeploymentEvidence, readDeploymentsEvidence, type DeploymentEvidence } from '../../src/services/monitoring/monitoring-evidence.ts';
import { demoteDeploymentIn, freezeDeploymentIn, type StageChangeBasis } from '../../src/services/promotion/stage-demotion.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

// Each test gets its own database (the strategy's promotion chain, the audit trail and the active policy are shared state).
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const risk = () => harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });

/** The monitor's basis for an automated stage change. */
const monitorBasis = (reasonCode: string): StageChangeBasis => ({ reasonCode, reason: `drill: ${reasonCode}`, policyVersion: defaultMonitoringPolicy.version, now: new Date(), actor: { userId: null, role: null }, automated: true });

/** How many other sessions of this test's database wait for a lock (the locked evidence read, blocked). */
async function sessionsWaitingForALock(): Promise<number> {
  const [row] = await query<{ waiting: number }>(`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`);
  return row!.waiting;
}

const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value, error: null }), (error: unknown) => ({ value: null, error: error as Error }));

/** The evidence as read now, without the lock (what a fresh read sees once everything has committed). */
const unlockedEvidence = async (ids: string[]) => readDeploymentsEvidence(harness.orm.em.fork(), ids, false);

/** What a decision depends on, comparable across reads (the deployment entity by its decision columns). */
const decisionFacts = (evidence: DeploymentEvidence | undefined) =>
  evidence && {
    stage: evidence.deployment.stage,
    activationState: evidence.deployment.activationState,
    fingerprint: evidence.fingerprint,
    stateRow: evidence.stateRow,
    policyRow: evidence.policyRow && { id: evidence.policyRow.id, version: evidence.policyRow.version },
    lastRecord: evidence.lastRecord,
    basketDataSets: evidence.basketDataSets,
  };

/**
 * A transaction holds the deployment row(s) and changes, in `change`, what the evidence reads (as a demotion, a freeze or
 * monitoring's own action does under the deployment's lock); the locked evidence read of `ids` starts in a transaction of
 * its own and waits for the row; `whileWaiting` runs once it waits; then the holder commits and the read goes on.
 * @returns the evidence the locked read returned.
 */
async function lockedReadAcross(ids: string[], change: (em: EntityManager) => Promise<unknown>, whileWaiting: () => Promise<void> = async () => {}): Promise<Map<string, DeploymentEvidence>> {
  let reading: Promise<{ value: Map<string, DeploymentEvidence> | null; error: Error | null }> | null = null;
  await harness.orm.em.fork().transactional(async (em) => {
    await change(em);
    reading = settled(harness.orm.em.fork().transactional((reader) => readDeploymentsEvidence(reader, ids, true)));
    await waitUntil('the locked evidence read to wait for the deployment row', async () => (await sessionsWaitingForALock()) === 1);
    await whileWaiting();
  });
  const { value, error } = await reading!;
  expect(error?.message ?? null).toBeNull();
  return value!;
}

/** Writes the deployment's monitoring state as monitoring's action phase does (upsert: a new row version). */
async function writeMonitoringState(em: EntityManager, deploymentId: string, lastMarkAt: string): Promise<void> {
  await em.execute(
    `insert into deployment_monitoring_state (deployment_id, policy_version, state, last_mark_at, results, promotion_blocked, evaluated_at)
     values (?, ?, ?::jsonb, ?, '[]'::jsonb, true, now())
     on conflict (deployment_id) do update set state = excluded.state, last_mark_at = excluded.last_mark_at, promotion_blocked = excluded.promotion_blocked, evaluated_at = excluded.evaluated_at`,
    [deploymentId, defaultMonitoringPolicy.version, JSON.stringify({ lastMarkMs: Date.parse(lastMarkAt) }), lastMarkAt],
  );
}

/**
 * Monitoring's per-deployment path reads its evidence under the deployment's lock (`readDeploymentEvidence(…, true)`:
 * the fallback evaluation, and the action phase's re-check of the fingerprint and state version). What it decides on
 * must be the state as of the lock: what the transaction it waited for committed (a demotion, a freeze, a monitoring
 * state written, a policy activated) included — not the snapshot taken before the wait.
 */
describe('monitoring evidence read under the deployment lock: the state as of the lock', () => {
  it('waiting for a demotion that also wrote the monitoring state: the read sees the new stage, the demote record and the new state row', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper', activationState: 'active' });
    const audit = (await risk()).governance.audit;
    await harness.orm.em.fork().transactional((em) => writeMonitoringState(em, deployment.id, '2026-12-01T00:00:00Z'));
    const before = (await unlockedEvidence([deployment.id])).get(deployment.id)!;
    expect(before).toMatchObject({ lastRecord: null, stateRow: { policyVersion: defaultMonitoringPolicy.version } });

    const read = await lockedReadAcross([deployment.id], async (em) => {
      await demoteDeploymentIn(em, audit, deployment.id, 'shadow', monitorBasis('daily_loss'));
      await writeMonitoringState(em, deployment.id, '2026-12-02T00:00:00Z');
    });

    const after = (await unlockedEvidence([deployment.id])).get(deployment.id)!;
    const locked = read.get(deployment.id);
    expect(locked?.lastRecord).toEqual({ decision: 'demote', fromStage: 'paper', automated: true });
    expect(locked?.stateRow?.version).not.toBe(before.stateRow!.version);
    expect(locked?.fingerprint).not.toBe(before.fingerprint);
    expect(decisionFacts(locked)).toEqual({ ...decisionFacts(after), stage: 'shadow' });
    // The single-deployment entry point (monitoring's) reads the same.
    expect(decisionFacts((await harness.orm.em.fork().transactional((em) => readDeploymentEvidence(em, deployment.id, true)))!)).toEqual(decisionFacts(after));
  });

  it('waiting for a freeze of an OBSERVE deployment (its row locked, not changed): the fingerprint counts the freeze record', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe', activationState: 'active' });
    const audit = (await risk()).governance.audit;
    const before = (await unlockedEvidence([deployment.id])).get(deployment.id)!;

    const read = await lockedReadAcross([deployment.id], (em) => freezeDeploymentIn(em, audit, deployment.id, monitorBasis('data_integrity')));

    const after = (await unlockedEvidence([deployment.id])).get(deployment.id)!;
    const locked = read.get(deployment.id);
    // The action phase compares this fingerprint with the one it decided on: equal to `before`, it acted on stale evidence.
    expect(locked?.fingerprint).not.toBe(before.fingerprint);
    expect(locked?.lastRecord).toEqual({ decision: 'freeze', fromStage: 'observe', automated: true });
    expect(decisionFacts(locked)).toEqual(decisionFacts(after));
  });

  it('several deployments: locked in id order (the first held while the read waits for the second), each read as of the lock, a policy activated meanwhile included', async () => {
    const a = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper', activationState: 'active' });
    const b = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper', activationState: 'active', seed: 2 });
    const [first, second] = [a.deployment, b.deployment].sort((x, y) => x.id.localeCompare(y.id));
    const audit = (await risk()).governance.audit;
    const policy = structuredClone(defaultMonitoringPolicy);
    policy.version = `${defaultMonitoringPolicy.version}-evidence-lock-test`;

    const read = await lockedReadAcross(
      [second!.id, first!.id],
      async (em) => {
        await em.execute(`insert into monitoring_policy (id, version, definition, created_at) values (gen_random_uuid(), ?, ?::jsonb, now() + interval '1 second')`, [policy.version, JSON.stringify(policy)]);
        await demoteDeploymentIn(em, audit, second!.id, 'shadow', monitorBasis('daily_loss'));
      },
      async () => {
        // The read holds the first row already (id order), and waits for the second.
        const probe = await settled(query('select 1 from deployment where id = ? for no key update nowait', [first!.id]));
        expect((probe.error as (Error & { code?: string }) | null)?.code).toBe('55P03');
      },
    );

    const after = await unlockedEvidence([first!.id, second!.id]);
    expect([...read.keys()].sort()).toEqual([first!.id, second!.id].sort());
    expect(read.get(second!.id)?.lastRecord).toEqual({ decision: 'demote', fromStage: 'paper', automated: true });
    for (const id of [first!.id, second!.id]) {
      expect(read.get(id)?.policyRow?.version).toBe(policy.version);
      expect(decisionFacts(read.get(id))).toEqual(decisionFacts(after.get(id)));
    }
    expect(await readDeploymentsEvidence(harness.orm.em.fork(), [], true)).toEqual(new Map());
  });
});
