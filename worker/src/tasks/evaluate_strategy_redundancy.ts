import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `evaluate_strategy_redundancy` (crontab, hourly): the correlation rule between the running PAPER and LIVE
 * deployments — a sustained correlation above the policy's limit flags the pair once, on the lower-ranked deployment
 * (suggested for deactivation). One transaction.
 */
export const makeEvaluateStrategyRedundancyTask = (dependencies: TaskDependencies) =>
  defineTask('evaluate_strategy_redundancy', dependencies, async ({ services, helpers }) => {
    const outcome = await services.strategyRedundancy.evaluate();
    helpers.logger.info(outcome.skipped ? `redundancy not evaluated: ${outcome.skipped}` : `redundancy: ${outcome.deployments} deployments, ${outcome.pairs.length} pairs, ${outcome.incidents.length} flagged`);
  });
