import type { EntityManager } from '@mikro-orm/postgresql';
import { taskSettings, type JobPayload, type TaskName } from '../../domain/jobs.ts';
import { currentTraceCarrier } from '../tracing/spans.ts';

/** Options of one enqueue; defaults come from `taskSettings`. */
export interface EnqueueOptions {
  /** De-duplication key: a second job with the same key replaces the queued one instead of adding another. */
  jobKey?: string;
  /**
   * graphile-worker job key mode: `replace` (default), `preserve_run_at` (keep the first job's run time: used to
   * coalesce simultaneous triggers) or `unsafe_dedupe` (keep the existing job even while it runs).
   */
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  queueName?: string;
  priority?: number;
  runAt?: Date;
}

/**
 * Adds a graphile-worker job with `graphile_worker.add_job` on the transaction `em` runs in, so the job exists
 * exactly when the state it acts on was committed. When tracing is on, the payload also carries the active span's
 * W3C trace context (`traceparent`, `tracestate`), which the worker's task span continues. An array payload is a
 * batch job's entry list (graphile-worker appends it to the queued job of the same key): each entry carries the context.
 */
export async function enqueueJob<T extends TaskName>(
  em: EntityManager,
  task: T,
  payload: JobPayload<T>,
  options: EnqueueOptions = {},
): Promise<void> {
  const call = addJobCall(task, payload, options);
  await em.execute(`select ${call.sql}`, call.params);
}

/**
 * The `graphile_worker.add_job(…)` expression {@link enqueueJob} runs, with its parameters, for a caller that folds
 * several calls into one statement (a bar job queues its successor and publishes its events in one round trip).
 */
export function addJobCall<T extends TaskName>(task: T, payload: JobPayload<T>, options: EnqueueOptions = {}): { sql: string; params: unknown[] } {
  const settings = taskSettings[task];
  return {
    sql: `graphile_worker.add_job(?, ?::json, queue_name => ?, run_at => ?, max_attempts => ?, job_key => ?, priority => ?, job_key_mode => ?)`,
    params: [
      task,
      JSON.stringify(Array.isArray(payload) ? payload.map((entry: object) => ({ ...entry, ...currentTraceCarrier() })) : { ...payload, ...currentTraceCarrier() }),
      options.queueName ?? settings.queueName ?? null,
      options.runAt ?? null,
      settings.maxAttempts,
      options.jobKey ?? null,
      options.priority ?? settings.priority,
      options.jobKey ? (options.jobKeyMode ?? 'replace') : null,
    ],
  };
}
