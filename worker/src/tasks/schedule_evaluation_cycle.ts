import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `schedule_evaluation_cycle` (crontab): records a `scheduled` trigger, which queues a cycle over every eligible strategy. */
export const makeScheduleEvaluationCycleTask = (dependencies: TaskDependencies) =>
  defineTask('schedule_evaluation_cycle', dependencies, async ({ services, helpers }) => {
    await services.triggers.record({
      type: 'scheduled',
      subjectType: 'Platform',
      details: { cron: 'schedule_evaluation_cycle', jobId: helpers.job.id },
      priority: 'research',
    });
  });
