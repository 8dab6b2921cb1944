import { defineStateMachine } from '../lifecycle/state-machine.ts';
import type { ApprovalStatus } from './strategy-version.entity.ts';

/**
 * Version approval (lifecycle-spec FR-003): a submitted version is `pending` until a reviewer other than its submitter
 * approves or rejects it; the decision is final.
 *
 *   pending ──► approved
 *      └─────► rejected
 */
export const versionApprovalLifecycle = defineStateMachine<ApprovalStatus>({
  transitions: {
    pending: ['approved', 'rejected'],
    approved: [],
    rejected: [],
  },
  onTerminal: 'refuse',
  illegal: ({ from, subject }) => `${subject} is already ${from}; a decision is final`,
});
