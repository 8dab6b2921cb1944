import { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * Worker task payloads: typed at enqueue (GraphileWorker.Tasks augmentation) and validated at dequeue with the
 * same schemas, since jobs may come from SQL or older code.
 */
export const jobPayloadSchemas = {
  run_backtest: z.object({ runId: z.uuid() }),
  run_optimization: z.object({ optimizationId: z.uuid() }),
};

export type TaskName = keyof typeof jobPayloadSchemas;
export type JobPayload<T extends TaskName> = z.infer<(typeof jobPayloadSchemas)[T]>;

declare global {
  namespace GraphileWorker {
    interface Tasks {
      run_backtest: JobPayload<'run_backtest'>;
      run_optimization: JobPayload<'run_optimization'>;
    }
  }
}

/** Queue settings per task: queues order work (production remediation before research). */
export const taskSettings: Readonly<Record<TaskName, { maxAttempts: number; priority: number }>> = {
  run_backtest: { maxAttempts: 5, priority: 10 },
  run_optimization: { maxAttempts: 5, priority: 20 },
};

/**
 * Validates a dequeued payload. @throws ValidationError naming the task and the invalid field — a domain error,
 * so the job is not retried (retrying cannot fix a bad payload).
 */
export function parseJobPayload<T extends TaskName>(task: T, payload: unknown): JobPayload<T> {
  const result = jobPayloadSchemas[task].safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    throw new ValidationError(`invalid ${task} payload — ${problems.join('; ')}`, 'payload');
  }
  return result.data as JobPayload<T>;
}
