import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { runBacktest } from '../backtest/simulator.ts';
import { sliceBarFrame, type BarFrame } from '../bars/bar-frame.ts';
import { calculateCompoundAnnualGrowthRate } from '../metrics/compound-annual-growth-rate.ts';
import { calculatePerformanceMetrics, type PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { calculateFiniteMean } from '../metrics/sample-statistics.ts';
import { calculateProbabilisticSharpeRatio } from '../overfitting/probabilistic-sharpe-ratio.ts';
import type { ParameterSpace, ParameterValues } from '../parameters/parameter-space.ts';
import { calculateRegimeMetrics, calculateRegimeRobustness, type RegimeMetrics } from '../regimes/regime-breakdown.ts';
import type { RegimeBand } from '../regimes/volatility-regimes.ts';
import { calculateParameterSensitivity, type ParameterSensitivity } from '../robustness/parameter-sensitivity.ts';
import { calculateObjectiveEvaluation, compareObjectiveEvaluations, type SearchObjective } from '../search/search-objective.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import { calculateWalkForwardEfficiency } from './walk-forward-efficiency.ts';
import type { WalkForwardWindow } from './walk-forward-windows.ts';

/** What the summary needs of one segment (in segment order within its dataset). */
export interface SegmentOutcome {
  window: WalkForwardWindow;
  parameters: ParameterValues;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  outOfSampleReturns: Float64Array;
  probabilityOfBacktestOverfitting: number;
  deflatedSharpeRatio: number;
}

/** One dataset of the optimization with its frame, regime labels and segments. */
export interface DatasetOutcome {
  frame: BarFrame;
  bandIndex: Int8Array;
  backtest: BacktestOptions;
  segments: SegmentOutcome[];
}

/** An optimization's results summary (IEEE values: NaN where not defined). */
export interface OptimizationSummary {
  /** Index of the dataset whose last segment's parameters won, and that segment's position. */
  bestDatasetIndex: number;
  bestSegmentIndex: number;
  bestParameters: ParameterValues;
  /** Mean over segments (finite values) of the segments' PBO, 0–1. */
  probabilityOfBacktestOverfitting: number;
  /** Mean over segments (finite values) of the segments' DSR, 0–1. */
  deflatedSharpeRatio: number;
  /** PSR (benchmark 0) of the first dataset's stitched OOS returns, 0–1. */
  probabilisticSharpeRatio: number;
  /** Mean over datasets of stitched OOS CAGR ÷ mean IS CAGR (NaN for a dataset whose IS CAGR is ≤ 0). */
  walkForwardEfficiency: number;
  /** Mean over datasets of the share (0–1) of regimes with a positive OOS Sharpe. */
  robustnessScore: number;
  /** Metrics of the first dataset's stitched OOS returns. */
  outOfSampleMetrics: PerformanceMetrics;
  /** Per regime band: metrics of the first dataset's stitched OOS returns. */
  regimeMetrics: Record<RegimeBand, RegimeMetrics>;
  /** Sensitivity (radius 2) of the best parameters on the best segment's train window, scored by the objective metric. */
  sensitivity: ParameterSensitivity;
}

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
 * Summarizes an optimization from its segments: stitched OOS metrics, regime breakdown and PSR of the FIRST
 * dataset; walk-forward efficiency ({@link calculateWalkForwardEfficiency}) and regime robustness averaged over
 * datasets; PBO and DSR averaged over segments; best parameters = the last segment's choice of the dataset whose last
 * segment scored best OUT OF SAMPLE by the objective; parameter sensitivity (radius 2) of that point on that
 * segment's train window, scored by the objective metric. Needs at least one dataset with one segment.
 */
export function summarizeOptimization(template: StrategyTemplate, space: ParameterSpace, objective: SearchObjective, datasets: readonly DatasetOutcome[]): OptimizationSummary {
  const efficiencies: number[] = [];
  const robustness: number[] = [];
  let firstStitched: ReturnType<typeof stitchOutOfSample> | null = null;
  let regimeMetrics: Record<RegimeBand, RegimeMetrics> | null = null;
  datasets.forEach((dataset, datasetIndex) => {
    const stitched = stitchOutOfSample(dataset);
    const periodsPerYear = dataset.backtest.periodsPerYear;
    const outOfSampleCagr = calculateCompoundAnnualGrowthRate(stitched.returns, periodsPerYear);
    efficiencies.push(calculateWalkForwardEfficiency(outOfSampleCagr, dataset.segments.map((segment) => segment.inSampleMetrics.cagr)));
    const byRegime = calculateRegimeMetrics(stitched.returnsWithLead, stitched.bands, periodsPerYear);
    robustness.push(calculateRegimeRobustness(byRegime, 30).score);
    if (datasetIndex === 0) {
      firstStitched = stitched;
      regimeMetrics = byRegime;
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
  const stitchedReturns = (firstStitched as ReturnType<typeof stitchOutOfSample> | null)?.returns ?? new Float64Array(0);
  const allSegments = datasets.flatMap((dataset) => dataset.segments);
  return {
    bestDatasetIndex,
    bestSegmentIndex,
    bestParameters: bestSegment.parameters,
    probabilityOfBacktestOverfitting: calculateFiniteMean(allSegments.map((segment) => segment.probabilityOfBacktestOverfitting)),
    deflatedSharpeRatio: calculateFiniteMean(allSegments.map((segment) => segment.deflatedSharpeRatio)),
    probabilisticSharpeRatio: calculateProbabilisticSharpeRatio(stitchedReturns),
    walkForwardEfficiency: calculateFiniteMean(efficiencies),
    robustnessScore: calculateFiniteMean(robustness),
    outOfSampleMetrics: calculatePerformanceMetrics(stitchedReturns, datasets[0].backtest.periodsPerYear),
    regimeMetrics: regimeMetrics!,
    sensitivity: calculateParameterSensitivity(space, bestSegment.parameters, score, 2),
  };
}
