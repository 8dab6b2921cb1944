/**
 * Backtest run status machine.
 *
 *   queued ──► running ──► completed
 *     │           └──────► failed      (with `failureReason`)
 *     └──► cancelled
 *
 * - `queued`: the row and its `run_backtest` job were written in one transaction.
 * - `running`: a worker took the job; `startedAt` and `engineVersion` are set. A worker that dies leaves the run
 *   `running`; the retried job re-enters `running` (the only self-transition) and recomputes from scratch.
 * - `completed` / `failed` / `cancelled` are terminal: results are immutable from then on.
 */
export const backtestRunStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type BacktestRunStatus = (typeof backtestRunStatuses)[number];

const transitions: Readonly<Record<BacktestRunStatus, readonly BacktestRunStatus[]>> = {
  queued: ['running', 'cancelled'],
  running: ['running', 'completed', 'failed'],
  completed: [],
  failed: [],
  cancelled: [],
};

/** True when a run in `from` may move to `to`. */
export function canTransitionBacktestRun(from: BacktestRunStatus, to: BacktestRunStatus): boolean {
  return transitions[from].includes(to);
}

/** True for statuses a run never leaves. */
export function isTerminalBacktestRunStatus(status: BacktestRunStatus): boolean {
  return transitions[status].length === 0;
}
