import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `run_backtest`: executes a queued BacktestRun; marks it failed when the last attempt errors. */
export const makeRunBacktestTask = (dependencies: TaskDependencies) =>
  defineTask('run_backtest', dependencies, async ({ payload, services, lastAttempt }) => {
    try {
      await services.backtests.execute(payload.runId);
    } catch (error) {
      if (lastAttempt) await services.backtests.fail(payload.runId, `gave up after repeated errors: ${(error as Error).message}`);
      throw error;
    }
  });
