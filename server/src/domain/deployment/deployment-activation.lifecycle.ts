import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * Whether the runner processes a deployment's bars (data-model.md `activationState`):
 * - `pending`: created; the runner has not processed a bar yet;
 * - `active`: bars are processed as they close;
 * - `paused`: bars are not processed (manual pause); resume catches up from the last processed bar;
 * - `rolled_back`: stopped by a rollback (monitoring issue), kept for analysis;
 * - `retired`: stopped for good.
 */
export const activationStates = ['pending', 'active', 'paused', 'rolled_back', 'retired'] as const;
export type ActivationState = (typeof activationStates)[number];

/** States in which the runner processes bars. */
export const runningActivationStates: readonly ActivationState[] = ['pending', 'active'];

/**
 * | from        | to                             |
 * |-------------|--------------------------------|
 * | pending     | active, retired                |
 * | active      | paused, rolled_back, retired   |
 * | paused      | active, rolled_back, retired   |
 * | rolled_back | retired                        |
 * | retired     | —                              |
 */
export const deploymentActivationLifecycle = defineStateMachine<ActivationState>({
  transitions: {
    pending: ['active', 'retired'],
    active: ['paused', 'rolled_back', 'retired'],
    paused: ['active', 'rolled_back', 'retired'],
    rolled_back: ['retired'],
    retired: [],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, from, to, allowed }) =>
    `${subject} cannot go from ${from} to ${to} (${allowed.length === 0 ? `${from} is final` : `allowed: ${allowed.join(', ')}`})`,
});
