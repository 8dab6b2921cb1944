import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * Order states (the field's names; FIX / ccxt vocabulary):
 * - `new`: recorded locally, not yet sent;
 * - `submitted`: sent to the venue (or the paper/shadow store), no acknowledgement yet;
 * - `accepted`: acknowledged and working at the venue, nothing filled;
 * - `partially_filled`: some quantity filled, the rest still working;
 * - `filled`: the whole quantity filled (terminal);
 * - `canceled`: cancelled — by us, by the kill switch, or by the venue; a partially filled market order whose
 *   remainder cannot fill ends here with its fill ratio recorded (terminal; the remainder is never re-ordered);
 * - `rejected`: refused by the venue (terminal);
 * - `expired`: its time in force ran out, e.g. a limit order the bar did not cross (terminal);
 * - `denied`: refused locally by a pre-trade check, never sent; the refusal's rule, threshold, measured value and
 *   reason are on the order (terminal);
 * - `unresolved`: the venue answered with a status we do not know, or did not answer; no assumption is made until
 *   reconciliation reads the order again.
 */
export const orderStates = ['new', 'submitted', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'denied', 'unresolved'] as const;
export type OrderState = (typeof orderStates)[number];

/** States in which an order may still fill (and must be cancelled by the kill switch or a halt). */
export const openOrderStates: readonly OrderState[] = ['new', 'submitted', 'accepted', 'partially_filled', 'unresolved'];

/**
 * The order machine. Terminal states keep (a retried job re-applying a venue update leaves the order unchanged;
 * callers see `changed: false`). `partially_filled → partially_filled` records a further partial fill; an
 * `unresolved` order may only leave through reconciliation, to whatever the venue then reports.
 *
 * | from             | to                                                                       |
 * |------------------|--------------------------------------------------------------------------|
 * | new              | submitted, denied, canceled                                              |
 * | submitted        | accepted, partially_filled, filled, canceled, rejected, expired, unresolved |
 * | accepted         | partially_filled, filled, canceled, rejected, expired, unresolved        |
 * | partially_filled | partially_filled, filled, canceled, expired, unresolved                  |
 * | unresolved       | accepted, partially_filled, filled, canceled, rejected, expired          |
 * | filled, canceled, rejected, expired, denied | —                                             |
 */
export const orderStateLifecycle = defineStateMachine<OrderState>({
  transitions: {
    new: ['submitted', 'denied', 'canceled'],
    submitted: ['accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'unresolved'],
    // A venue may fail an order it acknowledged: Coinbase answers a create with success (no status), then FAILED.
    accepted: ['partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'unresolved'],
    partially_filled: ['partially_filled', 'filled', 'canceled', 'expired', 'unresolved'],
    unresolved: ['accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'],
    filled: [],
    canceled: [],
    rejected: [],
    expired: [],
    denied: [],
  },
  onTerminal: 'keep',
  illegal: ({ subject, from, to, allowed }) => `${subject} cannot go from ${from} to ${to} (allowed: ${allowed.join(', ') || 'none'})`,
});

/**
 * Checks a whole path of states (e.g. `new → submitted → filled` for an order simulated within one bar) and returns
 * the first refusal, or null when every step is allowed. Lets a service insert an order directly in its final state
 * while still going through the one machine.
 */
export function orderPathRefusal(path: readonly OrderState[], subject: string): string | null {
  for (let index = 1; index < path.length; index += 1) {
    const refusal = orderStateLifecycle.refusal(path[index - 1]!, path[index]!, undefined, subject);
    if (refusal !== null) return refusal;
  }
  return null;
}
