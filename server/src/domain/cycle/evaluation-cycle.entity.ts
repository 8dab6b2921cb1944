import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { queuedWorkStatuses, type QueuedWorkStatus } from '../lifecycle/queued-work.lifecycle.ts';

export const evaluationCycleStatuses = queuedWorkStatuses;
export type EvaluationCycleStatus = QueuedWorkStatus;

/** A dataset a cycle evaluates on, pinned by checksum. */
export interface CycleDataset {
  id: string;
  checksum: string;
  symbol: string;
  timeframe: string;
}

/** One strategy a cycle could not evaluate, and why (its previous scorecard entry stays as it was). */
export interface CycleStrategyFailure {
  strategyId: string;
  strategyVersionId: string;
  reason: string;
}

const EvaluationCycleSchema = defineEntity({
  name: 'EvaluationCycle',
  tableName: 'evaluation_cycle',
  properties: {
    id: idColumn(),
    status: p.enum(evaluationCycleStatuses).default('queued'),
    /** Unique configurations to generate (≥ 60 by default). */
    configurationCount: p.integer(),
    /** Largest share of configurations one strategy may take, a fraction (0.3 = 30 %). */
    maxTemplateShare: doubleColumn(),
    seed: p.bigint('number'),
    /** Hash of the strategies in scope: a queued cycle with the same key absorbs later triggers (one set of runs). */
    scopeKey: p.string(),
    /** Strategies in scope; null = every strategy with an approved version that is not retired. */
    strategyIds: p.json<string[]>().columnType('jsonb').nullable(),
    /** Symbols evaluated (daily and hourly datasets of each). */
    symbols: p.json<string[]>().columnType('jsonb'),
    datasets: p.json<CycleDataset[]>().columnType('jsonb').nullable(),
    scoringPolicyVersion: p.string().nullable(),
    evaluationDate: p.date().nullable(),
    correlationId: p.string(),
    /** `scheduled`, `manual`, `startup` or a trigger type. */
    reason: p.string(),
    queuedAt: createdAtColumn(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    failureReason: p.text().nullable(),
    /**
     * Strategies left out of a cycle because they failed on their own (e.g. a parameter space that cannot satisfy its
     * constraints, or a template that throws on the data); the cycle completes for the others.
     */
    strategyFailures: p.json<CycleStrategyFailure[]>().columnType('jsonb').nullable(),
    trialCount: p.integer().default(0),
    /** PBO by CSCV over every configuration of the cycle, 0–1. */
    probabilityOfBacktestOverfitting: doubleColumn().nullable(),
    /** Configuration keys in matrix column order. */
    trialKeys: p.json<string[]>().columnType('jsonb').nullable(),
    /** Little-endian float64, column-major by trial: each trial's compounded out-of-sample returns (`matrixRows` each). */
    trialReturnMatrix: p.blob().nullable().lazy(),
    matrixRows: p.integer().default(0),
    /** Wall time of the evaluation and scoring, milliseconds. */
    durationMs: p.integer().nullable(),
  },
  indexes: [{ properties: ['status'] }, { properties: ['scopeKey', 'status'] }],
});

/** One evaluation cycle: generated configurations × walk-forward evaluation → scorecard. */
export class EvaluationCycle extends EvaluationCycleSchema.class {}
EvaluationCycleSchema.setClass(EvaluationCycle);
