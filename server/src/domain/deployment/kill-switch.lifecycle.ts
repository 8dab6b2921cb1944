import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * Kill switch position. While `on`, every broker-side action in its scope is denied (orders and amendments; cancels
 * allowed), open orders are cancelled, and it wins over every approval, stage and policy.
 */
export const killSwitchStates = ['off', 'on'] as const;
export type KillSwitchState = (typeof killSwitchStates)[number];

/** Global (every deployment) or one strategy (its deployments). */
export const killSwitchScopes = ['global', 'strategy'] as const;
export type KillSwitchScope = (typeof killSwitchScopes)[number];

/** off ⇄ on; turning on a switch that is on (or off one that is off) is refused and named. */
export const killSwitchLifecycle = defineStateMachine<KillSwitchState>({
  transitions: {
    off: ['on'],
    on: ['off'],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, to }) => `${subject} is already ${to}`,
});
