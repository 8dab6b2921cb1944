import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `run_optimization`: runs a queued walk-forward optimization (resuming one a dead worker left `running`); marks it
 * failed when the last attempt errors.
 */
export const makeRunOptimizationTask = (dependencies: TaskDependencies) =>
  defineTask('run_optimization', dependencies, async ({ payload, services, lastAttempt }) => {
    try {
      await services.optimizations.execute(payload.optimizationId);
    } catch (error) {
      if (lastAttempt) await services.optimizations.fail(payload.optimizationId, `gave up after repeated errors: ${(error as Error).message}`);
      throw error;
    }
  });
