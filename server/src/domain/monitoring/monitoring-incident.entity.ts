import { defineEntity, p } from '@mikro-orm/core';
import { doubleColumn, idColumn } from '../columns.ts';
import { PromotionRecord } from '../promotion/promotion-record.entity.ts';
import { BacktestRun } from '../backtest/backtest-run.entity.ts';
import { EvaluationCycle } from '../cycle/evaluation-cycle.entity.ts';
import { Deployment } from '../deployment/deployment.entity.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { TriggerEvent } from '../trigger/trigger-event.entity.ts';
import { User } from '../user/user.entity.ts';

export const incidentTypes = ['benchmark_lag', 'drawdown', 'risk_threshold', 'regime_shift', 'operational'] as const;
export type IncidentType = (typeof incidentTypes)[number];

/** Types a person opens on a strategy; `operational` incidents come from the platform (an escalated job). */
export const strategyIncidentTypes = ['benchmark_lag', 'drawdown', 'risk_threshold', 'regime_shift'] as const;
export type StrategyIncidentType = (typeof strategyIncidentTypes)[number];

export const incidentSeverities = ['warning', 'critical'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ['open', 'in_review', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/**
 * The context of a job that failed its last attempt (orchestration-spec FR-003, lifecycle-spec NFR-002), kept on
 * its operational incident so nobody has to dig through logs.
 */
export interface FailedJobContext {
  /** graphile-worker job id (a bigint, as text): one incident per job. */
  jobId: string;
  /** Task identifier, e.g. `run_evaluation_cycle`. */
  task: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  /** Job key (de-duplication key), when the job had one. */
  jobKey: string | null;
  /** Named queue the job was serialized on, when it had one. */
  queue: string | null;
  /** Queue priority (lower runs sooner), when known. */
  priority: number | null;
  /** Message of the error of the last attempt. */
  lastError: string;
}

const MonitoringIncidentSchema = defineEntity({
  name: 'MonitoringIncident',
  tableName: 'monitoring_incident',
  properties: {
    id: idColumn(),
    /** The deployment the finding is about; null for strategy-level and operational incidents. */
    deployment: p.manyToOne(Deployment).nullable().deleteRule('no action'),
    /** The strategy the finding is about; null for operational incidents. */
    strategy: p.manyToOne(Strategy).nullable().deleteRule('no action'),
    incidentType: p.enum(incidentTypes),
    detectedAt: p.datetime(),
    severity: p.enum(incidentSeverities),
    status: p.enum(incidentStatuses).default('open'),
    /** What was found, in a sentence or two. */
    summary: p.text(),
    /** Facts at detection: the failed job's context for `operational` incidents, the strategy's state otherwise. */
    context: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** Who opened it; null when the platform did (an escalated job, a monitor). */
    openedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    /**
     * Automatic actions taken (monitoring): `{ kind, rule, stage: { from, to }, activationState, positionSizeFactor,
     * ordersCancelled, positionFlattened, capitalAllocation: { from, to }, … }`; `{}` when none was taken.
     */
    autoActions: p.json<Record<string, unknown>>().columnType('jsonb'),
    /**
     * Capital the finding put at stake, in the deployment's quote currency: its equity at the last mark when the
     * monitor acted (the amount rolled back, throttled or sent to reserve); null for incidents without a deployment.
     */
    impactedCapital: doubleColumn().nullable(),
    /** The promotion record of the automatic stage change the incident caused (demotion, freeze); null when none. */
    promotionRecord: p.manyToOne(PromotionRecord).nullable().deleteRule('no action'),
    /**
     * The monitoring breach key this incident acts on (`<deployment id>:<rule>:<first breaching mark ms>`), unique:
     * two workers or a retried job seeing the same breach act once. Null for incidents a person or an escalation opened.
     */
    breachKey: p.string().nullable().unique('monitoring_incident_breach_key_unique'),
    /** The `monitoring_incident` trigger this incident recorded (strategy incidents). */
    triggerEvent: p.manyToOne(TriggerEvent).nullable().deleteRule('no action'),
    /** The remediation re-validation cycle the trigger queued (or joined); null when nothing could run. */
    followUpCycle: p.manyToOne(EvaluationCycle).nullable().deleteRule('set null'),
    /**
     * A drift alert's re-backtest: the DEPLOYED configuration (same version and parameters, same fill model, from the
     * live start equity) re-run over the deployment's live window and reconciled with the live record, recorded by the
     * `reconcile_monitoring_incident` job: `{ computedAt, windowStart, windowEnd, startEquity, backtestFillModel,
     * alignedMarks, trackingError (fraction per mark), finalEquityDifference (quote currency), attribution, counts }`.
     * Null until the job ran, and for other incidents.
     */
    reconciliation: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    /** The re-test run this incident caused; integrity kept by the application when it completes. */
    followUpRun: p.manyToOne(BacktestRun).nullable().deleteRule('set null'),
    resolvedAt: p.datetime().nullable(),
    /** Analyst commentary, one line per status change (`<ISO time> <who> → <status>: <notes>`). */
    notes: p.text().nullable(),
  },
  indexes: [
    { properties: ['deployment', 'status'] },
    { properties: ['status', 'detectedAt'] },
    { properties: ['detectedAt'] },
    { properties: ['strategy', 'status'] },
    // One operational incident per failed job: the escalation looks it up by job id.
    {
      name: 'monitoring_incident_job_id_index',
      expression: `create index "monitoring_incident_job_id_index" on "monitoring_incident" (("context"->>'jobId')) where "incident_type" = 'operational'`,
    },
  ],
  checks: [
    {
      name: 'monitoring_incident_subject_check',
      expression: `incident_type = 'operational' or deployment_id is not null or strategy_id is not null`,
    },
  ],
});

/**
 * A finding that needs attention, with what was done about it: a monitoring finding on a deployment or a
 * strategy (which queues a remediation re-validation), or an operational incident (a job given up after its
 * last retry). Status: open → in_review → resolved → closed (`incident.lifecycle.ts`).
 */
export class MonitoringIncident extends MonitoringIncidentSchema.class {}
MonitoringIncidentSchema.setClass(MonitoringIncident);
