import type { BarFrame } from '../bars/bar-frame.ts';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { runBacktest, runBacktestMetrics } from '../backtest/simulator.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { ParameterSpace, ParameterValue, ParameterValues } from '../parameters/parameter-space.ts';
import { calculateConstraintsSatisfied, calculateParameterValueAt } from '../parameters/sample-parameters.ts';
import { deriveSeed } from '../random/derive-seed.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { makeStandardNormalSampler } from '../random/normal-sampler.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import type { UnitPoint } from './grid-points.ts';
import { makeGridPoints } from './grid-points.ts';
import { makeLatinHypercubePoints } from './latin-hypercube.ts';
import { calculateObjectiveEvaluation, compareObjectiveEvaluations } from './search-objective.ts';
import type { ObjectiveEvaluation, SearchObjective } from './search-objective.ts';
import { proposeTreeParzenPoint } from './tree-parzen-estimator.ts';

/** Search strategy: exhaustive grid, uniform random, Latin hypercube, or Tree-structured Parzen Estimator. */
export type SearchMethod = 'grid' | 'random' | 'latin_hypercube' | 'tree_parzen';

/** What evaluating one parameter point produced. `returns` (per-bar) is needed for PBO/DSR. */
export interface TrialEvaluation {
  metrics: PerformanceMetrics;
  returns?: Float64Array;
}

/** Evaluates a parameter point (typically a backtest on the training frame). Must be deterministic. */
export type TrialEvaluator = (parameters: ParameterValues) => TrialEvaluation;

/**
 * Search settings.
 * - `budget`: maximum number of trials (grid may use fewer: its feasible points).
 * - `seed`: 32-bit seed; trial i of random/TPE uses `deriveSeed(seed, i)`, LHS round r uses `deriveSeed(seed, r)`.
 * - `startupTrials`: TPE only, random trials before the Parzen model is used (default `min(10, budget)`).
 * - `keepReturns`: keep each trial's per-bar returns (memory: budget × bars × 8 bytes).
 */
export interface SearchOptions {
  method: SearchMethod;
  budget: number;
  seed: number;
  objective: SearchObjective;
  startupTrials?: number;
  keepReturns?: boolean;
}

/** One evaluated point of a search. */
export interface SearchTrial {
  /** Evaluation order, from 0. */
  index: number;
  /** Seed that drew this point (the search seed for grid points). */
  seed: number;
  parameters: ParameterValues;
  /** Coordinates in the unit cube, one per parameter (definition order). */
  units: readonly number[];
  metrics: PerformanceMetrics;
  objective: ObjectiveEvaluation;
  returns: Float64Array | null;
}

/** Result of {@link runParameterSearch}. */
export interface SearchResult {
  method: SearchMethod;
  seed: number;
  budget: number;
  /** Trials in evaluation order. */
  trials: SearchTrial[];
  /** Trial indices best first: feasible by objective (NaN last), then infeasible; ties by index. */
  ranking: number[];
  /** The best feasible trial, or null when no trial is feasible. */
  best: SearchTrial | null;
}

/** Most draws a random or TPE trial makes to find a point no earlier trial has. */
export const maxRedraws = 1000;

function drawUniformPoint(space: ParameterSpace, uniform: () => number): UnitPoint | undefined {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const units: number[] = [];
    const values: Record<string, ParameterValue> = {};
    for (const definition of space.parameters) {
      const unit = uniform();
      units.push(unit);
      values[definition.name] = calculateParameterValueAt(definition, unit);
    }
    if (calculateConstraintsSatisfied(space, values)) return { values: Object.freeze(values), units };
  }
  return undefined;
}

/**
 * Search a parameter space under a trial budget, evaluating each point with `evaluate` and
 * scoring it with `options.objective` (constraints make trials infeasible; infeasible trials rank
 * below feasible ones). Deterministic for a given seed.
 *
 * The trial set has NO duplicate points, so its size is the number of distinct configurations tried (the N of the
 * Deflated Sharpe Ratio): random and TPE redraw a point that repeats an earlier trial from the same trial generator
 * (up to {@link maxRedraws} draws, after which the space counts as exhausted and the search stops early); Latin
 * hypercube rounds skip repeated points; grid points are distinct by construction.
 *
 * @throws EngineInputError('budget') when the budget is not a positive integer,
 *   EngineInputError('seed') when the seed is not an integer.
 */
