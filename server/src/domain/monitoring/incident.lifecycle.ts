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
export const incidentTransitions: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['in_review', 'resolved'],
  in_review: ['resolved'],
  resolved: ['closed'],
  closed: [],
};

/** Why `from → to` is not allowed, or null when it is. */
export function explainIncidentTransitionRefusal(from: IncidentStatus, to: IncidentStatus): string | null {
  const allowed = incidentTransitions[from];
  if (allowed.includes(to)) return null;
  return `an incident that is ${from} cannot move to ${to} (${allowed.length === 0 ? `${from} is final` : `allowed: ${allowed.join(', ')}`})`;
}
