import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { simulateTargets } from '../backtest/simulator.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import { calculatePerformanceMetrics, type PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { calculateFiniteMean } from '../metrics/sample-statistics.ts';
import { calculateGroupedProbabilityOfBacktestOverfitting } from '../overfitting/backtest-overfitting.ts';
import { calculateDeflatedSharpeRatio } from '../overfitting/deflated-sharpe-ratio.ts';
import { calculateSharpeRatioMoments } from '../overfitting/probabilistic-sharpe-ratio.ts';
import { compoundIntoGroups, cscvBlockCount } from '../overfitting/trial-return-matrix.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { calculateRegimeMetrics, calculateRegimeRobustness, calculateWinRateStability } from '../regimes/regime-breakdown.ts';
import type { ScoringInputs } from '../scoring/scorecard.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import { selectCandidatesWalkForward } from '../walk-forward/candidate-walk-forward.ts';
import { stitchSeries } from '../walk-forward/stitch-series.ts';
import { makeWalkForwardWindows, type WalkForwardWindowOptions } from '../walk-forward/walk-forward-windows.ts';
import type { GeneratedConfiguration } from './generate-configurations.ts';

/** One dataset of a cycle: its bars, per-bar regime labels (`calculateVolatilityRegimes().bandIndex`) and costs. */
export interface CycleFrame {
  id: string;
  timeframe: string;
  frame: BarFrame;
  bandIndex: Int8Array;
  backtest: BacktestOptions;
}

/** The out-of-sample statistics a cycle keeps per dataset (IEEE values: NaN where undefined). */
export type CycleMetrics = Pick<PerformanceMetrics, 'sharpe' | 'sortino' | 'calmar' | 'maxDrawdown' | 'valueAtRisk' | 'conditionalValueAtRisk' | 'totalReturn' | 'cagr' | 'winRate'>;

/** Per strategy: the walk-forward-selected out-of-sample result and its scoring inputs. */
export interface StrategyEvaluation {
  strategyKey: string;
  /** Scoring inputs (NaN where not defined; the scorecard treats non-finite as missing). */
  inputs: ScoringInputs;
  /** Per dataset id: metrics of the strategy's stitched out-of-sample path. */
  perDataset: Record<string, CycleMetrics>;
}

/** Per configuration: its own stitched out-of-sample metrics per dataset. */
export interface ConfigurationEvaluation {
  configuration: GeneratedConfiguration;
  /** Mean over datasets of the finite out-of-sample Sharpe ratios (annualized); NaN when none. */
  meanSharpe: number;
  perDataset: Record<string, CycleMetrics>;
}

/** The whole cycle's numbers. */
export interface CycleEvaluation {
  configurations: ConfigurationEvaluation[];
  strategies: StrategyEvaluation[];
  /** PBO by CSCV (16 blocks) over every configuration, 0–1; NaN when it cannot be computed. */
  probabilityOfBacktestOverfitting: number;
  /** Compounded out-of-sample returns per configuration (matrix columns, `rows` each). */
  matrix: Float64Array[];
  rows: number;
}

/** Rows each dataset contributes to the trial-return matrix (compounded groups; a multiple of the 16 CSCV blocks). */
export const matrixRowsPerDataset = 64;

/**
 * Walk-forward windows of the cycle per timeframe, in bars: daily — 1 year train, 90 days test; hourly — 90 days
 * train, 30 days test; anything else — 60 % / 20 % of the series.
 */
export function cycleWindows(timeframe: string, length: number): WalkForwardWindowOptions {
  if (timeframe === '1d') return { scheme: 'rolling', unit: 'bars', trainSize: 365, testSize: 90, stepSize: 90 };
  if (timeframe === '1h') return { scheme: 'rolling', unit: 'bars', trainSize: 24 * 90, testSize: 24 * 30, stepSize: 24 * 30 };
  const test = Math.max(10, Math.floor(length / 5));
  return { scheme: 'rolling', unit: 'bars', trainSize: Math.max(20, Math.floor(length * 0.6)), testSize: test, stepSize: test };
}

