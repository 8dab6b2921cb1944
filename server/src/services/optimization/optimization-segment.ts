import {
  calculateDeflatedSharpeRatio,
  calculateProbabilityOfBacktestOverfitting,
  calculateRegimeMetrics,
  calculateRegimeRobustness,
  calculateSharpeRatioMoments,
  EngineInputError,
  runWalkForwardSegment,
  type BarFrame,
  type ParameterValues,
  type PerformanceMetrics,
  type StrategyTemplate,
  type WalkForwardOptions,
  type WalkForwardWindow,
} from '../../engine/index.ts';
import { reduceTrialReturns, cscvBlockCount, type TrialReturnMatrix } from './trial-return-matrix.ts';

/** One trial of a segment, ready to store. */
export interface ComputedTrial {
  index: number;
  seed: number;
  parameters: ParameterValues;
  feasible: boolean;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  /** Share of regimes (0–1) with a positive OOS Sharpe; NaN when no regime has enough test bars. */
  robustness: number;
}

/** A computed walk-forward segment with its trials and overfitting statistics. */
export interface ComputedSegment {
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
  walkForwardEfficiency: number;
  outOfSampleTimestamps: Float64Array;
  outOfSampleReturns: Float64Array;
  matrix: TrialReturnMatrix;
  probabilityOfOverfitting: number;
  deflatedSharpeRatio: number;
  trials: ComputedTrial[];
}

/**
 * Runs segment `index` of a walk-forward optimization with the engine: the train-window search (trial returns kept),
 * the chosen parameters out of sample, every trial out of sample (its `resultMetrics` and regime robustness), PBO by
 * CSCV over the reduced trial-return matrix and the DSR of the chosen trial given all trials' Sharpe ratios.
 * Pure: no I/O. `bandIndex` = the dataset's per-bar regime labels (engine `calculateVolatilityRegimes`).
 */
export function calculateOptimizationSegment(
  frame: BarFrame,
  template: StrategyTemplate,
  options: WalkForwardOptions,
  window: WalkForwardWindow,
  index: number,
  bandIndex: Int8Array,
): ComputedSegment {
  const { segment, search, outOfSample, trialsOutOfSample } = runWalkForwardSegment(frame, template, options, window, index, true, true);
  const testBands = bandIndex.subarray(window.testStart - 1, window.testEnd);
  const periodsPerYear = options.backtest.periodsPerYear;
  const trials = search.trials.map((trial): ComputedTrial => {
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
  let probabilityOfOverfitting = Number.NaN;
  if (matrix.rows >= cscvBlockCount && matrix.series.length >= 2) {
    probabilityOfOverfitting = calculateProbabilityOfBacktestOverfitting(matrix.series, cscvBlockCount).probabilityOfBacktestOverfitting;
  }
  let deflatedSharpeRatio = Number.NaN;
  const chosen = search.best ?? search.trials[search.ranking[0]];
  if (chosen?.returns && search.trials.length >= 2) {
    const sharpeRatios = Float64Array.from(returnsByTrial, (returns) => calculateSharpeRatioMoments(returns).sharpe);
    try {
      deflatedSharpeRatio = calculateDeflatedSharpeRatio(chosen.returns, sharpeRatios).deflatedSharpe;
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
    probabilityOfOverfitting,
    deflatedSharpeRatio,
    trials,
  };
}
