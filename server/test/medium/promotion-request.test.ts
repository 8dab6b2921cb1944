import { beforeEach, describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { appendPromotionRecord, currentRuntimeFingerprint } from '../../src/services/promotion/promotion-record-chain.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the built-in strategy's chain and the active policy are shared state).
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
/** The requester (production, `pat@production.test`, who also created the deployment). */
const requester = (stepUp = true) => harness.servicesAs('pat@production.test', ['production'], { stepUp });
/** A second production person, the strategy reviewer. */
const reviewer = (stepUp = true) => harness.servicesAs('quinn@production.test', ['production'], { stepUp });

async function rejection(promise: Promise<unknown>): Promise<Error & { reason?: string }> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** The requests' mechanics under a policy whose evidence gates are open (its version says so; gates: promotion-ladder.test.ts). */
const testPolicy = gatesOpenTestPolicy();
beforeEach(async () => {
  await activatePolicy(harness.orm.em.fork(), testPolicy);
});

/** An OBSERVE deployment of the built-in SMA crossover, scored today, and a pending OBSERVE → SHADOW request for it by the requester. */
async function pendingRequest() {
  const { deployment, strategy, version } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe' });
  await scoreToday(harness.orm.em.fork(), strategy, version);
  const opened = await (await requester()).promotionRequests.request({ deploymentId: deployment.id, reason: 'stable in observe for the window' });
  return { deployment, strategy, request: opened.request };
}

/** What a refused action must leave as it was. */
async function unchanged(deploymentId: string) {
  const [state] = await query<{ stage: string; approvals: number; records: number; pending: number }>(
    `select d.stage, (select count(*)::int from promotion_approval) as approvals, (select count(*)::int from promotion_record) as records,
            (select count(*)::int from promotion_request where status = 'pending') as pending from deployment d where d.id = ?`,
    [deploymentId],
  );
  return state;
}

