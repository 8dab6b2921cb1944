import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `open_promotion_requests` (cron, every 5 minutes): opens, as the platform, the next promotion request of every active
 * deployment whose stage's stability window and gates pass now (issue 12; idempotent: one pending request per deployment),
 * and runs again the held requests its policy auto-approves once they may pass.
 */
export const makeOpenPromotionRequestsTask = (dependencies: TaskDependencies) =>
  defineTask('open_promotion_requests', dependencies, async ({ services, helpers }) => {
    const run = await services.promotionRequests.openDue();
    if (run.unavailable) helpers.logger.info(`no promotion request opened: ${run.unavailable}`);
    else if (run.opened.length > 0) helpers.logger.info(`promotion requests opened: ${run.opened.map((view) => `${view.request.id} (${view.request.transition})`).join(', ')}`);
    if (run.retried.length > 0) helpers.logger.info(`held auto-approved promotion requests run again: ${run.retried.map((view) => `${view.request.id} (${view.execution?.executed ? 'executed' : `held: ${view.execution?.rule ?? 'unknown'}`})`).join(', ')}`);
  });
