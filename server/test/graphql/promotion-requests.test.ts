import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const requestFields = 'id status transition fromStage toStage policyVersion executionBlockedRule approvals { step role comment }';

describe('promotion requests over GraphQL', () => {
  it('production asks, the requester may not approve, a second production user approves: the stage moves and the record chain verifies', async () => {
    const { deployment, strategy, version } = await arrangeShadowDeployment(api, { stage: 'observe', effectiveStage: 'observe' });
    // The API's mechanics under a policy whose evidence gates are open (its version says so), with today's scorecard.
    const policy = await activatePolicy(api.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-gates-open-api-test'));
    await scoreToday(api.orm.em.fork(), strategy, version);
    await api.services().users.create({ email: 'reviewer@test.crucible.local', password: 'reviewer-test-password', roles: ['production'] });
    const reviewer = { token: (await api.services().auth.createApiTokenForUser('reviewer@test.crucible.local', { name: 'tests', stepUp: true })).secret };

    const requested = await api.request<{ requestPromotion: { id: string; status: string } }>(
      `mutation ($input: RequestPromotionInput!) { requestPromotion(input: $input) { ${requestFields} } }`,
      { input: { deploymentId: deployment.id, reason: 'stable in observe' } },
      { role: 'production' },
    );
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestPromotion).toMatchObject({ status: 'PENDING', transition: 'OBSERVE_TO_SHADOW', fromStage: 'OBSERVE', toStage: 'SHADOW', policyVersion: policy.version, approvals: [] });
    const requestId = requested.data!.requestPromotion.id;

    const approve = `mutation ($input: ApprovePromotionRequestInput!) { approvePromotionRequest(input: $input) { executed allocation demotedDeploymentIds liveConfirmationToken record { sequence } request { ${requestFields} } } }`;
    const own = await api.request(approve, { input: { requestId, step: 'strategyReviewer', comment: 'my own' } }, { role: 'production' });
    expect(own.errors?.[0]?.message).toBe('approval.approverIsRequester: the requester cannot approve their own request');

    const approved = await api.request<{ approvePromotionRequest: { request: { status: string } } }>(approve, { input: { requestId, step: 'strategyReviewer', comment: 'evidence read' } }, reviewer);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approvePromotionRequest).toMatchObject({
      executed: true,
      allocation: null,
      demotedDeploymentIds: [],
      liveConfirmationToken: null,
      record: { sequence: 1 },
      request: { status: 'APPROVED', executionBlockedRule: null, approvals: [{ step: 'strategyReviewer', role: 'PRODUCTION', comment: 'evidence read' }] },
    });

    const records = await api.request<{ promotionRecords: unknown[]; verifyPromotionChain: unknown[] }>(
      `query ($strategyId: ID!) { promotionRecords(strategyId: $strategyId) { sequence decision fromStage toStage policyVersion reasonCode engineVersion previousRecordHash approvers { step role } }
         verifyPromotionChain(strategyId: $strategyId) { records intact brokenSequence reason } }`,
      { strategyId: strategy.id },
      { role: 'risk' },
    );
    expect(records.errors).toBeUndefined();
    expect(records.data!.promotionRecords).toEqual([
      expect.objectContaining({ sequence: 1, decision: 'PROMOTE', fromStage: 'OBSERVE', toStage: 'SHADOW', policyVersion: policy.version, reasonCode: 'approvals_complete', previousRecordHash: '0'.repeat(64), approvers: [{ step: 'strategyReviewer', role: 'PRODUCTION' }] }),
    ]);
    expect(records.data!.verifyPromotionChain).toEqual([{ records: 1, intact: true, brokenSequence: null, reason: null }]);
    const listed = await api.request<{ promotionRequests: { id: string; status: string }[] }>(`{ promotionRequests { id status } }`, {}, { role: 'production' });
    expect(listed.data!.promotionRequests).toEqual([{ id: requestId, status: 'APPROVED' }]);
  });
});
