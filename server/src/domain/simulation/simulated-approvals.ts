import { checkApproval, type RecordedApproval } from '../promotion/approval-matrix.ts';
import type { ApprovalRequirement } from '../promotion/promotion-policy.ts';
import type { SimulatedApprovalBehaviour } from './simulation-input.ts';

/** One simulated signature (or the refusal that ended the request). */
export interface SimulatedSignature {
  step: string;
  approverId: string;
  role: string;
  atMs: number;
  approved: boolean;
}

/** How a simulated request's approvals went: every step signed by `decidedAtMs`, or rejected then. */
export interface SimulatedApprovalOutcome {
  approved: boolean;
  decidedAtMs: number;
  signatures: SimulatedSignature[];
  /** Why it could not be approved at all (no eligible approver), null otherwise. */
  blockedReason: string | null;
}

/**
 * Simulates the people on one promotion request (issue 15 "simulated approvals"): steps are signed in matrix order,
 * each by the first simulated approver the production rule (`checkApproval`: not the requester, a different person
 * per step, the step's role, the final step last) allows, after a delay drawn uniformly from the behaviour's range,
 * approving with its probability. `uniform` is the request's own seeded generator (so one request's draws do not
 * shift another's). An auto-approved transition completes at `requestedAtMs`.
 */
export function simulateApprovals(requirement: ApprovalRequirement, behaviour: SimulatedApprovalBehaviour, requestedAtMs: number, uniform: () => number): SimulatedApprovalOutcome {
  if (requirement.autoApprove) return { approved: true, decidedAtMs: requestedAtMs, signatures: [], blockedReason: null };
  const approvals: RecordedApproval[] = [];
  const signatures: SimulatedSignature[] = [];
  let atMs = requestedAtMs;
  const ordered = [...requirement.steps.filter((step) => !step.afterOtherSteps), ...requirement.steps.filter((step) => step.afterOtherSteps)];
  for (const step of ordered) {
    let signer: { approverId: string; role: string } | null = null;
    for (const approver of behaviour.approvers) {
      const check = checkApproval(requirement, null, approvals, { step: step.key, approverId: approver.id, approverRoles: approver.roles });
      if (check.allowed) {
        signer = { approverId: approver.id, role: check.role };
        break;
      }
    }
    if (signer === null) return { approved: false, decidedAtMs: atMs, signatures, blockedReason: `no simulated approver may sign step "${step.key}" (roles ${step.roles.join(', ')})` };
    const delayHours = behaviour.minDelayHours + (behaviour.maxDelayHours - behaviour.minDelayHours) * uniform();
    atMs += Math.round(delayHours * 3_600_000);
    const approved = uniform() < behaviour.approvalProbability;
    signatures.push({ step: step.key, approverId: signer.approverId, role: signer.role, atMs, approved });
    if (!approved) return { approved: false, decidedAtMs: atMs, signatures, blockedReason: null };
    approvals.push({ step: step.key, approverId: signer.approverId, role: signer.role as RecordedApproval['role'] });
  }
  return { approved: true, decidedAtMs: atMs, signatures, blockedReason: null };
}
