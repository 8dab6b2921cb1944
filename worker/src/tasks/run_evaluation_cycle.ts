import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `run_evaluation_cycle`: generates, evaluates and scores one queued evaluation cycle (all results in one
 * transaction, so a retry after a crash never duplicates); marks it failed when the last attempt errors.
 */
export const makeRunEvaluationCycleTask = (dependencies: TaskDependencies) =>
  defineTask('run_evaluation_cycle', dependencies, async ({ payload, services, lastAttempt }) => {
    try {
      await services.cycles.execute(payload.cycleId);
    } catch (error) {
      if (lastAttempt) await services.cycles.fail(payload.cycleId, `gave up after repeated errors: ${(error as Error).message}`);
      throw error;
    }
  });
