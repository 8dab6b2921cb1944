import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { runBacktestMetrics } from '../backtest/simulator.ts';
import type { BacktestMetricsResult } from '../backtest/simulator.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';

/**
 * Every metric of `runBacktest` for many configurations of one template on one frame: indicator work is shared (one
 * {@link IndicatorCache} of the frame for all configurations — one window sum / EMA / RSI / channel / volatility series
 * per distinct period), and each configuration runs the fused `runBacktestMetrics` (targets, simulation and metrics in
 * reused work rows, no series or trade list kept). The metrics and final equity are exactly `runBacktest`'s.
 * `runTemplateSweep` is the cheaper sweep when Sharpe, total return and fills suffice.
 *
 * @param parameterSets parameter values, one per configuration (checked by `parseParameters`).
 * @param indicators a cache of `frame` to reuse across calls (default: a new one).
 * @throws EngineInputError as `runBacktest`, or ('indicators') for a cache of another frame.
 */
export function runTemplateMetricsSweep(
  frame: BarFrame,
  template: StrategyTemplate,
  parameterSets: readonly ParameterValues[],
  options: BacktestOptions,
  indicators: IndicatorCache = new IndicatorCache(frame),
): BacktestMetricsResult[] {
  const cache = IndicatorCache.for(frame, indicators);
  return parameterSets.map((parameters) => runBacktestMetrics(frame, template, parameters, options, cache));
}
