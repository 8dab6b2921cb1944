import { beforeEach, describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the kill switch, the built-in strategy's chain and the portfolio are shared state).
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
/** The requester (production, who also created the deployment). */
const requester = () => harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
/** The ops approver (production). */
const ops = () => harness.servicesAs('quinn@production.test', ['production'], { stepUp: true });
/** The risk approver. */
const risk = () => harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });

async function rejection(promise: Promise<unknown>): Promise<Error & { reason?: string }> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

// The mechanics are tested under a policy whose evidence gates are open (its version says so); the gates themselves
// are re-checked at execution (the tests at the end) and tested in domain/promotion/promotion-gates.test.ts.
beforeEach(async () => {
  await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy());
});

/** A SHADOW deployment of the built-in SMA crossover, scored today, with a pending SHADOW → PAPER request by the requester. */
async function pendingShadowToPaper() {
  const { deployment, strategy, version } = await arrangeShadowDeployment(harness, { stage: 'shadow', effectiveStage: 'shadow' });
  const em = harness.orm.em.fork();
  if ((await em.count(ScorecardEntry, { strategy: strategy.id })) === 0) await scoreToday(em, strategy, version);
  const opened = await (await requester()).promotionRequests.request({ deploymentId: deployment.id, reason: 'ten sessions of clean shadow fills' });
  return { deployment, strategy, request: opened.request };
}

async function state(deploymentId: string) {
  const [row] = await query<{ stage: string; venue: string; capital_allocation: number; rollout_wave: string | null; approvals: number; records: number; status: string }>(
    `select d.stage, d.venue, d.capital_allocation, d.rollout_wave, (select count(*)::int from promotion_approval) as approvals,
            (select count(*)::int from promotion_record) as records, (select status from promotion_request where deployment_id = d.id order by requested_at desc limit 1) as status
       from deployment d where d.id = ?`,
    [deploymentId],
  );
  return row;
}

