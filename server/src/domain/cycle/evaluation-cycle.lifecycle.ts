import { queuedWorkLifecycle } from '../lifecycle/queued-work.lifecycle.ts';

/**
 * Evaluation cycle status machine.
 *
 *   queued ──► running ──► completed
 *     │           ├──────► failed      (with `failureReason`)
 *     ├───────────┴──────► cancelled   (`cancelEvaluationCycle`, with the reason in `failureReason`)
 *     └──────────────────► failed      (its job exhausted its retries before it ran)
 *
 * - `queued`: written with its `run_evaluation_cycle` job; a queued cycle of the same scope absorbs later triggers.
 * - `running`: a worker took the job. A retried job re-enters `running` (the only self-transition) and recomputes:
 *   all results are written with the move to `completed`, in one transaction.
 * - `cancelled`: asked by a user. A queued cycle's job is removed; a running task checks the status at its
 *   checkpoints (after choosing its scope, after loading its datasets, between strategies it isolates, and when it
 *   stores its results) and stops: a cancelled cycle writes no configuration and no scorecard entry.
 * - `completed` / `failed` / `cancelled` are terminal; a repeated move (a retried or duplicate job) leaves the cycle unchanged.
 */
export const evaluationCycleLifecycle = queuedWorkLifecycle({ failsWhileQueued: true });
