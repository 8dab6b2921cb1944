import { defineStateMachine } from '../lifecycle/state-machine.ts';

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
export const simulationRunStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type SimulationRunStatus = (typeof simulationRunStatuses)[number];

export const simulationRunLifecycle = defineStateMachine<SimulationRunStatus>({
  transitions: {
    queued: ['running', 'cancelled'],
    running: ['running', 'completed', 'failed', 'cancelled'],
    completed: [],
    failed: [],
    cancelled: [],
  },
  onTerminal: 'keep',
});
