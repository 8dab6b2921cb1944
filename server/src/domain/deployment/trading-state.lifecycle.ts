import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * Trading state of a deployment and of the whole platform (NautilusTrader's `TradingState`):
 * - `active`: orders allowed (subject to every other check);
 * - `reducing`: only orders that reduce exposure, and cancels;
 * - `halted`: no new orders; cancels still allowed.
 * The stricter of the global and the deployment's state applies; the kill switch overrides both.
 */
export const tradingStates = ['active', 'reducing', 'halted'] as const;
export type TradingState = (typeof tradingStates)[number];

/** Strictness order: the effective state is the strictest of the ones that apply. */
const strictness: Readonly<Record<TradingState, number>> = { active: 0, reducing: 1, halted: 2 };

/** The stricter of two trading states (e.g. the global and the deployment's). */
export function strictestTradingState(a: TradingState, b: TradingState): TradingState {
  return strictness[a] >= strictness[b] ? a : b;
}

/**
 * Every state may move to every other (halt → `halted`, resume → `active`, flatten leaves `reducing` while the closing
 * order works); a move to the state already in force is refused so a repeated command is reported, not re-audited.
 */
export const tradingStateLifecycle = defineStateMachine<TradingState>({
  transitions: {
    active: ['reducing', 'halted'],
    reducing: ['active', 'halted'],
    halted: ['active', 'reducing'],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, from, to }) => (from === to ? `${subject} is already ${to}` : `${subject} cannot go from ${from} to ${to}`),
});