describe('promotion requests', () => {
  it('the reviewer’s approval of OBSERVE → SHADOW approves the request, moves the stage, appends the chained record and the audit events in one go', async () => {
    const { deployment, strategy, request } = await pendingRequest();
    expect(request).toMatchObject({ status: 'pending', transition: 'observeToShadow', fromStage: 'observe', toStage: 'shadow', policyVersion: testPolicy.version });
    expect(request.expiresAt.getTime() - request.requestedAt.getTime()).toBe(7 * 86_400_000);
    const result = await (await reviewer()).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'gates pass, evidence read' });
    expect(result.request.status).toBe('approved');
    expect(result.approvals.map((approval) => ({ step: approval.step, role: approval.role, comment: approval.comment }))).toEqual([{ step: 'strategyReviewer', role: 'production', comment: 'gates pass, evidence read' }]);
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).stage).toBe('shadow');
    expect(result.record).toMatchObject({ sequence: 1, decision: 'promote', fromStage: 'observe', toStage: 'shadow', policyVersion: testPolicy.version, reasonCode: 'approvals_complete', promotionRequestId: request.id });
    expect(result.record!.approvers).toEqual([expect.objectContaining({ step: 'strategyReviewer', role: 'production' })]);
    const actions = await query<{ action: string }>(`select action from audit_event where action like 'promotion.%' order by sequence`);
    expect(actions.map((row) => row.action)).toEqual(['promotion.requested', 'promotion.approved', 'promotion.stage_changed']);
    const services = await reviewer();
    expect((await services.promotionRequests.records(strategy.id)).map((record) => record.id)).toEqual([result.record!.id]);
    expect(await services.promotionRequests.verifyChains(strategy.id)).toEqual([{ strategyId: strategy.id, records: 1, intact: true, brokenSequence: null, reason: null }]);
    expect(await rejection(services.promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'again' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.requestNotPending: .* is approved/) });
  });

  it('the requester cannot approve their own request; without a fresh step-up nobody can; risk may approve but not the reviewer step; research not at all; nothing is written', async () => {
    const { deployment, request } = await pendingRequest();
    expect(await rejection((await requester()).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'my own' }))).toMatchObject({ message: 'approval.approverIsRequester: the requester cannot approve their own request' });
    expect(await rejection((await reviewer(false)).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'no second factor' }))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    expect(await rejection(harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true }).then((risk) => risk.promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'risk' })))).toMatchObject({ message: expect.stringMatching(/^approval\.missingRole: /) });
    expect(await rejection(harness.servicesAs('rory@research.test', ['research'], { stepUp: true }).then((research) => research.promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'research' })))).toMatchObject({ reason: 'ROLE' });
    expect(await unchanged(deployment.id)).toEqual({ stage: 'observe', approvals: 0, records: 0, pending: 1 });
  });

  it('a second approval by the same person is refused (a policy whose OBSERVE → SHADOW needs two reviewers)', async () => {
    const twoReviewers = gatesOpenTestPolicy('2026.12.1-gates-open-two-reviewers-test');
    twoReviewers.approvalMatrix.observeToShadow = {
      steps: [
        { key: 'strategyReviewer', roles: ['production'], afterOtherSteps: false },
        { key: 'secondReviewer', roles: ['production'], afterOtherSteps: false },
      ],
      autoApprove: false,
    };
    twoReviewers.requestValidityDays = 2;
    const em = harness.orm.em.fork();
    em.create(PromotionPolicyVersion, { version: twoReviewers.version, definition: twoReviewers, active: true, createdAt: new Date(Date.now() + 2000) });
    await em.flush();
    const { deployment, request } = await pendingRequest();
    expect(request.policyVersion).toBe(twoReviewers.version);
    // The request's validity is its policy's: 2 days here (the default's 7 in the first test).
    expect(request.expiresAt.getTime() - request.requestedAt.getTime()).toBe(2 * 86_400_000);
    const first = await (await reviewer()).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'first' });
    expect(first).toMatchObject({ request: { status: 'pending' }, record: null });
    expect(await rejection((await reviewer()).promotionRequests.approve({ requestId: request.id, step: 'secondReviewer', comment: 'me again' }))).toMatchObject({ message: expect.stringMatching(/^approval\.sameApproverTwice: /) });
    expect(await unchanged(deployment.id)).toEqual({ stage: 'observe', approvals: 1, records: 0, pending: 1 });
    const second = await (await harness.servicesAs('uma@production.test', ['production'], { stepUp: true })).promotionRequests.approve({ requestId: request.id, step: 'secondReviewer', comment: 'second' });
    expect(second.request.status).toBe('approved');
    expect(second.record!.approvers.map((approver) => approver.step)).toEqual(['strategyReviewer', 'secondReviewer']);
  });

  it('an approval after expiry is refused naming the rule; nothing is written', async () => {
    const { deployment, request } = await pendingRequest();
    await query(`update promotion_request set expires_at = now() - interval '1 minute' where id = ?`, [request.id]);
    expect(await rejection((await reviewer()).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'late' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.requestExpired: /) });
    expect(await unchanged(deployment.id)).toEqual({ stage: 'observe', approvals: 0, records: 0, pending: 1 });
  });

  it('a retired strategy is neither requested nor approved; a frozen (held) one is not requested', async () => {
    const { deployment, strategy, request } = await pendingRequest();
    await query(`update strategy set lifecycle_state = 'retired' where id = ?`, [strategy.id]);
    expect(await rejection((await reviewer()).promotionRequests.approve({ requestId: request.id, step: 'strategyReviewer', comment: 'retired' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.strategyRetired: /) });
    expect(await unchanged(deployment.id)).toEqual({ stage: 'observe', approvals: 0, records: 0, pending: 1 });
    await query(`update strategy set lifecycle_state = 'production' where id = ?`, [strategy.id]);
    await query(`update promotion_request set status = 'cancelled' where id = ?`, [request.id]);
    await harness.orm.em.fork().transactional((em) =>
      appendPromotionRecord(em, {
        strategyId: strategy.id, deploymentId: deployment.id, promotionRequestId: null, decision: 'freeze', fromStage: 'observe', toStage: 'observe', policyVersion: '2026.12.1',
        requestedById: null, approvers: [], effectiveAt: new Date(), reasonCode: 'data_integrity', metricsSnapshot: {}, evidenceReferences: [], runtimeFingerprint: currentRuntimeFingerprint(),
      }),
    );
    expect(await rejection((await requester()).promotionRequests.request({ deploymentId: deployment.id, reason: 'try while frozen' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.strategyHeld: /) });
    expect(await unchanged(deployment.id)).toEqual({ stage: 'observe', approvals: 0, records: 1, pending: 0 });
  });
});
