import { previousUtcDay } from '@crucible/server/services';
import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `generate_daily_reports` (crontab, daily 00:15 UTC): writes the daily report of every strategy with an active
 * deployment for the UTC day before the cron tick (or `reportDate` when given); idempotent per (strategy, day).
 */
export const makeGenerateDailyReportsTask = (dependencies: TaskDependencies) =>
  defineTask('generate_daily_reports', dependencies, async ({ payload, services, helpers }) => {
    const reportDate = payload.reportDate ?? previousUtcDay(payload._cron ? new Date(payload._cron.ts) : new Date());
    const run = await services.dailyReports.generate(reportDate);
    helpers.logger.info(`daily reports of ${reportDate}: ${run.created.length} written, ${run.existing} existed`);
  });
