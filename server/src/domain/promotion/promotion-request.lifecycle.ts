import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * A promotion request (issue 12 "Requests and approvals"): `pending` collects the approvals of the policy's matrix;
 * the last one makes it `approved` (and the stage change happens in the same transaction); an approver can `reject`
 * it, the requester `cancel` it; past its expiry it is `expired`. Every end state is final.
 */
export const promotionRequestStatuses = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export type PromotionRequestStatus = (typeof promotionRequestStatuses)[number];

export const promotionRequestLifecycle = defineStateMachine<PromotionRequestStatus>({
  transitions: {
    pending: ['approved', 'rejected', 'cancelled', 'expired'],
    approved: [],
    rejected: [],
    cancelled: [],
    expired: [],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, from, to }) => `${subject} is ${from}: it cannot become ${to} (only a pending request is decided)`,
});

/** When a request opened at `requestedAt` expires under its policy's `requestValidityDays`. */
export function promotionRequestExpiry(requestedAt: Date, requestValidityDays: number): Date {
  return new Date(requestedAt.getTime() + requestValidityDays * 86_400_000);
}
