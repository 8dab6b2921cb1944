import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `check_deployment_freshness` (cron, every minute): stale deployments become DEGRADED (and back); broken bar chains are re-queued. */
export const makeCheckDeploymentFreshnessTask = (dependencies: TaskDependencies) =>
  defineTask('check_deployment_freshness', dependencies, async ({ services, helpers }) => {
    const outcome = await services.deploymentRunner.checkFreshness();
    if (outcome.degraded + outcome.recovered + outcome.requeued > 0) helpers.logger.info(`deployment freshness: ${JSON.stringify(outcome)}`);
  });
