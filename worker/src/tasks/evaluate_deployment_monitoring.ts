import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `evaluate_deployment_monitoring`: evaluates a deployment's monitoring rules on its new P&L marks and takes each
 * action once (rollback, demotion, throttle, freeze, incidents), in one transaction; queued by the runner's bar job.
 */
export const makeEvaluateDeploymentMonitoringTask = (dependencies: TaskDependencies) =>
  defineTask('evaluate_deployment_monitoring', dependencies, async ({ payload, services }) => {
    await services.monitoring.evaluate(payload.deploymentId);
  });
