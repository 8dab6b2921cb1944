import type { Job } from 'graphile-worker';
import { Notification } from '@crucible/server/domain';
import type { Logger, MikroORM } from '@crucible/server/infra';
import { createSystemServices, type ServiceSettings } from '@crucible/server/services';

/**
 * Escalation after the last retry (orchestration-spec FR-003): a job that failed `max_attempts` times becomes an
 * operational notification for research and an audit event, both carrying the job's context (task, payload,
 * attempts, last error, key, queue) so nobody has to dig through logs.
 */
export async function escalateFailedJob(job: Job, error: unknown, dependencies: { orm: MikroORM; settings: ServiceSettings; logger: Logger }): Promise<void> {
  if (job.attempts < job.max_attempts) return;
  const services = createSystemServices(dependencies.orm, dependencies.settings, dependencies.logger);
  const context = {
    jobId: String(job.id),
    task: job.task_identifier,
    payload: job.payload as Record<string, unknown>,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    jobKey: job.key,
    queueId: job.job_queue_id ?? null,
    lastError: error instanceof Error ? error.message : String(error),
  };
  const em = dependencies.orm.em.fork();
  await em.transactional(async (tx) => {
    tx.create(Notification, {
      audience: 'research',
      kind: 'job.escalated',
      message: `Job ${context.task} #${context.jobId} failed ${context.attempts} times and was given up: ${context.lastError}`,
      subjectType: 'Job',
      subjectId: context.jobId,
      details: context,
    });
    await tx.flush();
    await services.governance.audit.record(tx, { action: 'job.escalated', subjectType: 'Job', subjectId: context.jobId, details: context });
  });
  dependencies.logger.error(context, 'job escalated after its last attempt');
}
