import type { JobHelpers, Task } from 'graphile-worker';
import { DomainError, newId, parseJobPayload, type JobPayload, type TaskName } from '@crucible/server/domain';
import { SpanKind, contextFromCarrier, inSpan, type Clock, type Logger, type MikroORM } from '@crucible/server/infra';
import { createSystemServices, type ServiceSettings, type Services } from '@crucible/server/services';

/** What every task handler receives: its validated payload and services acting as the system account. */
export interface TaskInput<T extends TaskName> {
  payload: JobPayload<T>;
  services: Services;
  helpers: JobHelpers;
  /** True on the job's last permitted attempt: the handler should record a final failure before rethrowing. */
  lastAttempt: boolean;
}

/** Dependencies shared by every task of a worker process. */
export interface TaskDependencies {
  orm: MikroORM;
  settings: ServiceSettings;
  logger: Logger;
  /** The platform's clock for the tasks' services (default: the wall clock; tests inject a simulated one). */
  clock?: Clock;
}

/**
 * Wraps a handler as a graphile-worker task: validates the payload, builds services on a fresh EntityManager
 * fork acting under the payload's correlation id (the trigger's or request's; a fresh one otherwise), and applies the error policy — a `DomainError` is final (logged, job completes, no pointless retry);
 * anything else is rethrown so graphile-worker retries with exponential backoff up to the task's maxAttempts. A batch
 * job's handler (an array payload) returns one promise per payload entry: graphile-worker retries only the entries rejected.
 */
export function defineTask<T extends TaskName>(
  name: T,
  dependencies: TaskDependencies,
  handler: (input: TaskInput<T>) => Promise<void | Promise<unknown>[]>,
): Task<T> {
  return async (rawPayload, helpers) => {
    const carried = (rawPayload as { correlationId?: unknown } | null)?.correlationId;
    const correlationId = typeof carried === 'string' && carried.length > 0 ? carried : newId();
    const logger = dependencies.logger.child({ task: name, jobId: helpers.job.id, attempt: helpers.job.attempts });
    const services = createSystemServices(dependencies.orm, dependencies.settings, logger, correlationId, dependencies.clock);
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    // The task's span continues the trace of the span that enqueued the job (its payload's traceparent).
    const attributes = { 'crucible.task': name, 'crucible.job.id': String(helpers.job.id), 'crucible.job.attempt': helpers.job.attempts, 'crucible.correlation_id': correlationId };
    return inSpan(`task ${name}`, { kind: SpanKind.CONSUMER, parent: contextFromCarrier(rawPayload), attributes }, async (span) => {
      try {
        const payload = parseJobPayload(name, rawPayload);
        return await handler({ payload, services, helpers, lastAttempt });
      } catch (error) {
        if (error instanceof DomainError) {
          logger.warn({ err: error }, 'task failed permanently');
          span.setAttribute('crucible.task.outcome', 'failed permanently');
          return;
        }
        logger.error({ err: error, lastAttempt }, 'task failed; graphile-worker will retry unless this was the last attempt');
        throw error;
      }
    });
  };
}
