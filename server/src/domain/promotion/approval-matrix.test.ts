import { describe, expect, it } from 'vitest';
import { approvalProgress, checkApproval, checkLiveConfirmation, type RecordedApproval } from './approval-matrix.ts';
import { defaultPromotionPolicy } from './promotion-policy.ts';

const matrix = defaultPromotionPolicy.approvalMatrix;

describe('checkApproval', () => {
  it('OBSERVE → SHADOW: one Strategy Reviewer (production role), never the requester', () => {
    expect(checkApproval(matrix.observeToShadow, 'alice', [], { step: 'strategyReviewer', approverId: 'bob', approverRoles: ['research', 'production'] })).toEqual({ allowed: true, role: 'production' });
    expect(checkApproval(matrix.observeToShadow, 'alice', [], { step: 'strategyReviewer', approverId: 'alice', approverRoles: ['production'] })).toMatchObject({ allowed: false, rule: 'approval.approverIsRequester' });
    expect(checkApproval(matrix.observeToShadow, 'alice', [], { step: 'strategyReviewer', approverId: 'carol', approverRoles: ['research'] })).toMatchObject({ allowed: false, rule: 'approval.missingRole' });
  });

  it('SHADOW → PAPER: a risk approver and an ops approver, two different people', () => {
    const risk: RecordedApproval = { step: 'riskApprover', approverId: 'rita', role: 'risk' };
    expect(checkApproval(matrix.shadowToPaper, 'alice', [], { step: 'riskApprover', approverId: 'rita', approverRoles: ['risk', 'production'] })).toEqual({ allowed: true, role: 'risk' });
    expect(checkApproval(matrix.shadowToPaper, 'alice', [risk], { step: 'opsApprover', approverId: 'rita', approverRoles: ['risk', 'production'] })).toMatchObject({ allowed: false, rule: 'approval.sameApproverTwice' });
    expect(checkApproval(matrix.shadowToPaper, 'alice', [risk], { step: 'riskApprover', approverId: 'rob', approverRoles: ['risk'] })).toMatchObject({ allowed: false, rule: 'approval.stepAlreadyApproved' });
    expect(checkApproval(matrix.shadowToPaper, 'alice', [risk], { step: 'opsApprover', approverId: 'otto', approverRoles: ['production'] })).toEqual({ allowed: true, role: 'production' });
    expect(checkApproval(matrix.shadowToPaper, 'alice', [], { step: 'finalAuthorizer', approverId: 'otto', approverRoles: ['production'] })).toMatchObject({ allowed: false, rule: 'approval.unknownStep' });
  });

  it('PAPER → LIVE: the final authorizer comes after risk and ops and is neither of them', () => {
    const risk: RecordedApproval = { step: 'riskApprover', approverId: 'rita', role: 'risk' };
    const ops: RecordedApproval = { step: 'opsApprover', approverId: 'otto', role: 'production' };
    const attempt = (approverId: string) => ({ step: 'finalAuthorizer', approverId, approverRoles: ['production' as const] });
    expect(checkApproval(matrix.paperToLive, 'alice', [risk], attempt('fay'))).toMatchObject({ allowed: false, rule: 'approval.finalStepTooEarly', message: 'step "finalAuthorizer" comes after "opsApprover"' });
    expect(checkApproval(matrix.paperToLive, 'alice', [risk, ops], attempt('otto'))).toMatchObject({ allowed: false, rule: 'approval.sameApproverTwice' });
    expect(checkApproval(matrix.paperToLive, 'alice', [risk, ops], attempt('alice'))).toMatchObject({ allowed: false, rule: 'approval.approverIsRequester' });
    expect(checkApproval(matrix.paperToLive, 'alice', [risk, ops], attempt('fay'))).toEqual({ allowed: true, role: 'production' });
  });

  it('a request the platform opened (no requester) can be approved by anyone holding the role', () => {
    expect(checkApproval(matrix.observeToShadow, null, [], { step: 'strategyReviewer', approverId: 'bob', approverRoles: ['production'] }).allowed).toBe(true);
  });
});

describe('approvalProgress', () => {
  it('lists pending steps until every step is approved', () => {
    expect(approvalProgress(matrix.paperToLive, [{ step: 'riskApprover', approverId: 'rita', role: 'risk' }])).toEqual({ complete: false, approvedSteps: ['riskApprover'], pendingSteps: ['opsApprover', 'finalAuthorizer'] });
    const all: RecordedApproval[] = [
      { step: 'riskApprover', approverId: 'rita', role: 'risk' },
      { step: 'opsApprover', approverId: 'otto', role: 'production' },
      { step: 'finalAuthorizer', approverId: 'fay', role: 'production' },
    ];
    expect(approvalProgress(matrix.paperToLive, all).complete).toBe(true);
  });
  it('auto-approval (OBSERVE → SHADOW only, where the policy says so) completes at once', () => {
    expect(approvalProgress({ ...matrix.observeToShadow, autoApprove: true }, [])).toEqual({ complete: true, approvedSteps: [], pendingSteps: [] });
    expect(approvalProgress(matrix.observeToShadow, []).complete).toBe(false);
  });
});

describe('checkLiveConfirmation', () => {
  const risk: RecordedApproval = { step: 'riskApprover', approverId: 'rita', role: 'risk' };
  const ops: RecordedApproval = { step: 'opsApprover', approverId: 'otto', role: 'production' };
  const final: RecordedApproval = { step: 'finalAuthorizer', approverId: 'fay', role: 'production' };
  const attempt = (approverId: string, approverRoles: ('production' | 'risk')[] = ['production']) => ({ approverId, approverRoles });

  it('the requester, a signer of another step, or a role outside the final step never confirms LIVE; the final authorizer (or a person eligible for that step) does', () => {
    expect(checkLiveConfirmation(matrix.paperToLive, 'alice', [risk, ops, final], attempt('alice'))).toMatchObject({ allowed: false, rule: 'approval.approverIsRequester' });
    expect(checkLiveConfirmation(matrix.paperToLive, 'alice', [risk, ops, final], attempt('otto'))).toMatchObject({ allowed: false, rule: 'approval.sameApproverTwice' });
    expect(checkLiveConfirmation(matrix.paperToLive, 'alice', [risk, ops, final], attempt('rob', ['risk']))).toMatchObject({ allowed: false, rule: 'approval.missingRole' });
    expect(checkLiveConfirmation(matrix.paperToLive, 'alice', [risk, ops, final], attempt('fay'))).toEqual({ allowed: true, role: 'production' });
    expect(checkLiveConfirmation(matrix.paperToLive, 'alice', [risk], attempt('fay'))).toMatchObject({ allowed: false, rule: 'approval.finalStepTooEarly' });
    expect(checkLiveConfirmation(matrix.shadowToPaper, 'alice', [risk, ops], attempt('fay'))).toMatchObject({ allowed: false, rule: 'approval.unknownStep' });
  });
});
