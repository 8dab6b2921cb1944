import { defineTask, type TaskDependencies } from '../run-task.ts';

/**
 * `deliver_notification`: one attempt of a notification delivery (a signed webhook or an email). A failed attempt
 * is recorded and its retry queued by the service (exponential backoff, max attempts), so the job itself completes;
 * it throws only when the outcome could not be recorded (graphile-worker retries then).
 */
export const makeDeliverNotificationTask = (dependencies: TaskDependencies) =>
  defineTask('deliver_notification', dependencies, async ({ payload, services }) => {
    await services.notificationDeliveries.deliver(payload.deliveryId);
  });
