import { queuedWorkLifecycle, queuedWorkStatuses, type QueuedWorkStatus } from '../lifecycle/queued-work.lifecycle.ts';

/**
 * Governance simulation run status machine (issue 15):
 *
 *   queued ──► running ──► completed   (the report stored with it)
 *     │           ├──────► failed      (with `failureReason`)
 *     └───────────┴──────► cancelled   (`cancelGovernanceSimulation`; nothing of its results is stored)
 *
 * A cancelled run is never marked complete: the task checks the status between simulated days and stops; the report
 * is written only in the transaction that moves `running → completed`, which a cancelled row refuses.
 */
export const simulationRunStatuses = queuedWorkStatuses;
export type SimulationRunStatus = QueuedWorkStatus;

/** The run's machine; a repeated move of a finished run (a retried job) leaves it unchanged. */
export const simulationRunLifecycle = queuedWorkLifecycle({ failsWhileQueued: false });
