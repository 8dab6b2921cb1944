import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculatePerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import type { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';
import { assertBacktestOptions } from './backtest-options.ts';
import type { BacktestOptions } from './backtest-options.ts';
import type { Trade } from './trade.ts';
import { TradeLedger } from './trade-ledger.ts';
import { simulateIntoSeries } from './simulation-kernel.ts';

/** Output of {@link simulateTargets}: the path of a target series through the market. */
export interface SimulationResult {
  /** Equity at each bar close (quote currency), length = frame.length. */
  readonly equity: Float64Array;
  /** Simple per-bar returns; `returns[0] = equity[0] / initialEquity − 1`. */
  readonly returns: Float64Array;
  /** Target position (signed fraction of equity) in force during each bar, after that bar's open fill. */
  readonly position: Float64Array;
  /** Trades in entry order; the last one may be open. */
  readonly trades: readonly Trade[];
  /** Σ |traded notional| / equity at the fill (one full-size round trip = 2). */
  readonly turnover: number;
}

/** Full backtest output: the simulation plus its metrics. */
export interface BacktestResult extends SimulationResult {
  readonly metrics: PerformanceMetrics;
}

/**
 * Simulate a target series (DESIGN.md §4). For each bar `t ≥ 1`, if `targets[t−1]` differs from the
 * target in force, the engine trades at the OPEN of bar `t`: with `E = cash + quantity·open[t]`, the
 * new quantity is `targets[t−1]·E / open[t]`; the fill price is `open[t]·(1 ± slippage)` (+ for
 * buys) and the fee is `feeBps/10⁴ ×` traded notional. Quantity then stays constant (the weight
 * drifts with price) until the target changes again. Equity is marked at each CLOSE:
 * `cash + quantity·close[t]`. The target of the last bar is never filled. Bar 0 never trades.
 *
 * Liquidation: equity is checked where it is marked — at the open before a fill and at the close.
 * When it is ≤ 0 (a short against a rally, or a gap), the account is liquidated at that price
 * with no fee: the position is closed (the trade ends there), equity is floored at exactly 0,
 * and from then on the account stays flat at equity 0 (position 0, later returns 0, no trades).
 * The liquidation bar's return is −1. A real account cannot owe more than it holds; the engine
 * does not model losses beyond the account.
 *
 * Deterministic; one pass; allocation only for the three output arrays and trade records.
 *
 * @throws EngineInputError('frame') for an empty frame, ('targets') for a short or NaN target
 *   array, or naming the bad option.
 */
export function simulateTargets(frame: BarFrame, targets: Float64Array, options: BacktestOptions): SimulationResult {
  assertBacktestOptions(options);
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  if (targets.length < length) throw new EngineInputError('targets', `targets has ${targets.length} values, the frame has ${length} bars`);
  const equity = new Float64Array(length);
  const returns = new Float64Array(length);
  const position = new Float64Array(length);
  const ledger = new TradeLedger();
  const { turnover } = simulateIntoSeries(frame, targets, options, equity, returns, position, ledger);
  return { equity, returns, position, trades: ledger.finish(), turnover };
}

/** Targets buffer reused by {@link runBacktest} (targets are not part of its result; nothing keeps them). */
let sharedTargets = new Float64Array(0);

/**
 * Caller-owned rows a backtest writes its series into (each of length ≥ the frame's), for callers that run many
 * backtests and keep each result only until the next: fresh rows of a long history cost more (page faults, zeroing,
 * collection) than the simulation itself. The result's `equity`, `returns` and `position` are then views of them.
 */
export interface BacktestSeriesBuffers {
  readonly equity: Float64Array;
  readonly returns: Float64Array;
  readonly position: Float64Array;
}

/**
 * Backtest a template with parameters on a frame: targets from `template.computeTargets`,
 * simulation by {@link simulateTargets}, metrics by `calculatePerformanceMetrics` with
 * `options.periodsPerYear`. `parameters` are re-checked with `parseParameters` (missing ones take
 * their defaults), so raw input is safe here.
 *
 * @param buffers rows for the result's series (see {@link BacktestSeriesBuffers}); default: fresh arrays.
 * @throws EngineInputError naming the parameter or option, ('buffers') for a row shorter than the frame, or as
 *   {@link simulateTargets}.
 */
export function runBacktest(
  frame: BarFrame,
  template: StrategyTemplate,
  parameters: ParameterValues,
  options: BacktestOptions,
  buffers?: BacktestSeriesBuffers,
): BacktestResult {
  assertBacktestOptions(options);
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  const validParameters = parseParameters(template, parameters);
  if (buffers !== undefined && (buffers.equity.length < length || buffers.returns.length < length || buffers.position.length < length)) {
    throw new EngineInputError('buffers', `every series buffer needs ${length} entries (the frame's bars)`);
  }
  if (sharedTargets.length < length) sharedTargets = new Float64Array(length);
  const targets = sharedTargets.subarray(0, length);
  template.computeTargets(frame, validParameters, targets);
  const equity = buffers === undefined ? new Float64Array(length) : buffers.equity.subarray(0, length);
  const returns = buffers === undefined ? new Float64Array(length) : buffers.returns.subarray(0, length);
  const position = buffers === undefined ? new Float64Array(length) : buffers.position.subarray(0, length);
  const ledger = new TradeLedger();
  const totals = simulateIntoSeries(frame, targets, options, equity, returns, position, ledger);
  const trades = ledger.finish();
  const metrics = calculatePerformanceMetrics(returns, options.periodsPerYear, {
    position,
    tradeCount: trades.length,
    turnover: totals.turnover,
    exposedBars: totals.exposedBars,
  });
  return { equity, returns, position, trades, turnover: totals.turnover, metrics };
}

/** Work rows of {@link runBacktestMetrics} (equity, returns, position), reused across calls; nothing is kept in them. */
let sharedSeries = new Float64Array(0);

/** Output of {@link runBacktestMetrics}. */
export interface BacktestMetricsResult {
  readonly metrics: PerformanceMetrics;
  /** Equity at the last close (quote currency). */
  readonly finalEquity: number;
}

/**
 * The metrics of {@link runBacktest} without its series or trade list, for callers that keep only the metrics
 * (searches, sweeps): targets, simulation and metrics run in reused work buffers (no allocation per call, no trade
 * records; the trade count is counted by the simulation), through the same simulation and metrics code, so the numbers
 * are those of `runBacktest` (a test checks every template on real bars). `indicators` is passed to the template.
 *
 * @throws EngineInputError as {@link runBacktest}.
 */
export function runBacktestMetrics(
  frame: BarFrame,
  template: StrategyTemplate,
  parameters: ParameterValues,
  options: BacktestOptions,
  indicators?: IndicatorCache,
): BacktestMetricsResult {
  assertBacktestOptions(options);
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  const validParameters = parseParameters(template, parameters);
  if (sharedTargets.length < length) sharedTargets = new Float64Array(length);
  const targets = sharedTargets.subarray(0, length);
  template.computeTargets(frame, validParameters, targets, indicators);
  if (sharedSeries.length < 3 * length) sharedSeries = new Float64Array(3 * length);
  const equity = sharedSeries.subarray(0, length);
  const returns = sharedSeries.subarray(length, 2 * length);
  const position = sharedSeries.subarray(2 * length, 3 * length);
  const totals = simulateIntoSeries(frame, targets, options, equity, returns, position, null);
  const metrics = calculatePerformanceMetrics(returns, options.periodsPerYear, {
    position,
    tradeCount: totals.tradeCount,
    turnover: totals.turnover,
    exposedBars: totals.exposedBars,
  });
  return { metrics, finalEquity: equity[length - 1] };
}
