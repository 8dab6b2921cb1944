import { defineStateMachine } from '../lifecycle/state-machine.ts';
import type { IncidentStatus } from './monitoring-incident.entity.ts';

/**
 * Incident status transitions (data-model.md MonitoringIncident): an incident is reviewed, resolved (with notes),
 * then closed; it may be resolved straight from `open` when the cause is obvious. `closed` is final.
 *
 * | from        | to                     |
 * |-------------|------------------------|
 * | open        | in_review, resolved    |
 * | in_review   | resolved               |
 * | resolved    | closed                 |
 * | closed      | —                      |
 */
export const incidentLifecycle = defineStateMachine<IncidentStatus>({
  transitions: {
    open: ['in_review', 'resolved'],
    in_review: ['resolved'],
    resolved: ['closed'],
    closed: [],
  },
  onTerminal: 'refuse',
  illegal: ({ from, to, allowed }) =>
    `an incident that is ${from} cannot move to ${to} (${allowed.length === 0 ? `${from} is final` : `allowed: ${allowed.join(', ')}`})`,
});
