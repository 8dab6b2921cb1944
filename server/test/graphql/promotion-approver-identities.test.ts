import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

describe('promotion approvers over GraphQL', () => {
  it('approver identities are not research’s to read: approverId and the record approvers’ userId are refused to research (null, FORBIDDEN), readable by risk', async () => {
    const { deployment, strategy, version } = await arrangeShadowDeployment(api, { stage: 'observe', effectiveStage: 'observe' });
    const policy = await activatePolicy(api.orm.em.fork(), gatesOpenTestPolicy('2026.12.1-gates-open-api-identities-test'));
    await scoreToday(api.orm.em.fork(), strategy, version);
    await api.services().users.create({ email: 'reviewer2@test.crucible.local', password: 'reviewer-test-password', roles: ['production'] });
    const reviewer = { token: (await api.services().auth.createApiTokenForUser('reviewer2@test.crucible.local', { name: 'tests', stepUp: true })).secret };
    const requested = await api.request<{ requestPromotion: { id: string; policyVersion: string } }>(`mutation ($input: RequestPromotionInput!) { requestPromotion(input: $input) { id policyVersion } }`, { input: { deploymentId: deployment.id, reason: 'stable in observe' } }, { role: 'production' });
    expect(requested.data!.requestPromotion.policyVersion).toBe(policy.version);
    const approved = await api.request(`mutation ($input: ApprovePromotionRequestInput!) { approvePromotionRequest(input: $input) { executed } }`, { input: { requestId: requested.data!.requestPromotion.id, step: 'strategyReviewer', comment: 'evidence read' } }, reviewer);
    expect(approved.errors).toBeUndefined();
    const identities = `query ($strategyId: ID!) { promotionRecords(strategyId: $strategyId) { approvers { step role userId } } promotionRequests(strategyId: $strategyId) { approvals { step approverId } } }`;
    const research = await api.request<{ promotionRecords: { approvers: { step: string; userId: string | null }[] }[]; promotionRequests: { approvals: { approverId: string | null }[] }[] }>(identities, { strategyId: strategy.id }, { role: 'research' });
    expect(research.errors?.map((error) => (error.extensions as { code?: string } | undefined)?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(research.errors?.map((error) => error.message).sort()).toEqual([expect.stringContaining('may not read PromotionApproval.approverId'), expect.stringContaining('may not read PromotionRecordApprover.userId')]);
    expect(research.data!.promotionRecords.at(-1)!.approvers[0]).toEqual({ step: 'strategyReviewer', role: 'PRODUCTION', userId: null });
    expect(research.data!.promotionRequests[0]!.approvals[0]!.approverId).toBeNull();
    const risk = await api.request<{ promotionRecords: { approvers: { userId: string | null }[] }[]; promotionRequests: { approvals: { approverId: string | null }[] }[] }>(identities, { strategyId: strategy.id }, { role: 'risk' });
    expect(risk.errors).toBeUndefined();
    expect(risk.data!.promotionRecords.at(-1)!.approvers[0]!.userId).toEqual(expect.any(String));
    expect(risk.data!.promotionRequests[0]!.approvals[0]!.approverId).toBe(risk.data!.promotionRecords.at(-1)!.approvers[0]!.userId);
  });
});
