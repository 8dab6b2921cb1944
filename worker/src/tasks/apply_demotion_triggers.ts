import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `apply_demotion_triggers` (cron, every minute): the automatic demotion triggers of promotion-framework §2 over every
 * active PAPER and LIVE deployment, applied as the platform (`StageControlService.applyDemotionTriggers`: the pure
 * `evaluateDemotionTriggers` the governance simulation replays; one transaction per deployment moved or frozen).
 */
export const makeApplyDemotionTriggersTask = (dependencies: TaskDependencies) =>
  defineTask('apply_demotion_triggers', dependencies, async ({ services, helpers }) => {
    const run = await services.stageControl.applyDemotionTriggers();
    if (run.unavailable) helpers.logger.warn(`demotion triggers under no valid promotion policy: ${run.unavailable}`);
    for (const acted of run.acted) {
      helpers.logger.warn(`deployment ${acted.deploymentId} ${acted.action === 'freeze' || acted.freeze ? 'frozen' : 'demoted'} ${acted.from} → ${acted.to}: ${acted.reasonCode} (policy ${run.policyVersion ?? 'none'}, record ${acted.recordId})`);
    }
    for (const skipped of run.skipped) helpers.logger.warn(`demotion trigger fired for deployment ${skipped.deploymentId}, nothing done: ${skipped.reason}`);
  });
