import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { calculateProbabilityOfBacktestOverfitting } from '../overfitting/backtest-overfitting.ts';
import { calculateDeflatedSharpeRatio } from '../overfitting/deflated-sharpe-ratio.ts';
import { calculateSharpeRatioMoments } from '../overfitting/probabilistic-sharpe-ratio.ts';
import { cscvBlockCount, reduceTrialReturns, type TrialReturnMatrix } from '../overfitting/trial-return-matrix.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { calculateRegimeMetrics, calculateRegimeRobustness } from '../regimes/regime-breakdown.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import { runWalkForwardSegment, type WalkForwardOptions } from './walk-forward.ts';
import type { WalkForwardWindow } from './walk-forward-windows.ts';

/** One trial of an optimization segment. */
export interface OptimizationTrial {
  index: number;
  seed: number;
  parameters: ParameterValues;
  feasible: boolean;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  /** Share of regimes (0–1) with a positive OOS Sharpe (≥ 30 test bars each); NaN when no regime qualifies. */
  robustness: number;
}

/** A computed walk-forward optimization segment with its trials and overfitting statistics (IEEE values). */
export interface OptimizationSegment {
  index: number;
  seed: number;
  trainStartTime: number;
  testStartTime: number;
  testEndTime: number;
  /** Open time of the bar after the test window (or the last test bar's open + one bar) — the range's upper end. */
  testEndExclusiveTime: number;
  parameters: ParameterValues;
  feasible: boolean;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  /** OOS CAGR ÷ IS CAGR of the chosen trial; NaN when the IS CAGR is ≤ 0. */
  walkForwardEfficiency: number;
  outOfSampleTimestamps: Float64Array;
  outOfSampleReturns: Float64Array;
  /** The trials' train returns reduced for CSCV (what PBO was computed from). */
  matrix: TrialReturnMatrix;
  /** PBO by CSCV (16 blocks) over `matrix`, 0–1; NaN with fewer than 16 rows or 2 trials. */
  probabilityOfBacktestOverfitting: number;
  /** DSR of the chosen trial's train returns given every trial's per-observation Sharpe, 0–1; NaN below 2 trials. */
  deflatedSharpeRatio: number;
  trials: OptimizationTrial[];
}

/**
 * Runs segment `index` of a walk-forward optimization: the train-window search (trial returns kept), the chosen
 * parameters out of sample, every trial out of sample (its metrics and regime robustness), PBO by CSCV over the
 * reduced trial-return matrix ({@link reduceTrialReturns}) and the DSR of the chosen trial given all trials' Sharpe
 * ratios (N = the number of trials, all distinct points). `bandIndex` = the dataset's per-bar regime labels
 * (`calculateVolatilityRegimes().bandIndex`).
 *
 * @throws EngineInputError from search or backtest validation.
 */
export function runOptimizationSegment(
  frame: BarFrame,
  template: StrategyTemplate,
  options: WalkForwardOptions,
  window: WalkForwardWindow,
  index: number,
  bandIndex: Int8Array,
): OptimizationSegment {
  const { segment, search, outOfSample, trialsOutOfSample } = runWalkForwardSegment(frame, template, options, window, index, true, true);
  const testBands = bandIndex.subarray(window.testStart - 1, window.testEnd);
  const periodsPerYear = options.backtest.periodsPerYear;
  const trials = search.trials.map((trial): OptimizationTrial => {
    const oos = trialsOutOfSample[trial.index];
    const withLead = new Float64Array(oos.returns.length + 1);
    withLead.set(oos.returns, 1);
    const robustness = calculateRegimeRobustness(calculateRegimeMetrics(withLead, testBands, periodsPerYear), 30).score;
    return {
      index: trial.index,
      seed: trial.seed,
      parameters: trial.parameters,
      feasible: trial.objective.feasible,
      inSampleMetrics: trial.metrics,
      outOfSampleMetrics: oos.metrics,
      robustness,
    };
  });
  const returnsByTrial = search.trials.map((trial) => trial.returns ?? new Float64Array(0));
  const matrix = reduceTrialReturns(returnsByTrial);
  const probabilityOfBacktestOverfitting =
    matrix.rows >= cscvBlockCount && matrix.series.length >= 2 ? calculateProbabilityOfBacktestOverfitting(matrix.series, cscvBlockCount).probabilityOfBacktestOverfitting : Number.NaN;
  let deflatedSharpeRatio = Number.NaN;
  const chosen = search.best ?? search.trials[search.ranking[0]];
  if (chosen?.returns && search.trials.length >= 2) {
    const sharpeRatios = Float64Array.from(returnsByTrial, (returns) => calculateSharpeRatioMoments(returns).sharpe);
    // N = the number of DISTINCT configurations tried (the search never repeats a point, so all of them).
    const distinctConfigurations = new Set(search.trials.map((trial) => JSON.stringify(trial.parameters))).size;
    try {
      deflatedSharpeRatio = calculateDeflatedSharpeRatio(chosen.returns, sharpeRatios, distinctConfigurations).deflatedSharpeRatio;
    } catch (error) {
      if (!(error instanceof EngineInputError)) throw error;
    }
  }
  const step = frame.length > 1 ? frame.timestamp[1] - frame.timestamp[0] : 0;
  return {
    index,
    seed: segment.seed,
    trainStartTime: segment.trainStartTime,
    testStartTime: segment.testStartTime,
    testEndTime: segment.testEndTime,
    testEndExclusiveTime: window.testEnd < frame.length ? frame.timestamp[window.testEnd] : segment.testEndTime + step,
    parameters: segment.parameters,
    feasible: segment.feasible,
    inSampleMetrics: segment.inSampleMetrics,
    outOfSampleMetrics: segment.outOfSampleMetrics,
    walkForwardEfficiency: segment.walkForwardEfficiency,
    outOfSampleTimestamps: frame.timestamp.slice(window.testStart, window.testEnd),
    outOfSampleReturns: outOfSample.returns.slice(),
    matrix,
    probabilityOfBacktestOverfitting,
    deflatedSharpeRatio,
    trials,
  };
}