export function runParameterSearch(space: ParameterSpace, evaluate: TrialEvaluator, options: SearchOptions): SearchResult {
  const { budget, seed, method, objective } = options;
  if (!Number.isInteger(budget) || budget < 1) throw new EngineInputError('budget', 'budget must be a positive integer');
  if (!Number.isInteger(seed)) throw new EngineInputError('seed', 'seed must be an integer');
  const trials: SearchTrial[] = [];
  const seen = new Set<string>();
  const isNew = (point: UnitPoint): boolean => !seen.has(JSON.stringify(point.values));
  /** Evaluates and records `point` unless an earlier trial has the same values; returns whether it was recorded. */
  const record = (point: UnitPoint, trialSeed: number): boolean => {
    const key = JSON.stringify(point.values);
    if (seen.has(key)) return false;
    seen.add(key);
    const evaluation = evaluate(point.values);
    trials.push({
      index: trials.length,
      seed: trialSeed,
      parameters: point.values,
      units: point.units,
      metrics: evaluation.metrics,
      objective: calculateObjectiveEvaluation(objective, evaluation.metrics),
      returns: options.keepReturns === true ? (evaluation.returns ?? null) : null,
    });
    return true;
  };
  /** Draws with `draw` until a point no earlier trial has (at most maxRedraws draws); undefined when none is found. */
  const drawNew = (draw: () => UnitPoint | undefined): UnitPoint | undefined => {
    for (let attempt = 0; attempt < maxRedraws; attempt++) {
      const point = draw();
      if (point === undefined) return undefined;
      if (isNew(point)) return point;
    }
    return undefined;
  };
  const rankTrials = (): number[] =>
    trials
      .map((trial) => trial.index)
      .sort((first, second) => compareObjectiveEvaluations(objective.direction, trials[first].objective, trials[second].objective) || first - second);

  switch (method) {
    case 'grid':
      for (const point of makeGridPoints(space, budget)) record(point, seed);
      break;
    case 'random':
      for (let index = 0; index < budget; index++) {
        const trialSeed = deriveSeed(seed, index);
        const uniform = makeMulberry32(trialSeed);
        const point = drawNew(() => drawUniformPoint(space, uniform));
        if (point === undefined) break;
        record(point, trialSeed);
      }
      break;
    case 'latin_hypercube':
      for (let round = 0; trials.length < budget && round < 100; round++) {
        const roundSeed = deriveSeed(seed, round);
        for (const point of makeLatinHypercubePoints(space, budget - trials.length, makeMulberry32(roundSeed))) record(point, roundSeed);
      }
      break;
    case 'tree_parzen': {
      const startup = Math.min(options.startupTrials ?? 10, budget);
      for (let index = 0; index < budget; index++) {
        const trialSeed = deriveSeed(seed, index);
        const uniform = makeMulberry32(trialSeed);
        const normal = makeStandardNormalSampler(uniform);
        const history = index < startup ? [] : rankTrials().map((trialIndex) => trials[trialIndex].units);
        const point = drawNew(() => (index < startup ? drawUniformPoint(space, uniform) : proposeTreeParzenPoint(space, history, uniform, normal)));
        if (point === undefined) break;
        record(point, trialSeed);
      }
      break;
    }
    default:
      throw new EngineInputError('method', `unknown search method '${String(method)}'`);
  }
  const ranking = rankTrials();
  const first = ranking.length > 0 ? trials[ranking[0]] : undefined;
  return { method, seed, budget, trials, ranking, best: first !== undefined && first.objective.feasible ? first : null };
}

/**
 * A {@link TrialEvaluator} that backtests `template` on `frame` with `options` and returns the
 * metrics and, when `returnsKept` (the default), the per-bar returns. Without returns (a search that does not keep
 * them) each trial runs the fused `runBacktestMetrics` — the same metrics, no series or trade list allocated — with
 * one indicator cache shared by the evaluator's trials.
 */
export function makeBacktestEvaluator(frame: BarFrame, template: StrategyTemplate, options: BacktestOptions, returnsKept = true): TrialEvaluator {
  if (!returnsKept) {
    const indicators = new IndicatorCache(frame);
    return (parameters) => ({ metrics: runBacktestMetrics(frame, template, parameters, options, indicators).metrics });
  }
  return (parameters) => {
    const result = runBacktest(frame, template, parameters, options);
    return { metrics: result.metrics, returns: result.returns };
  };
}
