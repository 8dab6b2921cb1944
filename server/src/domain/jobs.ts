import { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * Correlation id of the request or trigger that caused the job: the task's logs and services carry it, so one id
 * follows the work from trigger to result. Optional: jobs added from SQL or by cron get a fresh one.
 */
const correlation = {
  correlationId: z.string().min(1).max(100).optional(),
  /** W3C trace context of the span that enqueued the job (present when tracing is on): the task's span continues it. */
  traceparent: z.string().max(100).optional(),
  tracestate: z.string().max(512).optional(),
};

/**
 * Worker task payloads: typed at enqueue (GraphileWorker.Tasks augmentation) and validated at dequeue with the
 * same schemas, since jobs may come from SQL or older code.
 */
export const jobPayloadSchemas = {
  run_backtest: z.object({ runId: z.uuid(), ...correlation }),
  run_optimization: z.object({ optimizationId: z.uuid(), ...correlation }),
  run_evaluation_cycle: z.object({ cycleId: z.uuid(), ...correlation }),
  /** Runs a queued governance simulation (issue 15). */
  run_governance_simulation: z.object({ simulationId: z.uuid(), ...correlation }),
  /** Cron: records a `scheduled` trigger, which queues a cycle over every eligible strategy. */
  schedule_evaluation_cycle: z.object({ ...correlation }).loose(),
  /** Cron: signs a checkpoint of the audit chain's head (tail truncation becomes detectable). */
  checkpoint_audit_chain: z.object({ ...correlation }).loose(),
  /** Cron: creates the coming years' audit partitions (retention; never drops one). */
  maintain_audit_partitions: z.object({ ...correlation }).loose(),
  /**
   * Processes a deployment's pending bars (one bar, or a batch when several are pending) in one transaction; queued on
   * the deployment's own named queue (`deployment:<id>`) with one job key per deployment and bar.
   */
  process_deployment_bars: z.object({ deploymentId: z.uuid(), ...correlation }),
  /** Cron: marks stale deployments DEGRADED (and back), and re-queues a running deployment whose bar job is missing. */
  check_deployment_freshness: z.object({ ...correlation }).loose(),
  /** Cron: pending promotion requests past their expiry become `expired` (audited). */
  expire_promotion_requests: z.object({ ...correlation }).loose(),
  /** Cron: opens, as the platform, the next promotion request of each active deployment whose stability window and gates pass. */
  open_promotion_requests: z.object({ ...correlation }).loose(),
  /** Cron: the automatic demotion triggers (promotion-framework §2) of every active PAPER and LIVE deployment, applied as the platform. */
  apply_demotion_triggers: z.object({ ...correlation }).loose(),
  /** After an evaluation cycle completes (one job key per scorecard date): the FR-005 candidate rule's verdicts recorded (idempotent). */
  record_promotion_candidates: z.object({ evaluationDate: z.iso.date().optional(), ...correlation }).loose(),
  /** One attempt of a notification delivery (webhook or email); a failed attempt queues the next with backoff. */
  deliver_notification: z.object({ deliveryId: z.uuid(), ...correlation }),
  /**
   * Cron (daily, UTC): writes the daily report of every strategy with an active deployment for `reportDate`
   * (YYYY-MM-DD), default the UTC day before the cron tick (`_cron.ts`) or before now.
   */
  generate_daily_reports: z
    .object({ reportDate: z.iso.date().optional(), _cron: z.object({ ts: z.string() }).loose().optional(), ...correlation })
    .loose(),
  /**
   * Evaluates deployments' monitoring rules on their new P&L marks and takes the actions once (issue 13); queued by the
   * runner's bar transaction whenever it wrote marks. A batch job (graphile-worker merges the array payloads of one job
   * key): every deployment whose marks were written while the job waited, evaluated together (`evaluateMany`); an
   * entry that fails is retried alone. A single object (older jobs) is one deployment.
   */
  evaluate_deployment_monitoring: z.union([z.object({ deploymentId: z.uuid(), ...correlation }), z.array(z.object({ deploymentId: z.uuid(), ...correlation })).min(1).max(100_000)]),
  /** A drift alert's re-backtest: the deployed configuration re-run over the deployment's live window, reconciled, recorded on the incident. */
  reconcile_monitoring_incident: z.object({ incidentId: z.uuid(), ...correlation }),
  /** Cron (hourly): the correlation rule between the running PAPER and LIVE deployments; a sustained breach flags the pair once. */
  evaluate_strategy_redundancy: z.object({ ...correlation }).loose(),
};

export type TaskName = keyof typeof jobPayloadSchemas;
export type JobPayload<T extends TaskName> = z.infer<(typeof jobPayloadSchemas)[T]>;

declare global {
  namespace GraphileWorker {
    interface Tasks {
      run_backtest: JobPayload<'run_backtest'>;
      run_optimization: JobPayload<'run_optimization'>;
      run_evaluation_cycle: JobPayload<'run_evaluation_cycle'>;
      run_governance_simulation: JobPayload<'run_governance_simulation'>;
      schedule_evaluation_cycle: JobPayload<'schedule_evaluation_cycle'>;
      checkpoint_audit_chain: JobPayload<'checkpoint_audit_chain'>;
      maintain_audit_partitions: JobPayload<'maintain_audit_partitions'>;
      process_deployment_bars: JobPayload<'process_deployment_bars'>;
      check_deployment_freshness: JobPayload<'check_deployment_freshness'>;
      expire_promotion_requests: JobPayload<'expire_promotion_requests'>;
      open_promotion_requests: JobPayload<'open_promotion_requests'>;
      apply_demotion_triggers: JobPayload<'apply_demotion_triggers'>;
      record_promotion_candidates: JobPayload<'record_promotion_candidates'>;
      deliver_notification: JobPayload<'deliver_notification'>;
      generate_daily_reports: JobPayload<'generate_daily_reports'>;
      evaluate_deployment_monitoring: JobPayload<'evaluate_deployment_monitoring'>;
      evaluate_strategy_redundancy: JobPayload<'evaluate_strategy_redundancy'>;
      reconcile_monitoring_incident: JobPayload<'reconcile_monitoring_incident'>;
    }
  }
}

/**
 * Job priorities (graphile-worker: LOWER runs first): production remediation (incident re-validation) before
 * version validation before scheduled research.
 */
export const jobPriorities = { remediation: 0, validation: 10, research: 20 } as const;
export type JobPriorityClass = keyof typeof jobPriorities;

/**
 * Queue settings per task. `queueName` (when set) serializes that task's jobs on one named queue; evaluation
 * cycles are not queued by name so several workers can run different cycles at once.
 */
export const taskSettings: Readonly<Record<TaskName, { maxAttempts: number; priority: number; queueName?: string }>> = {
  run_backtest: { maxAttempts: 5, priority: jobPriorities.validation },
  run_optimization: { maxAttempts: 5, priority: jobPriorities.research },
  run_evaluation_cycle: { maxAttempts: 4, priority: jobPriorities.research },
  run_governance_simulation: { maxAttempts: 2, priority: jobPriorities.research },
  schedule_evaluation_cycle: { maxAttempts: 3, priority: jobPriorities.research },
  checkpoint_audit_chain: { maxAttempts: 3, priority: jobPriorities.remediation },
  maintain_audit_partitions: { maxAttempts: 5, priority: jobPriorities.remediation },
  // Money paths: production work runs first. A bar job that keeps failing stops its deployment's chain (the freshness
  // check then marks it DEGRADED and re-queues it) instead of retrying for hours.
  process_deployment_bars: { maxAttempts: 5, priority: jobPriorities.remediation },
  check_deployment_freshness: { maxAttempts: 3, priority: jobPriorities.remediation },
  expire_promotion_requests: { maxAttempts: 3, priority: jobPriorities.validation },
  open_promotion_requests: { maxAttempts: 3, priority: jobPriorities.validation },
  // A demotion is a protective move: it runs with the money paths.
  apply_demotion_triggers: { maxAttempts: 3, priority: jobPriorities.remediation },
  record_promotion_candidates: { maxAttempts: 3, priority: jobPriorities.validation },
  // Alerts go out first. A failed attempt is not a job failure: the task records it and queues the next attempt itself
  // (backoff per the retry policy); graphile-worker's own retries only cover a crash while recording.
  deliver_notification: { maxAttempts: 3, priority: jobPriorities.remediation },
  generate_daily_reports: { maxAttempts: 5, priority: jobPriorities.validation },
  // Monitoring acts before losses grow: remediation priority; a retried job acts once (breach keys).
  evaluate_deployment_monitoring: { maxAttempts: 5, priority: jobPriorities.remediation },
  evaluate_strategy_redundancy: { maxAttempts: 3, priority: jobPriorities.validation },
  // Evidence for the committee after a drift alert (remediation, FR-030): after the alerts themselves.
  reconcile_monitoring_incident: { maxAttempts: 3, priority: jobPriorities.remediation },
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