describe('promotion ladder: SHADOW → PAPER', () => {
  it('a risk approver and an ops approver (two people) promote it in one transaction: stage and venue paper, pilot allocation, chained record, audit', async () => {
    const { deployment, strategy, request } = await pendingShadowToPaper();
    expect(request).toMatchObject({ transition: 'shadowToPaper', fromStage: 'shadow', toStage: 'paper', status: 'pending' });
    const first = await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'limits and downside read' });
    expect(first).toMatchObject({ request: { status: 'pending' }, record: null, execution: null });
    const second = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'stable, observable' });
    expect(second.request.status).toBe('approved');
    expect(second.execution).toMatchObject({ executed: true, demoted: [], liveToken: null });
    // Unranked (no scorecard): the base allocation 2 %, a pilot wave at a quarter of it.
    expect(second.execution!.executed && second.execution!.allocation).toBe(0.005);
    expect(await state(deployment.id)).toMatchObject({ stage: 'paper', venue: 'paper', capital_allocation: 0.005, rollout_wave: 'pilot', approvals: 2, records: 1, status: 'approved' });
    expect(second.record).toMatchObject({ sequence: 1, decision: 'promote', fromStage: 'shadow', toStage: 'paper' });
    expect(second.record!.approvers.map((approver) => [approver.step, approver.role])).toEqual([
      ['riskApprover', 'risk'],
      ['opsApprover', 'production'],
    ]);
    expect(second.record!.metricsSnapshot).toMatchObject({ capital: { allocation: 0.005, rolloutWave: 'pilot', policyVersion: '2026.12.1' } });
    const fresh = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id });
    expect(fresh.activationStartedAt).not.toBeNull();
    expect(fresh.activationCompletedAt).toBeNull();
    expect(await (await ops()).promotionRequests.verifyChains(strategy.id)).toEqual([{ strategyId: strategy.id, records: 1, intact: true, brokenSequence: null, reason: null }]);
    const actions = await query<{ action: string }>(`select action from audit_event where action like 'promotion.%' order by sequence`);
    expect(actions.map((row) => row.action)).toEqual(['promotion.requested', 'promotion.approved', 'promotion.approved', 'promotion.stage_changed']);
    // Research, production and risk are told (FR-032), with the record and the allocation.
    const told = await query<{ audience: string; subject_id: string; message: string; details: { recordId: string; capitalAllocation: number } }>(
      `select audience, subject_id, message, details from notification where kind = 'promotion.executed' order by audience`,
    );
    expect(told.map((row) => [row.audience, row.subject_id, row.details.recordId, row.details.capitalAllocation])).toEqual(
      ['production', 'research', 'risk'].map((audience) => [audience, deployment.id, second.record!.id, 0.005]),
    );
    expect(told[0]!.message).toMatch(/^Promoted SHADOW → PAPER: deployment .* under policy 2026\.12\.1-gates-open-test, capital allocation 0\.50 % \(pilot wave\)\.$/);
  });

  it('the same person cannot sign both steps, the requester signs none, ops cannot sign the risk step; nothing moves', async () => {
    const { deployment, request } = await pendingShadowToPaper();
    const both = await harness.servicesAs('sam@both.test', ['risk', 'production'], { stepUp: true });
    await both.promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'risk view' });
    expect(await rejection((await harness.servicesAs('sam@both.test', ['risk', 'production'], { stepUp: true })).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'ops view too' }))).toMatchObject({
      message: expect.stringMatching(/^approval\.sameApproverTwice: /),
    });
    expect(await rejection((await requester()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'my own' }))).toMatchObject({ message: expect.stringMatching(/^approval\.approverIsRequester: /) });
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', venue: 'shadow', approvals: 1, records: 0, status: 'pending' });

    const other = await pendingShadowToPaperOn();
    expect(await rejection((await ops()).promotionRequests.approve({ requestId: other.id, step: 'riskApprover', comment: 'not my role' }))).toMatchObject({ message: expect.stringMatching(/^approval\.missingRole: /) });
    expect(await rejection(harness.servicesAs('rita@risk.test', ['risk'], { stepUp: false }).then((services) => services.promotionRequests.approve({ requestId: other.id, step: 'riskApprover', comment: 'no step-up' })))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
  });

  it('kill switch on: the last approval is kept but nothing executes; once it is off, executePromotion runs it', async () => {
    const { deployment, request } = await pendingShadowToPaper();
    await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'fine' });
    await (await risk()).killSwitches.turnOn({ reason: 'drill' });
    const held = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'fine too' });
    expect(held.execution).toMatchObject({ executed: false, rule: 'promotion.killSwitchOn' });
    expect(held.request).toMatchObject({ status: 'pending', executionBlockedRule: 'promotion.killSwitchOn' });
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', approvals: 2, records: 0, status: 'pending' });
    // Still on: executing again is held again.
    expect((await (await ops()).promotionRequests.execute({ requestId: request.id })).execution).toMatchObject({ executed: false, rule: 'promotion.killSwitchOn' });
    await (await ops()).killSwitches.turnOff({ reason: 'drill over' });
    const done = await (await ops()).promotionRequests.execute({ requestId: request.id });
    expect(done.execution).toMatchObject({ executed: true });
    expect(await state(deployment.id)).toMatchObject({ stage: 'paper', venue: 'paper', approvals: 2, records: 1, status: 'approved' });
    const [row] = await query<{ execution_blocked_rule: string | null }>(`select execution_blocked_rule from promotion_request where id = ?`, [request.id]);
    expect(row!.execution_blocked_rule).toBeNull();
  });

  it('an overdue pending request is expired by the sweep, audited; a fresh one is left alone', async () => {
    const { request } = await pendingShadowToPaper();
    await query(`update promotion_request set expires_at = now() - interval '1 minute' where id = ?`, [request.id]);
    const other = await pendingShadowToPaperOn();
    expect(await harness.services().promotionRequests.expireDue()).toEqual([request.id]);
    const rows = await query<{ id: string; status: string }>(`select id, status from promotion_request order by requested_at`);
    expect(rows).toEqual([
      { id: request.id, status: 'expired' },
      { id: other.id, status: 'pending' },
    ]);
    expect(await query<{ action: string; subject_id: string }>(`select action, subject_id from audit_event where action = 'promotion.expired'`)).toEqual([{ action: 'promotion.expired', subject_id: request.id }]);
    expect(await harness.services().promotionRequests.expireDue()).toEqual([]);
  });
});

/** A second SHADOW deployment (another strategy code is not needed: a deployment has its own pending request). */
async function pendingShadowToPaperOn() {
  const { deployment } = await arrangeShadowDeployment(harness, { stage: 'shadow', effectiveStage: 'shadow', seed: 2 });
  return (await (await requester()).promotionRequests.request({ deploymentId: deployment.id, reason: 'second deployment ready' })).request;
}

/** Opens a monitoring incident on the deployment (as the monitor would). */
async function openIncident(deploymentId: string, strategyId: string, severity: 'warning' | 'critical', summary: string) {
  const em = harness.orm.em.fork();
  const incident = em.create(MonitoringIncident, {
    deployment: deploymentId,
    strategy: strategyId,
    incidentType: 'drawdown',
    detectedAt: new Date(),
    severity,
    status: 'open',
    summary,
    context: {},
    autoActions: {},
  });
  await em.flush();
  return incident;
}

