import {
  calculateDeflatedSharpeRatio,
  calculatePerformanceMetrics,
  calculateProbabilityOfBacktestOverfitting,
  calculateRegimeMetrics,
  calculateRegimeRobustness,
  calculateSharpeRatioMoments,
  calculateWinRateStability,
  makeWalkForwardWindows,
  parseParameters,
  simulateTargets,
  type BacktestOptions,
  type BarFrame,
  type GeneratedConfiguration,
  type PerformanceMetrics,
  type ScoringInputs,
  type StrategyTemplate,
  type WalkForwardWindow,
  type WalkForwardWindowOptions,
} from '../../engine/index.ts';

/** One dataset of a cycle, loaded. */
export interface CycleFrame {
  id: string;
  timeframe: string;
  frame: BarFrame;
  bandIndex: Int8Array;
  backtest: BacktestOptions;
}

/** Per strategy: the walk-forward-selected out-of-sample result and its scoring inputs. */
export interface StrategyEvaluation {
  strategyKey: string;
  inputs: ScoringInputs;
  /** Per dataset id: metrics of the stitched out-of-sample path. */
  perDataset: Record<string, Record<string, number | null>>;
}

/** Per configuration: its own stitched out-of-sample metrics per dataset. */
export interface ConfigurationEvaluation {
  configuration: GeneratedConfiguration;
  meanSharpe: number | null;
  perDataset: Record<string, Record<string, number | null>>;
}

