import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateParameterImportance, type ParameterImportance } from '../../engine/index.ts';
import type { Optimization } from '../../domain/optimization/optimization.entity.ts';
import { finiteOrNull } from '../finite-or-null.ts';
import type { StoredMetrics } from '../../domain/backtest/backtest-run.entity.ts';
import { readStoredMetric } from '../backtest/stored-metrics.ts';

/** Most trials one analysis reads (the oldest first: segment by segment); the rest are counted, not returned. */
export const maxAnalysedTrials = 20_000;

/** One trial as the optimization plots need it (objective values in the objective metric's unit). */
export interface TrialPoint {
  /** Position in the whole optimization, from 0: dataset by dataset, segment by segment, trial by trial. */
  sequence: number;
  segmentId: string;
  segmentIndex: number;
  marketDataSetId: string;
  trialIndex: number;
  parameters: Record<string, number | string | boolean>;
  feasible: boolean | null;
  /** The objective metric in-sample (what the search ranked); null when not finite. */
  objective: number | null;
  /** The objective metric out-of-sample. */
  outOfSampleObjective: number | null;
  inSampleSharpe: number | null;
  outOfSampleSharpe: number | null;
  outOfSampleReturn: number | null;
  outOfSampleMaxDrawdown: number | null;
  robustnessScore: number | null;
}

/** The trials of an optimization (or one segment) with the parameter importance of the in-sample objective. */
export interface TrialAnalysis {
  parameterNames: string[];
  totalCount: number;
  trials: TrialPoint[];
  importance: ParameterImportance[];
}

interface TrialRow {
  segment_id: string;
  segment_index: number;
  market_data_set_id: string;
  trial_index: number | null;
  parameters: Record<string, number | string | boolean>;
  feasible: boolean | null;
  result_metrics: StoredMetrics;
  in_sample_metrics: StoredMetrics | null;
  robustness_score: string | number | null;
  total: string;
}

const metric = (metrics: StoredMetrics | null, name: string) => finiteOrNull(readStoredMetric(metrics, name) ?? Number.NaN);

/**
 * Reads up to {@link maxAnalysedTrials} trials of `optimization` (of `segmentId` only when given) in run order and
 * computes the variance-based importance of each parameter for the in-sample objective (engine
 * `calculateParameterImportance`). Read-only; the caller authorizes.
 */
export async function readTrialAnalysis(em: EntityManager, optimization: Optimization, segmentId: string | null): Promise<TrialAnalysis> {
  const datasetOrder = optimization.datasets.map((dataset) => dataset.id);
  const rows = await em.execute<TrialRow[]>(
    `select t.segment_id, s.segment_index, s.market_data_set_id, t.trial_index, t.parameters, t.feasible, t.result_metrics,
            t.in_sample_metrics, t.robustness_score, count(*) over () as total
       from hyperparameter_trial t join walk_forward_segment s on s.id = t.segment_id
      where t.optimization_id = ? and (?::uuid is null or t.segment_id = ?::uuid)
      order by array_position(?::uuid[], s.market_data_set_id), s.segment_index, t.trial_index
      limit ?`,
    [optimization.id, segmentId, segmentId, `{${datasetOrder.join(',')}}`, maxAnalysedTrials],
  );
  const objective = optimization.objective.metric;
  const trials = rows.map((row, sequence): TrialPoint => ({
    sequence,
    segmentId: row.segment_id,
    segmentIndex: row.segment_index,
    marketDataSetId: row.market_data_set_id,
    trialIndex: row.trial_index ?? sequence,
    parameters: row.parameters,
    feasible: row.feasible,
    objective: metric(row.in_sample_metrics, objective),
    outOfSampleObjective: metric(row.result_metrics, objective),
    inSampleSharpe: metric(row.in_sample_metrics, 'sharpe'),
    outOfSampleSharpe: metric(row.result_metrics, 'sharpe'),
    outOfSampleReturn: metric(row.result_metrics, 'totalReturn'),
    outOfSampleMaxDrawdown: metric(row.result_metrics, 'maxDrawdown'),
    robustnessScore: row.robustness_score === null ? null : Number(row.robustness_score),
  }));
  const parameterNames = [...new Set(trials.flatMap((trial) => Object.keys(trial.parameters)))].sort();
  const importance = calculateParameterImportance(
    trials.map((trial) => ({ parameters: trial.parameters, objective: trial.objective ?? Number.NaN })),
    parameterNames,
  );
  return { parameterNames, totalCount: Number(rows[0]?.total ?? 0), trials, importance };
}
