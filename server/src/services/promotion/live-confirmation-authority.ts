import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError } from '../../domain/errors.ts';
import { checkLiveConfirmation } from '../../domain/promotion/approval-matrix.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { resolvePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import { PromotionApproval, PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';

/**
 * Refuses a LIVE confirmation token that the approval matrix would not let this person give (promotion-framework §1.C:
 * the Final Authorizer creates it; two-person rule) — the standalone `createLiveConfirmationToken`, e.g. to renew an
 * expired token, obeys the same matrix as the final approval that created the first one:
 * - the deployment's newest PAPER → LIVE request still pending → refused (`promotion.approvalsIncomplete`: the final
 *   authorizer's approval creates the token; one made before it would be valid the moment the promotion executes);
 * - approved → `checkLiveConfirmation` under the request's own policy version: never its requester, never a person who
 *   signed another step, only a holder of the final step's roles (`approval.*` rules);
 * - no PAPER → LIVE request at all: the deployment never went through the ladder (it cannot be LIVE outside it, since
 *   `startDeployment` refuses PAPER and LIVE); the token enables nothing until a promotion into LIVE, which revokes it
 *   (`executePromotionIn` revokes every earlier token of the deployment).
 * @throws ConflictError naming the rule.
 */
export async function refuseUnlessLiveConfirmationAllowed(em: EntityManager, deployment: Deployment, person: { userId: string; roles: readonly Role[] }): Promise<void> {
  const [request] = await em.find(PromotionRequest, { deployment: deployment.id, transition: 'paperToLive', status: { $in: ['pending', 'approved'] } }, { orderBy: { requestedAt: 'desc', id: 'desc' }, limit: 1 });
  if (!request) return;
  if (request.status === 'pending') {
    throw new ConflictError(`promotion.approvalsIncomplete: the PAPER → LIVE request ${request.id} of deployment ${deployment.id} is still pending; its final authorizer's approval creates the LIVE confirmation token`);
  }
  const row = await em.findOne(PromotionPolicyVersion, { version: request.policyVersion });
  const resolution = resolvePromotionPolicy(row?.definition ?? null);
  if (!resolution.valid) throw new ConflictError(`promotion.policyUnavailable: policy ${request.policyVersion} is missing or invalid; nobody may confirm LIVE`);
  const approvals = await em.find(PromotionApproval, { request: request.id });
  const check = checkLiveConfirmation(
    resolution.policy.approvalMatrix.paperToLive,
    request.requestedBy?.id ?? null,
    approvals.map((approval) => ({ step: approval.step, approverId: approval.approver.id, role: approval.role })),
    { approverId: person.userId, approverRoles: person.roles },
  );
  if (!check.allowed) throw new ConflictError(`${check.rule}: ${check.message} (LIVE confirmation of deployment ${deployment.id}, request ${request.id})`);
}
