import { assertBacktestOptions, type BacktestOptions } from '../backtest/backtest-options.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';

/** Results of {@link runTemplateSweep}, one entry per configuration (in input order). */
export interface TemplateSweep {
  /** Annualized Sharpe of the per-bar returns (one-pass moments; agrees with `runBacktest` to ~1e−9 relative). */
  sharpe: Float64Array;
  /** Final equity / initial equity − 1 (the same arithmetic as `simulateTargets`). */
  totalReturn: Float64Array;
  /** Number of fills (target changes executed, liquidations included). */
  fillCount: Float64Array;
}

/**
 * Sweep of any template over many configurations on one frame, with the semantics of `runBacktest` (targets at the
 * close, fills at the next open with fee and slippage, quantity-based equity marked at the close, liquidation at
 * equity ≤ 0) but without trade records or full metrics. Indicator work is shared across configurations: every
 * template reads its indicators from one {@link IndicatorCache} of the frame (one window sum / EMA / RSI / channel /
 * volatility series per distinct period), then each configuration costs one target pass and one allocation-free
 * simulation pass.
 *
 * @param parameterSets parsed parameter values (`parseParameters`), one per configuration.
 * @param indicators a cache of `frame` to reuse across calls (default: a new one).
 * @throws EngineInputError('frame') for an empty frame, ('targets') for a NaN target, or an option error.
 */
export function runTemplateSweep(
  frame: BarFrame,
  template: StrategyTemplate,
  parameterSets: readonly ParameterValues[],
  options: BacktestOptions,
  indicators: IndicatorCache = new IndicatorCache(frame),
): TemplateSweep {
  assertBacktestOptions(options);
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  const cache = IndicatorCache.for(frame, indicators);
  const result: TemplateSweep = {
    sharpe: new Float64Array(parameterSets.length),
    totalReturn: new Float64Array(parameterSets.length),
    fillCount: new Float64Array(parameterSets.length),
  };
  const targets = new Float64Array(length);
  const open = frame.open;
  const close = frame.close;
  const initialEquity = options.initialEquity ?? 1;
  const feeRate = options.feeBps / 10_000;
  const slippageRate = options.slippageBps / 10_000;
  const annualization = Math.sqrt(options.periodsPerYear);
  for (let configuration = 0; configuration < parameterSets.length; configuration++) {
    template.computeTargets(frame, parameterSets[configuration], targets, cache);
    let cash = initialEquity;
    let quantity = 0;
    let targetInForce = 0;
    let previousEquity = initialEquity;
    let sum = 0;
    let squares = 0;
    let fills = 0;
    for (let index = 0; index < length; index++) {
      if (index > 0) {
        if (quantity !== 0 && cash + quantity * open[index] <= 0) {
          // Liquidated at the open: return −1, then flat at equity 0 (returns 0).
          sum -= 1;
          squares += 1;
          previousEquity = 0;
          fills++;
          break;
        }
        const target = targets[index - 1];
        if (target !== targetInForce) {
          if (target !== target) throw new EngineInputError('targets', `target at bar ${index - 1} is NaN`);
          const price = open[index];
          const equityAtOpen = cash + quantity * price;
          const nextQuantity = (target * equityAtOpen) / price;
          const change = nextQuantity - quantity;
          const fillPrice = change > 0 ? price * (1 + slippageRate) : price * (1 - slippageRate);
          const notional = Math.abs(change) * fillPrice;
          cash -= change * fillPrice + notional * feeRate;
          quantity = nextQuantity;
          targetInForce = target;
          fills++;
        }
      }
      const markedEquity = cash + quantity * close[index];
      const equity = markedEquity > 0 ? markedEquity : 0;
      const periodReturn = equity / previousEquity - 1;
      sum += periodReturn;
      squares += periodReturn * periodReturn;
      previousEquity = equity;
      if (equity === 0) {
        // Liquidated at the close: flat at equity 0 for the remaining bars.
        if (quantity !== 0) fills++;
        break;
      }
    }
    const mean = sum / length;
    const variance = (squares - sum * mean) / (length - 1);
    result.sharpe[configuration] = length < 2 ? Number.NaN : (mean / Math.sqrt(variance > 0 ? variance : 0)) * annualization;
    result.totalReturn[configuration] = previousEquity / initialEquity - 1;
    result.fillCount[configuration] = fills;
  }
  return result;
}