describe('promotion ladder: gates and monitoring at execution', () => {
  it('the gates are re-evaluated on current evidence by the final approval: a critical incident since the request refuses it with rule, threshold and measured value, recorded; nothing moves', async () => {
    const { deployment, strategy, request } = await pendingShadowToPaper();
    await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'read the evidence' });
    await openIncident(deployment.id, strategy.id, 'critical', 'daily loss breaker fired');
    const refused = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'stable' });
    expect(refused.execution).toMatchObject({ executed: false, rule: 'promotion.gatesNotPassed' });
    expect(refused.request).toMatchObject({ status: 'pending', executionBlockedRule: 'promotion.gatesNotPassed' });
    expect(refused.request.executionBlockedReason).toContain('gates.shadowToPaper.risk.maxCriticalIncidents: ');
    expect(refused.request.executionBlockedReason).toContain('(threshold <= 0 count, measured 1)');
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', venue: 'shadow', approvals: 2, records: 0, status: 'pending' });
    const [audit] = await query<{ details: { rule: string; refusals: { rule: string; threshold: number; measured: number }[] } }>(`select details from audit_event where action = 'promotion.execution_refused' and subject_id = ?`, [request.id]);
    expect(audit!.details.rule).toBe('promotion.gatesNotPassed');
    expect(audit!.details.refusals).toEqual([expect.objectContaining({ rule: 'gates.shadowToPaper.risk.maxCriticalIncidents', threshold: 0, measured: 1 })]);
    // Once the evidence passes again (the incident is not in this stage's window any more: here, resolved by removal), executePromotion runs it.
    await query(`delete from monitoring_incident where deployment_id = ?`, [deployment.id]);
    const done = await (await ops()).promotionRequests.execute({ requestId: request.id });
    expect(done.execution).toMatchObject({ executed: true });
    expect(done.record!.metricsSnapshot).toMatchObject({ gate: { policyVersion: gatesOpenTestPolicy().version } });
    expect(await state(deployment.id)).toMatchObject({ stage: 'paper', records: 1, status: 'approved' });
  });

  it('under the strict default policy the same request is refused at execution, naming every failed rule (nothing is promoted on approvals alone)', async () => {
    const { deployment, request } = await pendingShadowToPaper();
    // The default policy in force for this request.
    await query(`update promotion_request set policy_version = '2026.12.1' where id = ?`, [request.id]);
    await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'read' });
    const refused = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'read' });
    expect(refused.execution).toMatchObject({ executed: false, rule: 'promotion.gatesNotPassed' });
    expect(refused.request.executionBlockedReason).toMatch(/gates\.shadowToPaper\.stabilityWindow\.minSessions: .*\(threshold >= 10 days, measured 0\)/);
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', records: 0, status: 'pending' });
  });

  it('monitoring’s promotionBlocked refuses a new request naming the open incident, and holds the final approval of a pending one', async () => {
    const { deployment, strategy, request } = await pendingShadowToPaper();
    await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'fine' });
    const incident = await openIncident(deployment.id, strategy.id, 'warning', 'drawdown versus basket breached');
    await query(
      `insert into deployment_monitoring_state (deployment_id, policy_version, state, last_mark_at, results, promotion_blocked, evaluated_at)
       values (?, '2026.12.1', '{}'::jsonb, now(), ?::jsonb, true, now())`,
      [deployment.id, JSON.stringify([{ rule: 'drawdownVersusBenchmark', status: 'breach' }])],
    );
    const held = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'fine too' });
    expect(held.execution).toMatchObject({ executed: false, rule: 'promotion.monitoringBlocked' });
    expect(held.request.executionBlockedReason).toContain(`open incident ${incident.id} (drawdown, warning: drawdown versus basket breached)`);
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', records: 0, status: 'pending' });
    // Another deployment of the same strategy is not promoted either; a new request is refused, nothing written.
    const other = await arrangeShadowDeployment(harness, { stage: 'shadow', effectiveStage: 'shadow', seed: 2 });
    const error = await rejection((await requester()).promotionRequests.request({ deploymentId: other.deployment.id, reason: 'the sibling is fine' }));
    expect(error.message).toMatch(new RegExp(`^promotion\\.monitoringBlocked: monitoring blocks promotion of deployment ${deployment.id} of the same strategy: open incident ${incident.id} `));
    // Monitoring clears it: the held request executes.
    await query(`update deployment_monitoring_state set promotion_blocked = false where deployment_id = ?`, [deployment.id]);
    await query(`update monitoring_incident set status = 'resolved' where id = ?`, [incident.id]);
    expect((await (await ops()).promotionRequests.execute({ requestId: request.id })).execution).toMatchObject({ executed: true });
  });
});
