import type { BarFrame } from '../bars/bar-frame.ts';
import { sliceBarFrame } from '../bars/bar-frame.ts';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { simulateTargets } from '../backtest/simulator.ts';
import type { Trade } from '../backtest/trade.ts';
import { calculateCompoundAnnualGrowthRate } from '../metrics/compound-annual-growth-rate.ts';
import { calculatePerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { ParameterSpace, ParameterValues } from '../parameters/parameter-space.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { deriveSeed } from '../random/derive-seed.ts';
import { makeBacktestEvaluator, runParameterSearch } from '../search/parameter-search.ts';
import type { SearchOptions, SearchResult } from '../search/parameter-search.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import { compoundEquity, stitchSeries } from './stitch-series.ts';
import { calculateWalkForwardEfficiency } from './walk-forward-efficiency.ts';
import { makeWalkForwardWindows } from './walk-forward-windows.ts';
import type { WalkForwardWindow, WalkForwardWindowOptions } from './walk-forward-windows.ts';

/** Settings of {@link runWalkForward}. Segment k searches with seed `deriveSeed(search.seed, k)`. */
export interface WalkForwardOptions {
  windows: WalkForwardWindowOptions;
  /** Space to search; default `template.parameterSpace` (pass a narrowed copy to restrict the search). */
  parameterSpace?: ParameterSpace;
  search: SearchOptions;
  backtest: BacktestOptions;
}

/** One optimize-then-test segment. Times are ms since epoch (bar open times). */
export interface WalkForwardSegment extends WalkForwardWindow {
  index: number;
  trainStartTime: number;
  testStartTime: number;
  testEndTime: number;
  /** Seed of this segment's search. */
  seed: number;
  /** Parameters chosen on the train window (the best feasible trial, else the best-ranked one). */
  parameters: ParameterValues;
  /** Whether the chosen trial met the objective's constraints in-sample. */
  feasible: boolean;
  trialCount: number;
  inSampleMetrics: PerformanceMetrics;
  outOfSampleMetrics: PerformanceMetrics;
  outOfSampleTrades: readonly Trade[];
  /** OOS CAGR ÷ IS CAGR of this segment ({@link calculateWalkForwardEfficiency}: NaN when the IS CAGR is ≤ 0). */
  walkForwardEfficiency: number;
}

/** Result of {@link runWalkForward}. */
export interface WalkForwardResult {
  segments: WalkForwardSegment[];
  /** Timestamps of the stitched out-of-sample bars (test windows in order). */
  outOfSampleTimestamps: Float64Array;
  /** Per-bar returns of the stitched out-of-sample series. */
  outOfSampleReturns: Float64Array;
  /** Equity of the stitched series, compounding from `initialEquity`. */
  outOfSampleEquity: Float64Array;
  /** Position held during each stitched bar. */
  outOfSamplePosition: Float64Array;
  outOfSampleMetrics: PerformanceMetrics;
  /**
   * Walk-forward efficiency, ANNUALIZED-RETURN based (R. Pardo, "The Evaluation and Optimization
   * of Trading Strategies", 2nd ed. 2008): CAGR of the stitched OOS series ÷ mean of the
   * segments' in-sample CAGR ({@link calculateWalkForwardEfficiency}): NaN when the mean IS CAGR is ≤ 0.
   */
  walkForwardEfficiency: number;
  /** Sharpe-based variant: stitched OOS Sharpe ÷ mean in-sample Sharpe. */
  sharpeEfficiency: number;
}

/** Out-of-sample path of one parameter point on one window (see {@link evaluateOutOfSample}). */
export interface OutOfSampleEvaluation {
  /** Per-bar returns of the test rows `[testStart, testEnd)`. */
  returns: Float64Array;
  /** Target position in force during each test bar. */
  position: Float64Array;
  trades: readonly Trade[];
  metrics: PerformanceMetrics;
}

/**
 * Trade `parameters` on the test rows of `window`: signals are computed on rows `[trainStart, testEnd)`
 * (indicators warm up on train data, causally); the test segment starts FLAT and its first fill is at
 * the open of the first test bar, from the target decided at the last train bar's close.
 */
export function evaluateOutOfSample(
  frame: BarFrame,
  template: StrategyTemplate,
  parameters: ParameterValues,
  window: WalkForwardWindow,
  backtest: BacktestOptions,
): OutOfSampleEvaluation {
  const signalFrame = sliceBarFrame(frame, window.trainStart, window.testEnd);
  const targets = new Float64Array(signalFrame.length);
  template.computeTargets(signalFrame, parameters, targets);
  return simulateOutOfSample(frame, targets, window, backtest);
}

/** The out-of-sample part of {@link evaluateOutOfSample}, from targets already computed on rows `[trainStart, testEnd)`. */
function simulateOutOfSample(frame: BarFrame, targets: Float64Array, window: WalkForwardWindow, backtest: BacktestOptions): OutOfSampleEvaluation {
  const offset = window.testStart - 1 - window.trainStart;
  const simulation = simulateTargets(sliceBarFrame(frame, window.testStart - 1, window.testEnd), targets.subarray(offset), backtest);
  const returns = simulation.returns.subarray(1);
  const position = simulation.position.subarray(1);
  const metrics = calculatePerformanceMetrics(returns, backtest.periodsPerYear, { position, tradeCount: simulation.trades.length, turnover: simulation.turnover });
  return { returns, position, trades: simulation.trades, metrics };
}

/** One segment of {@link runWalkForward} with its search and out-of-sample path (see {@link runWalkForwardSegment}). */
export interface WalkForwardSegmentRun {
  segment: WalkForwardSegment;
  /** The train-window search (trial returns kept when `keepReturns`). */
  search: SearchResult;
  outOfSample: OutOfSampleEvaluation;
  /** Every trial out of sample, by trial index, when `trialsOutOfSample` was asked for; else empty. */
  trialsOutOfSample: OutOfSampleEvaluation[];
}

/**
 * Run segment `index` of a walk-forward analysis on `window`: search with seed `deriveSeed(options.search.seed, index)`
 * on the train rows, choose the best feasible trial (else the best-ranked one), evaluate it out of sample.
 * `keepReturns` keeps every trial's train-window returns (for PBO / DSR). `trialsOutOfSample` also evaluates every
 * trial on the test rows: each trial's targets are then computed once on `[trainStart, testEnd)` and simulated on
 * the train rows (in-sample, identical to a backtest of the train rows since templates are causal) and on the test
 * rows. Same numbers as {@link runWalkForward}.
 *
 * @throws EngineInputError from search or backtest validation.
 */
export function runWalkForwardSegment(
  frame: BarFrame,
  template: StrategyTemplate,
  options: WalkForwardOptions,
  window: WalkForwardWindow,
  index: number,
  keepReturns = false,
  trialsOutOfSample = false,
): WalkForwardSegmentRun {
  const trainFrame = sliceBarFrame(frame, window.trainStart, window.trainEnd);
  const seed = deriveSeed(options.search.seed, index);
  const space = options.parameterSpace ?? template.parameterSpace;
  const targetsByPoint = new Map<string, Float64Array>();
  let evaluate = makeBacktestEvaluator(trainFrame, template, options.backtest, keepReturns);
  if (trialsOutOfSample) {
    const signalFrame = sliceBarFrame(frame, window.trainStart, window.testEnd);
    const trainLength = window.trainEnd - window.trainStart;
    evaluate = (parameters) => {
      const targets = new Float64Array(signalFrame.length);
      template.computeTargets(signalFrame, parseParameters(template, parameters), targets);
      targetsByPoint.set(JSON.stringify(parameters), targets);
      const simulation = simulateTargets(trainFrame, targets.subarray(0, trainLength), options.backtest);
      const metrics = calculatePerformanceMetrics(simulation.returns, options.backtest.periodsPerYear, {
        position: simulation.position,
        tradeCount: simulation.trades.length,
        turnover: simulation.turnover,
      });
      return { metrics, returns: simulation.returns };
    };
  }
  const search = runParameterSearch(space, evaluate, { ...options.search, seed, keepReturns });
  const chosen = search.best ?? search.trials[search.ranking[0]];
  const outOfSample = evaluateOutOfSample(frame, template, chosen.parameters, window, options.backtest);
  const segment: WalkForwardSegment = {
    ...window,
    index,
    trainStartTime: frame.timestamp[window.trainStart],
    testStartTime: frame.timestamp[window.testStart],
    testEndTime: frame.timestamp[window.testEnd - 1],
    seed,
    parameters: chosen.parameters,
    feasible: chosen.objective.feasible,
    trialCount: search.trials.length,
    inSampleMetrics: chosen.metrics,
    outOfSampleMetrics: outOfSample.metrics,
    outOfSampleTrades: outOfSample.trades,
    walkForwardEfficiency: calculateWalkForwardEfficiency(outOfSample.metrics.cagr, [chosen.metrics.cagr]),
  };
  const trials = trialsOutOfSample
    ? search.trials.map((trial) => simulateOutOfSample(frame, targetsByPoint.get(JSON.stringify(trial.parameters)) as Float64Array, window, options.backtest))
    : [];
  return { segment, search, outOfSample, trialsOutOfSample: trials };
}

/**
 * Walk-forward analysis: for each window, search `template`'s parameter space on the train rows,
 * then trade the chosen parameters on the test rows (see {@link runWalkForwardSegment} and
 * {@link evaluateOutOfSample}). Out-of-sample segments are stitched into one series.
 *
 * @throws EngineInputError from window layout, search or backtest validation.
 */
export function runWalkForward(frame: BarFrame, template: StrategyTemplate, options: WalkForwardOptions): WalkForwardResult {
  const windows = makeWalkForwardWindows(frame.timestamp, options.windows);
  const periodsPerYear = options.backtest.periodsPerYear;
  const segments: WalkForwardSegment[] = [];
  const returnParts: Float64Array[] = [];
  const positionParts: Float64Array[] = [];
  const timestampParts: Float64Array[] = [];
  const inSampleCagr: number[] = [];
  let inSampleSharpeSum = 0;
  windows.forEach((window, index) => {
    const { segment, outOfSample } = runWalkForwardSegment(frame, template, options, window, index);
    returnParts.push(outOfSample.returns);
    positionParts.push(outOfSample.position);
    timestampParts.push(frame.timestamp.subarray(window.testStart, window.testEnd));
    inSampleCagr.push(segment.inSampleMetrics.cagr);
    inSampleSharpeSum += segment.inSampleMetrics.sharpe;
    segments.push(segment);
  });
  const outOfSampleReturns = stitchSeries(returnParts);
  const outOfSamplePosition = stitchSeries(positionParts);
  const outOfSampleEquity = compoundEquity(outOfSampleReturns, options.backtest.initialEquity ?? 1);
  const outOfSampleMetrics = calculatePerformanceMetrics(outOfSampleReturns, periodsPerYear, {
    position: outOfSamplePosition,
    tradeCount: segments.reduce((total, segment) => total + segment.outOfSampleTrades.length, 0),
    turnover: segments.reduce((total, segment) => total + segment.outOfSampleMetrics.turnover, 0),
  });
  const segmentCount = segments.length;
  return {
    segments,
    outOfSampleTimestamps: stitchSeries(timestampParts),
    outOfSampleReturns,
    outOfSampleEquity,
    outOfSamplePosition,
    outOfSampleMetrics,
    walkForwardEfficiency: calculateWalkForwardEfficiency(calculateCompoundAnnualGrowthRate(outOfSampleReturns, periodsPerYear), inSampleCagr),
    sharpeEfficiency: outOfSampleMetrics.sharpe / (inSampleSharpeSum / segmentCount),
  };
}
