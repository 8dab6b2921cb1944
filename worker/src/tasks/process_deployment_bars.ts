import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `process_deployment_bars`: processes a deployment's pending bars in one transaction and queues its next bar job. */
export const makeProcessDeploymentBarsTask = (dependencies: TaskDependencies) =>
  defineTask('process_deployment_bars', dependencies, async ({ payload, services }) => {
    await services.deploymentRunner.processBars(payload.deploymentId);
  });
