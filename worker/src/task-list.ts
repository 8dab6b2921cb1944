import type { TaskList } from 'graphile-worker';
import type { TaskDependencies } from './run-task.ts';
import { makeRunBacktestTask } from './tasks/run_backtest.ts';

/** Task identifier → handler; identifiers equal the file names and the GraphileWorker.Tasks keys. */
export function makeTaskList(dependencies: TaskDependencies): TaskList {
  return {
    run_backtest: makeRunBacktestTask(dependencies),
  };
}
