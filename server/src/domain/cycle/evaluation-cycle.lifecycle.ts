import { defineStateMachine } from '../lifecycle/state-machine.ts';
import type { EvaluationCycleStatus } from './evaluation-cycle.entity.ts';

/**
 * Evaluation cycle status machine.
 *
 *   queued ──► running ──► completed
 *     │           └──────► failed      (with `failureReason`)
 *     └──────────────────► failed      (its job exhausted its retries before it ran)
 *
 * - `queued`: written with its `run_evaluation_cycle` job; a queued cycle of the same scope absorbs later triggers.
 * - `running`: a worker took the job. A retried job re-enters `running` (the only self-transition) and recomputes:
 *   all results are written with the move to `completed`, in one transaction.
 * - `completed` / `failed` are terminal; a repeated move (a retried or duplicate job) leaves the cycle unchanged.
 */
export const evaluationCycleLifecycle = defineStateMachine<EvaluationCycleStatus>({
  transitions: {
    queued: ['running', 'failed'],
    running: ['running', 'completed', 'failed'],
    completed: [],
    failed: [],
  },
  onTerminal: 'keep',
});
