import type { Job } from 'graphile-worker';
import type { Logger, MikroORM } from '@crucible/server/infra';
import { createSystemServices, type ServiceSettings } from '@crucible/server/services';

/**
 * Escalation after the last retry (orchestration-spec FR-003, lifecycle-spec NFR-002): a job that failed
 * `max_attempts` times becomes an operational incident with the job's context (task, payload, attempts, last error,
 * key, queue), a notification and an audit event — `IncidentService.escalateFailedJob`, idempotent per job id.
 * Earlier failed attempts are left to graphile-worker's exponential backoff.
 */
export async function escalateFailedJob(job: Job, error: unknown, dependencies: { orm: MikroORM; settings: ServiceSettings; logger: Logger }): Promise<void> {
  if (job.attempts < job.max_attempts) return;
  const report = {
    jobId: String(job.id),
    task: job.task_identifier,
    payload: (job.payload ?? {}) as Record<string, unknown>,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    jobKey: job.key,
    queueId: job.job_queue_id ?? null,
    priority: job.priority,
    lastError: error instanceof Error ? error.message : String(error),
  };
  const incident = await createSystemServices(dependencies.orm, dependencies.settings, dependencies.logger).incidents.escalateFailedJob(report);
  dependencies.logger.error({ ...report, incidentId: incident.id }, 'job escalated after its last attempt');
}
