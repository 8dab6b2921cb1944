import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `reconcile_monitoring_incident`: a drift alert's re-backtest — the deployed configuration re-run over the
 * deployment's live window and reconciled with the live record, recorded on the incident; queued with the alert.
 */
export const makeReconcileMonitoringIncidentTask = (dependencies: TaskDependencies) =>
  defineTask('reconcile_monitoring_incident', dependencies, async ({ payload, services }) => {
    await services.reconciliation.recordForIncident(payload.incidentId);
  });