/** The whole cycle's numbers. */
export interface CycleEvaluation {
  configurations: ConfigurationEvaluation[];
  strategies: StrategyEvaluation[];
  /** PBO by CSCV over every configuration, 0–1 (NaN when it cannot be computed). */
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

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
const mean = (values: readonly (number | null)[]): number | null => {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
};

/** Compounds `returns` into `groups` equal groups of whole bars, dropping the oldest remainder. */
export function compoundIntoGroups(returns: Float64Array, groups: number): Float64Array {
  const output = new Float64Array(groups);
  const groupBars = Math.floor(returns.length / groups);
  if (groupBars < 1) return output.fill(Number.NaN);
  const start = returns.length - groupBars * groups;
  for (let group = 0; group < groups; group++) {
    let growth = 1;
    for (let index = start + group * groupBars; index < start + (group + 1) * groupBars; index++) growth *= 1 + returns[index];
    output[group] = growth - 1;
  }
  return output;
}

function sharpeOf(returns: Float64Array): number {
  let sum = 0;
  let squares = 0;
  for (const value of returns) sum += value;
  const average = sum / returns.length;
  for (const value of returns) squares += (value - average) ** 2;
  const deviation = Math.sqrt(squares / Math.max(1, returns.length - 1));
  return deviation > 0 ? average / deviation : Number.NaN;
}

function stitch(parts: Float64Array[]): Float64Array {
  const output = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let cursor = 0;
  for (const part of parts) {
    output.set(part, cursor);
    cursor += part.length;
  }
  return output;
}

function summarize(metrics: PerformanceMetrics): Record<string, number | null> {
  return {
    sharpe: finite(metrics.sharpe),
    sortino: finite(metrics.sortino),
    calmar: finite(metrics.calmar),
    maxDrawdown: finite(metrics.maxDrawdown),
    valueAtRisk: finite(metrics.valueAtRisk),
    conditionalValueAtRisk: finite(metrics.conditionalValueAtRisk),
    totalReturn: finite(metrics.totalReturn),
    cagr: finite(metrics.cagr),
    winRate: finite(metrics.winRate),
  };
}

/**
 * Evaluates a cycle's configurations walk-forward on every dataset (lifecycle-spec FR-011..014):
 *
 * 1. each configuration is simulated once per dataset (templates are causal, so one simulation over the series gives
 *    the same per-bar returns as re-running each window; fills at the next open, fees and slippage as configured);
 * 2. rolling train/test windows split those returns; per strategy and window the configuration with the best
 *    in-sample Sharpe is chosen and its test-window returns are stitched — the walk-forward-optimized
 *    out-of-sample path of the strategy over its generated configurations;
 * 3. every configuration's own stitched out-of-sample returns, compounded into 64 rows per dataset, form the
 *    trial-return matrix: PBO (CSCV, 16 blocks) over all trials of the cycle and per strategy over its trials; the
 *    Deflated Sharpe of a strategy's path deflates by the Sharpe dispersion of all trials of the cycle;
 * 4. scoring inputs per strategy are means over datasets of its out-of-sample path's statistics.
 *
 * `templates` maps a strategy key (the configuration's `templateId`) to the template with the version's space.
 */
export function evaluateConfigurations(
  configurations: readonly GeneratedConfiguration[],
  templates: ReadonlyMap<string, StrategyTemplate>,
  frames: readonly CycleFrame[],
): CycleEvaluation {
  const strategyKeys = [...new Set(configurations.map((configuration) => configuration.templateId))];
  const parsed = configurations.map((configuration) => parseParameters(templates.get(configuration.templateId)!, configuration.parameters));
  const configurationResults = configurations.map((configuration) => ({ configuration, perDataset: {} as Record<string, Record<string, number | null>>, columns: [] as Float64Array[] }));
  const strategyParts = new Map(strategyKeys.map((key) => [key, { perDataset: {} as Record<string, Record<string, number | null>>, columns: [] as Float64Array[], wfe: [] as (number | null)[], dispersion: [] as (number | null)[], robustness: [] as (number | null)[] }]));

  for (const dataset of frames) {
    const windows: WalkForwardWindow[] = makeWalkForwardWindows(dataset.frame.timestamp, cycleWindows(dataset.timeframe, dataset.frame.length));
    if (windows.length === 0) continue;
    const returnsByConfiguration = configurations.map((configuration, index) => {
      const targets = new Float64Array(dataset.frame.length);
      templates.get(configuration.templateId)!.computeTargets(dataset.frame, parsed[index]!, targets);
      return simulateTargets(dataset.frame, targets, dataset.backtest).returns;
    });
    const testSlices = (returns: Float64Array) => stitch(windows.map((window) => returns.subarray(window.testStart, window.testEnd)));
    // Regime label of each stitched test bar; the engine attributes return t to the label at t − 1, so label i is
    // that of the bar after test bar i − 1 in the series (known when the bar opens).
    const bandIndex = Int8Array.from(stitch(windows.map((window) => Float64Array.from(dataset.bandIndex.subarray(window.testStart, window.testEnd)))));
    returnsByConfiguration.forEach((returns, index) => {
      const oos = testSlices(returns);
      const result = configurationResults[index]!;
      result.perDataset[dataset.id] = summarize(calculatePerformanceMetrics(oos, dataset.backtest.periodsPerYear));
      result.columns.push(compoundIntoGroups(oos, matrixRowsPerDataset));
    });
    for (const key of strategyKeys) {
      const members = configurations.flatMap((configuration, index) => (configuration.templateId === key ? [index] : []));
      const parts: Float64Array[] = [];
      const inSampleCagr: number[] = [];
      for (const window of windows) {
        let best = members[0]!;
        let bestSharpe = Number.NEGATIVE_INFINITY;
        for (const member of members) {
          const sharpe = sharpeOf(returnsByConfiguration[member]!.subarray(window.trainStart, window.trainEnd));
          if (sharpe > bestSharpe) {
            bestSharpe = sharpe;
            best = member;
          }
        }
        const train = calculatePerformanceMetrics(returnsByConfiguration[best]!.subarray(window.trainStart, window.trainEnd), dataset.backtest.periodsPerYear);
        inSampleCagr.push(train.cagr);
        parts.push(returnsByConfiguration[best]!.subarray(window.testStart, window.testEnd));
      }
      const path = stitch(parts);
      const metrics = calculatePerformanceMetrics(path, dataset.backtest.periodsPerYear);
      const strategy = strategyParts.get(key)!;
      strategy.perDataset[dataset.id] = summarize(metrics);
      strategy.columns.push(compoundIntoGroups(path, matrixRowsPerDataset));
      const meanInSample = mean(inSampleCagr);
      strategy.wfe.push(meanInSample !== null && meanInSample > 0 ? finite(metrics.cagr / meanInSample) : 0);
      // Win-rate dispersion: mean of the spread across regimes and across rolling windows of one test window's length.
      const pathBands = bandIndex;
      const stability = calculateWinRateStability(path, pathBands, windows[0]!.testEnd - windows[0]!.testStart);
      strategy.dispersion.push(mean([finite(stability.regimeDispersion), finite(stability.rollingDispersion)]));
      const robustness = calculateRegimeRobustness(calculateRegimeMetrics(path, pathBands, dataset.backtest.periodsPerYear));
      strategy.robustness.push(Number.isFinite(robustness.score) ? robustness.score * 100 : null);
    }
  }

  const matrix = configurationResults.map((result) => stitch(result.columns));
  const rows = matrix[0]?.length ?? 0;
  const usable = (columns: Float64Array[]) => columns.length >= 2 && rows >= 16 && columns.every((column) => column.every(Number.isFinite));
  const pboOf = (columns: Float64Array[]) => (usable(columns) ? calculateProbabilityOfBacktestOverfitting(columns, 16).probabilityOfBacktestOverfitting : Number.NaN);
  const trialSharpes = Float64Array.from(matrix.map((column) => calculateSharpeRatioMoments(column).sharpe).filter(Number.isFinite));

  const strategies = strategyKeys.map((key): StrategyEvaluation => {
    const parts = strategyParts.get(key)!;
    const members = configurations.flatMap((configuration, index) => (configuration.templateId === key ? [matrix[index]!] : []));
    const path = stitch(parts.columns);
    const deflated = trialSharpes.length >= 2 && path.length >= 2 ? calculateDeflatedSharpeRatio(path, trialSharpes).deflatedSharpe : Number.NaN;
    const datasetMetrics = Object.values(parts.perDataset);
    const metric = (name: string) => mean(datasetMetrics.map((metrics) => metrics[name] ?? null));
    return {
      strategyKey: key,
      perDataset: parts.perDataset,
      inputs: {
        sharpe: metric('sharpe'),
        sortino: metric('sortino'),
        calmar: metric('calmar'),
        maxDrawdown: metric('maxDrawdown'),
        valueAtRisk: metric('valueAtRisk'),
        conditionalValueAtRisk: metric('conditionalValueAtRisk'),
        winRateDispersion: mean(parts.dispersion),
        robustnessScore: mean(parts.robustness),
        probabilityOfBacktestOverfitting: finite(pboOf(members)),
        deflatedSharpe: finite(deflated),
        walkForwardEfficiency: mean(parts.wfe),
      },
    };
  });
  return {
    configurations: configurationResults.map((result) => ({
      configuration: result.configuration,
      perDataset: result.perDataset,
      meanSharpe: mean(Object.values(result.perDataset).map((metrics) => metrics.sharpe ?? null)),
    })),
    strategies,
    probabilityOfBacktestOverfitting: pboOf(matrix),
    matrix,
    rows,
  };
}
