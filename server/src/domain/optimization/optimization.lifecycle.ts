/**
 * Optimization status machine.
 *
 *   queued ──► running ──► completed
 *                 └──────► failed      (with `failureReason`)
 *
 * - `queued`: the row and its `run_optimization` job were written in one transaction.
 * - `running`: a worker took the job; `startedAt` and `engineVersion` are set. A worker that dies leaves the
 *   optimization `running`; the retried job re-enters `running` (the only self-transition) and RESUMES: segments
 *   already stored (each written with its trials in one transaction) are kept, the rest are computed.
 * - `completed` / `failed` are terminal: results are immutable from then on.
 */
export const optimizationStatuses = ['queued', 'running', 'completed', 'failed'] as const;
export type OptimizationStatus = (typeof optimizationStatuses)[number];

const transitions: Readonly<Record<OptimizationStatus, readonly OptimizationStatus[]>> = {
  queued: ['running', 'failed'],
  running: ['running', 'completed', 'failed'],
  completed: [],
  failed: [],
};

/** True when an optimization in `from` may move to `to`. */
export function canTransitionOptimization(from: OptimizationStatus, to: OptimizationStatus): boolean {
  return transitions[from].includes(to);
}

/** True for statuses an optimization never leaves. */
export function isTerminalOptimizationStatus(status: OptimizationStatus): boolean {
  return transitions[status].length === 0;
}
