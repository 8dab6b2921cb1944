import { queuedWorkLifecycle, queuedWorkStatuses, type QueuedWorkStatus } from '../lifecycle/queued-work.lifecycle.ts';

/**
 * Optimization status machine.
 *
 *   queued ──► running ──► completed
 *     │           ├──────► failed      (with `failureReason`)
 *     └───────────┴──────► cancelled   (`cancelOptimization`, with the reason in `failureReason`)
 *
 * - `queued`: the row and its `run_optimization` job were written in one transaction.
 * - `running`: a worker took the job; `startedAt` and `engineVersion` are set. A worker that dies leaves the
 *   optimization `running`; the retried job re-enters `running` (the only self-transition) and RESUMES: segments
 *   already stored (each written with its trials in one transaction) are kept, the rest are computed.
 * - `cancelled`: asked by a user. A running task checks the status between segments and stops; segments stored
 *   before the cancellation stay readable.
 * - `completed` / `failed` / `cancelled` are terminal: results are immutable from then on.
 */
export const optimizationStatuses = queuedWorkStatuses;
export type OptimizationStatus = QueuedWorkStatus;

/** The optimization's machine; a repeated move of a finished optimization (a retried job) leaves it unchanged. */
export const optimizationLifecycle = queuedWorkLifecycle({ failsWhileQueued: true });