function cycleMetrics(returns: Float64Array, periodsPerYear: number): CycleMetrics {
  const metrics = calculatePerformanceMetrics(returns, periodsPerYear);
  return {
    sharpe: metrics.sharpe,
    sortino: metrics.sortino,
    calmar: metrics.calmar,
    maxDrawdown: metrics.maxDrawdown,
    valueAtRisk: metrics.valueAtRisk,
    conditionalValueAtRisk: metrics.conditionalValueAtRisk,
    totalReturn: metrics.totalReturn,
    cagr: metrics.cagr,
    winRate: metrics.winRate,
  };
}

const meanOver = (records: readonly CycleMetrics[], name: keyof CycleMetrics): number => calculateFiniteMean(records.map((record) => record[name]));

/**
 * Evaluates a cycle's configurations walk-forward on every dataset (lifecycle-spec FR-011..014):
 *
 * 1. each configuration is simulated once per dataset (templates are causal, so one simulation over the series gives
 *    the same per-bar returns as re-running each window; fills at the next open, fees and slippage as configured);
 * 2. the dataset's rolling windows ({@link cycleWindows}) split those returns; per strategy the engine's candidate
 *    walk-forward ({@link selectCandidatesWalkForward}) chooses, per window, the configuration with the best in-sample
 *    Sharpe and stitches its test-window returns — the strategy's walk-forward-optimized out-of-sample path — with
 *    its walk-forward efficiency (NaN when the mean in-sample CAGR is ≤ 0);
 * 3. every configuration's own stitched out-of-sample returns, compounded into 64 rows per dataset, form the
 *    trial-return matrix: PBO (CSCV, 16 blocks) over all trials of the cycle and per strategy over its trials; the
 *    Deflated Sharpe of a strategy's path deflates by the Sharpe dispersion of all trials of the cycle (N = the
 *    number of trials with a finite Sharpe);
 * 4. scoring inputs per strategy are means over datasets (finite values only) of its out-of-sample path's
 *    statistics; win-rate dispersion = mean of the regime and rolling-window dispersions; robustness = share of
 *    regimes with a positive Sharpe, a fraction 0–1.
 *
 * `templates` maps a strategy key (the configuration's `templateId`) to the template with the version's space.
 * Non-finite results stay NaN; the platform maps them for storage.
 */
