import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `expire_promotion_requests` (cron, every 5 minutes): pending promotion requests past their expiry become `expired` (each audited and published). */
export const makeExpirePromotionRequestsTask = (dependencies: TaskDependencies) =>
  defineTask('expire_promotion_requests', dependencies, async ({ services, helpers }) => {
    const expired = await services.promotionRequests.expireDue();
    if (expired.length > 0) helpers.logger.info(`promotion requests expired: ${expired.join(', ')}`);
  });
