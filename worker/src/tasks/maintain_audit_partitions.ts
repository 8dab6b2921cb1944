import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `maintain_audit_partitions` (crontab, daily): creates the audit partitions of the coming years ahead of time;
 * never drops or detaches one (partitions past retention are only listed in the log, for an operator to archive).
 */
export const makeMaintainAuditPartitionsTask = (dependencies: TaskDependencies) =>
  defineTask('maintain_audit_partitions', dependencies, async ({ services }) => {
    await services.audit.maintainPartitions();
  });
