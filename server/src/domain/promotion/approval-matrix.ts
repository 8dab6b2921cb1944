import type { Role } from '../auth/roles.ts';
import type { ApprovalRequirement } from './promotion-policy.ts';

/** An approval already given on a request. */
export interface RecordedApproval {
  /** The matrix step it fills (e.g. `riskApprover`). */
  step: string;
  approverId: string;
  /** The role the approver acted in. */
  role: Role;
}

/** A person asking to approve one step. */
export interface ApprovalAttempt {
  step: string;
  approverId: string;
  /** Every role the person holds. */
  approverRoles: readonly Role[];
}

/** Rules an approval can break (each refusal names one). */
export const approvalRules = [
  'approval.unknownStep',
  'approval.approverIsRequester',
  'approval.stepAlreadyApproved',
  'approval.sameApproverTwice',
  'approval.missingRole',
  'approval.finalStepTooEarly',
] as const;
export type ApprovalRule = (typeof approvalRules)[number];

/** Allowed (with the role the approver acts in), or refused with the rule and a sentence. */
export type ApprovalCheck = { allowed: true; role: Role } | { allowed: false; rule: ApprovalRule; message: string };

/**
 * May this person approve this step of a request (promotion-framework §1 checkpoints; issue 12 "requests and
 * approvals")? Always, whatever the policy: never the requester, each step by a different person (so a final
 * authorizer is neither of the other approvers), a step once; the person must hold one of the step's roles; a step
 * marked `afterOtherSteps` only once every other step is approved.
 *
 * @param requestedBy the requester's user id; null when the platform opened the request by itself.
 */
export function checkApproval(requirement: ApprovalRequirement, requestedBy: string | null, approvals: readonly RecordedApproval[], attempt: ApprovalAttempt): ApprovalCheck {
  const step = requirement.steps.find((candidate) => candidate.key === attempt.step);
  if (!step) {
    return { allowed: false, rule: 'approval.unknownStep', message: `"${attempt.step}" is not a step of this transition (steps: ${requirement.steps.map((candidate) => candidate.key).join(', ')})` };
  }
  if (requestedBy !== null && attempt.approverId === requestedBy) {
    return { allowed: false, rule: 'approval.approverIsRequester', message: 'the requester cannot approve their own request' };
  }
  if (approvals.some((approval) => approval.step === step.key)) {
    return { allowed: false, rule: 'approval.stepAlreadyApproved', message: `step "${step.key}" is already approved` };
  }
  const earlier = approvals.find((approval) => approval.approverId === attempt.approverId);
  if (earlier) {
    return { allowed: false, rule: 'approval.sameApproverTwice', message: `this person already approved step "${earlier.step}"; each step needs a different person` };
  }
  const role = step.roles.find((candidate) => attempt.approverRoles.includes(candidate));
  if (!role) {
    return { allowed: false, rule: 'approval.missingRole', message: `step "${step.key}" needs one of the roles ${step.roles.join(', ')}` };
  }
  if (step.afterOtherSteps) {
    const pending = requirement.steps.filter((other) => other.key !== step.key && !approvals.some((approval) => approval.step === other.key));
    if (pending.length > 0) {
      return { allowed: false, rule: 'approval.finalStepTooEarly', message: `step "${step.key}" comes after ${pending.map((other) => `"${other.key}"`).join(', ')}` };
    }
  }
  return { allowed: true, role };
}

/** How far a request's approvals are. */
export interface ApprovalProgress {
  /** Every step approved, or the transition is auto-approved. */
  complete: boolean;
  approvedSteps: string[];
  pendingSteps: string[];
}

/** The steps approved and still pending under `requirement` (auto-approval completes at once). */
export function approvalProgress(requirement: ApprovalRequirement, approvals: readonly RecordedApproval[]): ApprovalProgress {
  const approvedSteps = requirement.steps.filter((step) => approvals.some((approval) => approval.step === step.key)).map((step) => step.key);
  const pendingSteps = requirement.autoApprove ? [] : requirement.steps.filter((step) => !approvedSteps.includes(step.key)).map((step) => step.key);
  return { complete: pendingSteps.length === 0, approvedSteps, pendingSteps };
}

/**
 * May this person create a LIVE confirmation token for a deployment whose PAPER → LIVE request is `approvals` (promotion-
 * framework §1.C: the Final Authorizer creates it; two-person rule)? The token is the final step's act, so the person
 * must be able to sign that step as if it were still open: holding one of its roles, not the requester, and not one of
 * the people who signed the other steps. A matrix without a final step refuses (`approval.unknownStep`).
 *
 * @param approvals every approval of the request (the final step's own signature, if given, is set aside).
 */
export function checkLiveConfirmation(requirement: ApprovalRequirement, requestedBy: string | null, approvals: readonly RecordedApproval[], attempt: Omit<ApprovalAttempt, 'step'>): ApprovalCheck {
  const finalStep = requirement.steps.find((step) => step.afterOtherSteps);
  if (!finalStep) return { allowed: false, rule: 'approval.unknownStep', message: 'the approval matrix has no final step: nobody may confirm LIVE' };
  const others = approvals.filter((approval) => approval.step !== finalStep.key);
  return checkApproval(requirement, requestedBy, others, { ...attempt, step: finalStep.key });
}
