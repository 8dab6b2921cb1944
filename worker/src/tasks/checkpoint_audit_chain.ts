import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `checkpoint_audit_chain` (crontab, every 5 minutes): signs a checkpoint of the audit chain's head when it moved. */
export const makeCheckpointAuditChainTask = (dependencies: TaskDependencies) =>
  defineTask('checkpoint_audit_chain', dependencies, async ({ services }) => {
    await services.audit.checkpoint();
  });
