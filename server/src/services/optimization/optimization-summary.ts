import {
  calculateCompoundAnnualGrowthRate,
  calculateObjectiveEvaluation,
  calculateParameterSensitivity,
  calculatePerformanceMetrics,
  calculateProbabilisticSharpeRatio,
  calculateRegimeMetrics,
  calculateRegimeRobustness,
  compareObjectiveEvaluations,
  regimeBands,
  runBacktest,
  sliceBarFrame,
  type BarFrame,
  type ParameterSpace,
  type ParameterValues,
  type PerformanceMetrics,
  type SearchObjective,
  type StrategyTemplate,
  type BacktestOptions,
  type WalkForwardWindow,
} from '../../engine/index.ts';
import type { StoredRegimeMetrics, StoredSensitivity } from '../../domain/optimization/optimization-settings.ts';
import { toStoredMetrics } from '../backtest/stored-metrics.ts';

/** What the summary needs of one stored segment (in segment order within its dataset). */
export interface SegmentOutcome {
  window: WalkForwardWindow;
  parameters: ParameterValues;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  outOfSampleReturns: Float64Array;
  probabilityOfOverfitting: number;
  deflatedSharpeRatio: number;
}

/** One dataset of the optimization with its frame, regime labels and stored segments. */
export interface DatasetOutcome {
  frame: BarFrame;
  bandIndex: Int8Array;
  backtest: BacktestOptions;
  segments: SegmentOutcome[];
}

/** The optimization's results summary (non-finite values as NaN; the service maps them to null). */
export interface OptimizationSummary {
  /** Index of the dataset whose last segment's parameters won, and that segment's position. */
  bestDatasetIndex: number;
  bestSegmentIndex: number;
  bestParameters: ParameterValues;
  probabilityOfOverfitting: number;
  deflatedSharpeRatio: number;
  probabilisticSharpeRatio: number;
  walkForwardEfficiency: number;
  robustnessScore: number;
  outOfSampleMetrics: PerformanceMetrics;
  regimeMetrics: StoredRegimeMetrics;
  sensitivity: StoredSensitivity;
}

const finiteMean = (values: number[]): number => {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
};

/** Concatenated OOS returns of a dataset's segments, with the regime label of the bar before each (for attribution). */
export function stitchOutOfSample(dataset: DatasetOutcome): { returnsWithLead: Float64Array; bands: Int8Array; returns: Float64Array } {
  const total = dataset.segments.reduce((sum, segment) => sum + segment.outOfSampleReturns.length, 0);
  const returnsWithLead = new Float64Array(total + 1);
  const bands = new Int8Array(total + 1).fill(-1);
  let cursor = 0;
  for (const segment of dataset.segments) {
    for (let offset = 0; offset < segment.outOfSampleReturns.length; offset++) {
      returnsWithLead[cursor + 1] = segment.outOfSampleReturns[offset];
      bands[cursor] = dataset.bandIndex[segment.window.testStart + offset - 1];
      cursor++;
    }
  }
  return { returnsWithLead, bands, returns: returnsWithLead.subarray(1) };
}

/**
 * Summarizes an optimization from its stored segments: stitched OOS metrics, regime breakdown and PSR of the FIRST
 * dataset; walk-forward efficiency (stitched OOS CAGR ÷ mean IS CAGR) and regime robustness averaged over datasets;
 * PBO and DSR averaged over segments; best parameters = the last segment's choice of the dataset whose last segment
 * scored best OUT OF SAMPLE by the objective; parameter sensitivity (radius 2) of that point on that segment's train
 * window, scored by the objective metric.
 */
export function summarizeOptimization(
  template: StrategyTemplate,
  space: ParameterSpace,
  objective: SearchObjective,
  datasets: DatasetOutcome[],
): OptimizationSummary {
  const efficiencies: number[] = [];
  const robustness: number[] = [];
  let firstStitched: ReturnType<typeof stitchOutOfSample> | null = null;
  let regimeMetrics: StoredRegimeMetrics = {};
  datasets.forEach((dataset, datasetIndex) => {
    const stitched = stitchOutOfSample(dataset);
    const periodsPerYear = dataset.backtest.periodsPerYear;
    const meanInSampleCagr = finiteMean(dataset.segments.map((segment) => segment.inSampleMetrics.cagr));
    efficiencies.push(calculateCompoundAnnualGrowthRate(stitched.returns, periodsPerYear) / meanInSampleCagr);
    const byRegime = calculateRegimeMetrics(stitched.returnsWithLead, stitched.bands, periodsPerYear);
    robustness.push(calculateRegimeRobustness(byRegime, 30).score);
    if (datasetIndex === 0) {
      firstStitched = stitched;
      regimeMetrics = Object.fromEntries(
        regimeBands.map((band) => [band, { barCount: byRegime[band].barCount, metrics: toStoredMetrics(byRegime[band].metrics) }]),
      );
    }
  });
  let bestDatasetIndex = 0;
  datasets.forEach((dataset, index) => {
    const candidate = dataset.segments.at(-1);
    const incumbent = datasets[bestDatasetIndex].segments.at(-1);
    if (!candidate || !incumbent || index === bestDatasetIndex) return;
    const order = compareObjectiveEvaluations(
      objective.direction,
      calculateObjectiveEvaluation(objective, candidate.outOfSampleMetrics),
      calculateObjectiveEvaluation(objective, incumbent.outOfSampleMetrics),
    );
    if (order < 0) bestDatasetIndex = index;
  });
  const bestDataset = datasets[bestDatasetIndex];
  const bestSegmentIndex = bestDataset.segments.length - 1;
  const bestSegment = bestDataset.segments[bestSegmentIndex];
  const trainFrame = sliceBarFrame(bestDataset.frame, bestSegment.window.trainStart, bestSegment.window.trainEnd);
  const score = (parameters: ParameterValues): number => runBacktest(trainFrame, template, parameters, bestDataset.backtest).metrics[objective.metric];
  const sensitivity = calculateParameterSensitivity(space, bestSegment.parameters, score, 2);
  const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);
  const stitched = firstStitched as ReturnType<typeof stitchOutOfSample> | null;
  const stitchedReturns = stitched?.returns ?? new Float64Array(0);
  const allSegments = datasets.flatMap((dataset) => dataset.segments);
  return {
    bestDatasetIndex,
    bestSegmentIndex,
    bestParameters: bestSegment.parameters,
    probabilityOfOverfitting: finiteMean(allSegments.map((segment) => segment.probabilityOfOverfitting)),
    deflatedSharpeRatio: finiteMean(allSegments.map((segment) => segment.deflatedSharpeRatio)),
    probabilisticSharpeRatio: calculateProbabilisticSharpeRatio(stitchedReturns),
    walkForwardEfficiency: finiteMean(efficiencies),
    robustnessScore: finiteMean(robustness),
    outOfSampleMetrics: calculatePerformanceMetrics(stitchedReturns, datasets[0].backtest.periodsPerYear),
    regimeMetrics,
    sensitivity: {
      centerScore: orNull(sensitivity.centerScore),
      meanNeighborScore: orNull(sensitivity.meanNeighborScore),
      worstNeighborScore: orNull(sensitivity.worstNeighborScore),
      neighborhoodRatio: orNull(sensitivity.neighborhoodRatio),
      cells: sensitivity.neighbors.map((neighbor) => ({
        parameter: neighbor.parameter,
        offset: neighbor.offset,
        value: neighbor.parameters[neighbor.parameter],
        score: orNull(neighbor.score),
      })),
    },
  };
}
