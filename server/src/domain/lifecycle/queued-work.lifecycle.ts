import { defineStateMachine, type StateMachine } from './state-machine.ts';

/**
 * The status machine of work a worker task runs from a queue — backtest run, governance simulation, optimization,
 * evaluation cycle (each entity's lifecycle file says what the states mean for it):
 *
 *   queued ──► running ──► completed
 *     │           ├──────► failed      (with `failureReason`)
 *     ├───────────┴──────► cancelled   (asked by a user, with the reason)
 *     └──────────────────► failed      (only where `failsWhileQueued`: its job exhausted its retries before it ran)
 *
 * A retried job re-enters `running` (the only self-transition). `completed` / `failed` / `cancelled` are terminal; a
 * repeated move of finished work (a retried or duplicate job) leaves the row unchanged.
 */
export const queuedWorkStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type QueuedWorkStatus = (typeof queuedWorkStatuses)[number];

/** The machine of queued work; `failsWhileQueued`: a queued row may fail before it runs. */
export function queuedWorkLifecycle(options: { failsWhileQueued: boolean }): StateMachine<QueuedWorkStatus> {
  return defineStateMachine<QueuedWorkStatus>({
    transitions: {
      queued: options.failsWhileQueued ? ['running', 'failed', 'cancelled'] : ['running', 'cancelled'],
      running: ['running', 'completed', 'failed', 'cancelled'],
      completed: [],
      failed: [],
      cancelled: [],
    },
    onTerminal: 'keep',
  });
}