export function evaluateConfigurations(
  configurations: readonly GeneratedConfiguration[],
  templates: ReadonlyMap<string, StrategyTemplate>,
  frames: readonly CycleFrame[],
): CycleEvaluation {
  const strategyKeys = [...new Set(configurations.map((configuration) => configuration.templateId))];
  const membersOf = new Map(strategyKeys.map((key) => [key, configurations.flatMap((configuration, index) => (configuration.templateId === key ? [index] : []))]));
  const parsed = configurations.map((configuration) => parseParameters(templates.get(configuration.templateId)!, configuration.parameters));
  const configurationResults = configurations.map((configuration) => ({ configuration, perDataset: {} as Record<string, CycleMetrics>, columns: [] as Float64Array[] }));
  const strategyParts = new Map(
    strategyKeys.map((key) => [key, { perDataset: {} as Record<string, CycleMetrics>, columns: [] as Float64Array[], efficiency: [] as number[], dispersion: [] as number[], robustness: [] as number[] }]),
  );

  for (const dataset of frames) {
    const windows = makeWalkForwardWindows(dataset.frame.timestamp, cycleWindows(dataset.timeframe, dataset.frame.length));
    if (windows.length === 0) continue;
    const periodsPerYear = dataset.backtest.periodsPerYear;
    const returnsByConfiguration = configurations.map((configuration, index) => {
      const targets = new Float64Array(dataset.frame.length);
      templates.get(configuration.templateId)!.computeTargets(dataset.frame, parsed[index]!, targets);
      return simulateTargets(dataset.frame, targets, dataset.backtest).returns;
    });
    // Regime label of each stitched test bar; the engine attributes return t to the label at t − 1, so label i is
    // that of the bar after test bar i − 1 in the series (known when the bar opens).
    const bandIndex = Int8Array.from(stitchSeries(windows.map((window) => Float64Array.from(dataset.bandIndex.subarray(window.testStart, window.testEnd)))));
    returnsByConfiguration.forEach((returns, index) => {
      const outOfSample = stitchSeries(windows.map((window) => returns.subarray(window.testStart, window.testEnd)));
      const result = configurationResults[index]!;
      result.perDataset[dataset.id] = cycleMetrics(outOfSample, periodsPerYear);
      result.columns.push(compoundIntoGroups(outOfSample, matrixRowsPerDataset));
    });
    for (const key of strategyKeys) {
      const selection = selectCandidatesWalkForward(returnsByConfiguration, membersOf.get(key)!, windows, periodsPerYear);
      const path = selection.outOfSampleReturns;
      const strategy = strategyParts.get(key)!;
      strategy.perDataset[dataset.id] = cycleMetrics(path, periodsPerYear);
      strategy.columns.push(compoundIntoGroups(path, matrixRowsPerDataset));
      strategy.efficiency.push(selection.walkForwardEfficiency);
      const stability = calculateWinRateStability(path, bandIndex, windows[0]!.testEnd - windows[0]!.testStart);
      strategy.dispersion.push(calculateFiniteMean([stability.regimeDispersion, stability.rollingDispersion]));
      strategy.robustness.push(calculateRegimeRobustness(calculateRegimeMetrics(path, bandIndex, periodsPerYear)).score);
    }
  }

  const matrix = configurationResults.map((result) => stitchSeries(result.columns));
  const rows = matrix[0]?.length ?? 0;
  const usable = (columns: Float64Array[]) => columns.length >= 2 && rows >= cscvBlockCount && columns.every((column) => column.every(Number.isFinite));
  // PBO over all trials and per strategy over its trials, in one pass over the block sets (same numbers as one call
  // per group); NaN for a group that cannot be measured.
  const pboGroups = [matrix.map((_, index) => index), ...strategyKeys.map((key) => membersOf.get(key)!)].filter((group) => usable(group.map((index) => matrix[index]!)));
  const pboResults = pboGroups.length === 0 ? [] : calculateGroupedProbabilityOfBacktestOverfitting(matrix, pboGroups, cscvBlockCount);
  const pboByGroup = new Map(pboGroups.map((group, index) => [group.join(','), pboResults[index]!.probabilityOfBacktestOverfitting]));
  const pboOf = (group: readonly number[]) => pboByGroup.get(group.join(',')) ?? Number.NaN;
  const trialSharpes = Float64Array.from(matrix.map((column) => calculateSharpeRatioMoments(column).sharpe).filter(Number.isFinite));

  const strategies = strategyKeys.map((key): StrategyEvaluation => {
    const parts = strategyParts.get(key)!;
    const path = stitchSeries(parts.columns);
    const deflated = trialSharpes.length >= 2 && path.length >= 2 ? calculateDeflatedSharpeRatio(path, trialSharpes).deflatedSharpeRatio : Number.NaN;
    const datasetMetrics = Object.values(parts.perDataset);
    return {
      strategyKey: key,
      perDataset: parts.perDataset,
      inputs: {
        sharpe: meanOver(datasetMetrics, 'sharpe'),
        sortino: meanOver(datasetMetrics, 'sortino'),
        calmar: meanOver(datasetMetrics, 'calmar'),
        maxDrawdown: meanOver(datasetMetrics, 'maxDrawdown'),
        valueAtRisk: meanOver(datasetMetrics, 'valueAtRisk'),
        conditionalValueAtRisk: meanOver(datasetMetrics, 'conditionalValueAtRisk'),
        winRateDispersion: calculateFiniteMean(parts.dispersion),
        robustnessScore: calculateFiniteMean(parts.robustness),
        probabilityOfBacktestOverfitting: pboOf(membersOf.get(key)!),
        deflatedSharpeRatio: deflated,
        walkForwardEfficiency: calculateFiniteMean(parts.efficiency),
      },
    };
  });
  return {
    configurations: configurationResults.map((result) => ({
      configuration: result.configuration,
      perDataset: result.perDataset,
      meanSharpe: meanOver(Object.values(result.perDataset), 'sharpe'),
    })),
    strategies,
    probabilityOfBacktestOverfitting: pboOf(matrix.map((_, index) => index)),
    matrix,
    rows,
  };
}
