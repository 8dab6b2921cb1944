import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `evaluate_deployment_monitoring`: evaluates the monitoring rules of the deployments whose new P&L marks were queued
 * (a batch job: every deployment of the bar in one `evaluateMany`, evidence read once) and takes each action once
 * (rollback, demotion, throttle, freeze, incidents), one transaction per deployment that acts. One result per payload
 * entry: graphile-worker retries only the entries of a deployment that failed.
 */
export const makeEvaluateDeploymentMonitoringTask = (dependencies: TaskDependencies) =>
  defineTask('evaluate_deployment_monitoring', dependencies, async ({ payload, services }) => {
    if (!Array.isArray(payload)) {
      await services.monitoring.evaluate(payload.deploymentId);
      return;
    }
    const batch = await services.monitoring.evaluateMany(payload.map((entry) => entry.deploymentId));
    const failed = new Map(batch.failures.map((failure) => [failure.deploymentId, failure.error]));
    return payload.map((entry) => (failed.has(entry.deploymentId) ? Promise.reject(failed.get(entry.deploymentId)) : Promise.resolve()));
  });
