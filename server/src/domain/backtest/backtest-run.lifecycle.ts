import { queuedWorkLifecycle, queuedWorkStatuses, type QueuedWorkStatus } from '../lifecycle/queued-work.lifecycle.ts';

/**
 * Backtest run status machine.
 *
 *   queued ──► running ──► completed
 *     │           ├──────► failed      (with `failureReason`)
 *     └───────────┴──────► cancelled   (`cancelBacktest`, with the reason in `failureReason`)
 *
 * - `queued`: the row and its `run_backtest` job were written in one transaction.
 * - `running`: a worker took the job; `startedAt` and `engineVersion` are set. A worker that dies leaves the run
 *   `running`; the retried job re-enters `running` (the only self-transition) and recomputes from scratch.
 * - `cancelled`: asked by a user. A running task checks the status at its checkpoints (after loading the bars, and
 *   when it stores its results) and stops; nothing of a cancelled run's results is stored.
 * - `completed` / `failed` / `cancelled` are terminal: results are immutable from then on.
 */
export const backtestRunStatuses = queuedWorkStatuses;
export type BacktestRunStatus = QueuedWorkStatus;

/** The run's machine; a repeated move of a finished run (a retried job) leaves it unchanged. */
export const backtestRunLifecycle = queuedWorkLifecycle({ failsWhileQueued: false });
