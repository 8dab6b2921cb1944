import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedGateVerdict } from '../../src/domain/promotion/recorded-gate-verdict.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the kill switch and the strategy's requests are shared state).
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const risk = () => harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });
const production = () => harness.servicesAs('pat@production.test', ['production'], { stepUp: true });

/** An ACTIVE SHADOW deployment of the built-in SMA crossover (replay of BTC-USDT 1d), scored today. */
async function activeShadow(seed = 1) {
  const arranged = await arrangeShadowDeployment(harness, { stage: 'shadow', effectiveStage: 'shadow', activationState: 'active', activationStartedAt: new Date(), seed });
  const em = harness.orm.em.fork();
  if ((await em.count(ScorecardEntry, { strategy: arranged.strategy.id })) === 0) await scoreToday(em, arranged.strategy, arranged.version);
  return arranged;
}

const requests = (deploymentId: string) =>
  query<{ transition: string; status: string; requested_by_id: string | null; policy_version: string }>(`select transition, status, requested_by_id, policy_version from promotion_request where deployment_id = ? order by requested_at`, [deploymentId]);

describe('the platform opens the next promotion request when the stage’s stability window and gates pass', () => {
  beforeEach(async () => {
    await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy());
  });

  it('gates passing: the SHADOW → PAPER request is opened by the platform (no requester), audited, the approvers notified; a second run opens nothing', async () => {
    const { deployment } = await activeShadow();
    const run = await harness.services().promotionRequests.openDue();
    expect(run).toMatchObject({ policyVersion: gatesOpenTestPolicy().version, unavailable: null });
    expect(run.opened.map((view) => view.request.transition)).toEqual(['shadowToPaper']);
    expect(await requests(deployment.id)).toEqual([{ transition: 'shadowToPaper', status: 'pending', requested_by_id: null, policy_version: gatesOpenTestPolicy().version }]);
    const [audit] = await query<{ actor_role: string; details: { openedByPlatform: boolean; reason: string } }>(`select actor_role, details from audit_event where action = 'promotion.requested'`);
    expect(audit!.details.openedByPlatform).toBe(true);
    expect(audit!.details.reason).toMatch(/^Opened by the platform: the shadowToPaper stability window and gates pass under policy /);
    const notified = await query<{ audience: string; kind: string }>(`select audience, kind from notification where kind = 'promotion.request_opened' order by audience`);
    expect(notified).toEqual([
      { audience: 'production', kind: 'promotion.request_opened' },
      { audience: 'risk', kind: 'promotion.request_opened' },
    ]);
    // Idempotent: the pending request is left alone.
    const again = await harness.services().promotionRequests.openDue();
    expect(again.opened).toEqual([]);
    expect(again.skipped).toEqual([expect.objectContaining({ deploymentId: deployment.id, rule: 'promotion.requestPending' })]);
    expect(await requests(deployment.id)).toHaveLength(1);
    // The platform's request is approved like any other (nobody is its requester).
    const approved = await (await risk()).promotionRequests.approve({ requestId: run.opened[0]!.request.id, step: 'riskApprover', comment: 'read' });
    expect(approved.approvals).toHaveLength(1);
  });

  it('kill switch on: nothing is opened; a rejected request is not reopened at the same stage; a held strategy is left out naming the rule', async () => {
    const { deployment, strategy } = await activeShadow();
    await (await risk()).killSwitches.turnOn({ reason: 'drill' });
    const stopped = await harness.services().promotionRequests.openDue();
    expect(stopped.unavailable).toMatch(/^promotion\.killSwitchOn: global: drill/);
    expect(await requests(deployment.id)).toEqual([]);
    await (await production()).killSwitches.turnOff({ reason: 'drill over' });

    const [opened] = (await harness.services().promotionRequests.openDue()).opened;
    await (await risk()).promotionRequests.reject({ requestId: opened!.request.id, comment: 'not convinced by the fills' });
    const declined = await harness.services().promotionRequests.openDue();
    expect(declined.opened).toEqual([]);
    expect(declined.skipped).toEqual([expect.objectContaining({ deploymentId: deployment.id, rule: 'promotion.declinedAtThisStage' })]);
    // A person may still ask again.
    expect((await (await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'new fills since' })).request.status).toBe('pending');

    const other = await activeShadow(2);
    await (await harness.servicesAs('cora@compliance.test', ['compliance'], { stepUp: true })).stageControl.setRegulatoryHold({ strategyId: strategy.id, reason: 'regulator inquiry' });
    const held = await harness.services().promotionRequests.openDue();
    expect(held.opened).toEqual([]);
    expect(held.skipped).toContainEqual(expect.objectContaining({ deploymentId: other.deployment.id, rule: 'promotion.strategyHeld' }));
  });

  it('gates not passing: nothing opened, every failed rule named with threshold and measured value; no policy: nothing (fail closed)', async () => {
    await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-ten-sessions-test', (policy) => void (policy.gates.shadowToPaper.stabilityWindow.minSessions = 10)));
    const { deployment } = await activeShadow();
    const run = await harness.services().promotionRequests.openDue();
    expect(run.opened).toEqual([]);
    expect(run.skipped).toEqual([{ deploymentId: deployment.id, rule: 'promotion.gatesNotPassed', reason: expect.stringMatching(/gates\.shadowToPaper\.stabilityWindow\.minSessions: .*\(threshold >= 10 days, measured 0\)/) }]);
    await query(`update promotion_policy set active = false`);
    expect(await harness.services().promotionRequests.openDue()).toMatchObject({ policyVersion: null, unavailable: expect.stringMatching(/^promotion\.policyUnavailable: /), opened: [] });
    expect(await requests(deployment.id)).toEqual([]);
  });

  it('each request records the gate verdict it was opened on: the platform’s passing one; a person’s whatever the gates said, each refusal with rule, threshold and measured value', async () => {
    const { deployment } = await activeShadow();
    await harness.services().promotionRequests.openDue();
    const [platform] = await query<{ gate_verdict: RecordedGateVerdict }>(`select gate_verdict from promotion_request where deployment_id = ?`, [deployment.id]);
    expect(platform!.gate_verdict).toMatchObject({ transition: 'shadowToPaper', policyVersion: gatesOpenTestPolicy().version, passed: true, refusals: [], evidenceError: null, clock: { kind: 'market' } });
    expect(platform!.gate_verdict.checks.map((check) => check.rule)).toContain('gates.shadowToPaper.stabilityWindow.minSessions');
    expect(Date.parse(platform!.gate_verdict.evaluatedAt)).not.toBeNaN();

    await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-ten-sessions-test', (policy) => void (policy.gates.shadowToPaper.stabilityWindow.minSessions = 10)));
    const other = await activeShadow(2);
    const asked = await (await production()).promotionRequests.request({ deploymentId: other.deployment.id, reason: 'asking before the window' });
    expect(asked.request.gateVerdict).toMatchObject({ transition: 'shadowToPaper', policyVersion: '2026.12.1-ten-sessions-test', passed: false });
    expect(asked.request.gateVerdict!.refusals).toEqual([expect.objectContaining({ rule: 'gates.shadowToPaper.stabilityWindow.minSessions', threshold: 10, measured: 0, status: 'fail' })]);
  });

  it('a transition the policy auto-approves executes without a person: OBSERVE → SHADOW opened by the platform is approved by the policy, the stage moves, the record names the policy version; other transitions still wait', async () => {
    const autoPolicy = await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-auto-approve-observe-test', (policy) => void (policy.approvalMatrix.observeToShadow.autoApprove = true)));
    const { deployment, strategy, version } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe', activationState: 'active', activationStartedAt: new Date() });
    await scoreToday(harness.orm.em.fork(), strategy, version);
    const run = await harness.services().promotionRequests.openDue();
    expect(run.opened).toHaveLength(1);
    expect(run.opened[0]!.execution).toMatchObject({ executed: true });
    expect(await requests(deployment.id)).toEqual([{ transition: 'observeToShadow', status: 'approved', requested_by_id: null, policy_version: autoPolicy.version }]);
    expect(await query(`select stage, approved_by_id from deployment where id = ?`, [deployment.id])).toEqual([{ stage: 'shadow', approved_by_id: null }]);
    expect(await query(`select count(*)::int as approvals from promotion_approval`)).toEqual([{ approvals: 0 }]);
    const [record] = await query<{ decision: string; from_stage: string; to_stage: string; policy_version: string; reason_code: string; approvers: unknown[]; metrics_snapshot: { approval: unknown } }>(
      `select decision, from_stage, to_stage, policy_version, reason_code, approvers, metrics_snapshot from promotion_record where deployment_id = ?`,
      [deployment.id],
    );
    expect(record).toMatchObject({ decision: 'promote', from_stage: 'observe', to_stage: 'shadow', policy_version: autoPolicy.version, reason_code: 'auto_approved_by_policy', approvers: [] });
    expect(record!.metrics_snapshot.approval).toEqual({ by: 'policy', policyVersion: autoPolicy.version });
    const actions = await query<{ action: string; details: { policyVersion?: string } }>(`select action, details from audit_event where action like 'promotion.%' order by sequence`);
    expect(actions.map((row) => row.action)).toEqual(['promotion.requested', 'promotion.auto_approved', 'promotion.stage_changed']);
    expect(actions[1]!.details.policyVersion).toBe(autoPolicy.version);
    // Nobody was asked to approve; SHADOW → PAPER is not auto-approved (the schema forbids it): the next request waits for its two people.
    expect(await query(`select kind from notification where kind = 'promotion.request_opened'`)).toEqual([]);
    const next = await harness.services().promotionRequests.openDue();
    expect(next.opened.map((view) => [view.request.transition, view.request.status, view.execution])).toEqual([['shadowToPaper', 'pending', null]]);
    expect(await harness.services().promotionRequests.verifyChains(strategy.id)).toEqual([{ strategyId: strategy.id, records: 1, intact: true, brokenSequence: null, reason: null }]);
  });

  it('a held auto-approved request is run again by the platform once its gates pass: left as it is while they fail, then executed once (idempotent)', async () => {
    const autoPolicy = await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-auto-approve-observe-test', (policy) => void (policy.approvalMatrix.observeToShadow.autoApprove = true)));
    const { deployment, strategy, version } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe', activationState: 'active', activationStartedAt: new Date() });
    // No scorecard yet: the policy approves the person's request at once, but its execution re-checks the gates and is held.
    const asked = await (await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'observe window done' });
    expect(asked.execution).toMatchObject({ executed: false, rule: 'promotion.gatesNotPassed' });
    expect(asked.execution!.executed ? null : asked.execution!.reason).toMatch(/scorecard\.maxAgeDays/);
    const audit = () => query<{ action: string }>(`select action from audit_event where action like 'promotion.%' order by sequence`).then((rows) => rows.map((row) => row.action));
    const before = await audit();

    // Still failing: left as it is, nothing written, the rule named.
    const blocked = await harness.services().promotionRequests.openDue();
    expect(blocked.retried).toEqual([]);
    expect(blocked.opened).toEqual([]);
    expect(blocked.skipped).toEqual([{ deploymentId: deployment.id, rule: 'promotion.gatesNotPassed', reason: expect.stringMatching(/^held auto-approved request .+: scorecard\.maxAgeDays/) }]);
    expect(await audit()).toEqual(before);
    expect(await requests(deployment.id)).toEqual([{ transition: 'observeToShadow', status: 'pending', requested_by_id: expect.any(String), policy_version: autoPolicy.version }]);

    // The evidence arrives: the next run executes it, approved by the policy, once.
    await scoreToday(harness.orm.em.fork(), strategy, version);
    const run = await harness.services().promotionRequests.openDue();
    expect(run.retried.map((view) => [view.request.id, view.request.status, view.execution?.executed])).toEqual([[asked.request.id, 'approved', true]]);
    expect(run.retried[0]!.record).toMatchObject({ reasonCode: 'auto_approved_by_policy', approvers: [], fromStage: 'observe', toStage: 'shadow', policyVersion: autoPolicy.version });
    expect(await query(`select stage from deployment where id = ?`, [deployment.id])).toEqual([{ stage: 'shadow' }]);
    expect((await audit()).slice(before.length, before.length + 2)).toEqual(['promotion.execution_retried', 'promotion.stage_changed']);
    const again = await harness.services().promotionRequests.openDue();
    expect(again.retried).toEqual([]);
    expect(await query(`select count(*)::int as records from promotion_record where deployment_id = ?`, [deployment.id])).toEqual([{ records: 1 }]);
    expect((await requests(deployment.id))[0]).toMatchObject({ transition: 'observeToShadow', status: 'approved' });
  });

  it('a person’s request of a transition the policy auto-approves executes at once too (the requester is not its approver: the policy is)', async () => {
    await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-auto-approve-observe-test', (policy) => void (policy.approvalMatrix.observeToShadow.autoApprove = true)));
    const { deployment, strategy, version } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe' });
    await scoreToday(harness.orm.em.fork(), strategy, version);
    const result = await (await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'observe window done' });
    expect(result.request.status).toBe('approved');
    expect(result.record).toMatchObject({ reasonCode: 'auto_approved_by_policy', approvers: [], fromStage: 'observe', toStage: 'shadow' });
    expect(await query(`select stage from deployment where id = ?`, [deployment.id])).toEqual([{ stage: 'shadow' }]);
  });
});
