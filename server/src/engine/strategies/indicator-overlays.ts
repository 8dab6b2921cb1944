import type { BarFrame } from '../bars/bar-frame.ts';
import { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';

/**
 * One indicator series a template trades on, for drawing next to its bars.
 * - `key`: stable identifier, e.g. `'sma:20'`.
 * - `label`: what a chart legend shows, e.g. `'SMA 20'`.
 * - `pane`: `'price'` = in quote currency on the price scale; `'oscillator'` = its own scale (RSI points, MACD in quote).
 * - `values`: one value per bar of the frame, NaN during warm-up.
 */
export interface IndicatorOverlay {
  readonly key: string;
  readonly label: string;
  readonly pane: 'price' | 'oscillator';
  readonly values: Float64Array;
}

function mean(sums: Float64Array, period: number): Float64Array {
  const output = new Float64Array(sums.length);
  for (let index = 0; index < sums.length; index++) output[index] = sums[index] / period;
  return output;
}

function band(middle: Float64Array, deviation: Float64Array, width: number): Float64Array {
  const output = new Float64Array(middle.length);
  for (let index = 0; index < middle.length; index++) output[index] = middle[index] + width * deviation[index];
  return output;
}

type OverlayBuilder = (cache: IndicatorCache, parameters: ParameterValues) => IndicatorOverlay[];

const builders: Readonly<Record<string, OverlayBuilder>> = {
  sma_crossover: (cache, p) => {
    const fast = p.fastPeriod as number;
    const slow = p.slowPeriod as number;
    return [
      { key: `sma:${fast}`, label: `SMA ${fast}`, pane: 'price', values: mean(cache.closeSum(fast), fast) },
      { key: `sma:${slow}`, label: `SMA ${slow}`, pane: 'price', values: mean(cache.closeSum(slow), slow) },
    ];
  },
  ema_crossover: (cache, p) => {
    const fast = p.fastPeriod as number;
    const slow = p.slowPeriod as number;
    return [
      { key: `ema:${fast}`, label: `EMA ${fast}`, pane: 'price', values: cache.closeEma(fast) },
      { key: `ema:${slow}`, label: `EMA ${slow}`, pane: 'price', values: cache.closeEma(slow) },
    ];
  },
  bollinger_mean_reversion: (cache, p) => {
    const period = p.period as number;
    const width = p.bandWidth as number;
    const middle = mean(cache.closeSum(period), period);
    const deviation = cache.closeDeviation(period);
    return [
      { key: `sma:${period}`, label: `SMA ${period}`, pane: 'price', values: middle },
      { key: `bollinger-upper:${period}:${width}`, label: `Upper band (${width} σ)`, pane: 'price', values: band(middle, deviation, width) },
      { key: `bollinger-lower:${period}:${width}`, label: `Lower band (${width} σ)`, pane: 'price', values: band(middle, deviation, -width) },
    ];
  },
  donchian_breakout: (cache, p) => {
    const entry = p.entryPeriod as number;
    const exit = p.exitPeriod as number;
    return [
      { key: `high-max:${entry}`, label: `${entry}-bar high`, pane: 'price', values: cache.previousHighMaximum(entry) },
      { key: `low-min:${entry}`, label: `${entry}-bar low`, pane: 'price', values: cache.previousLowMinimum(entry) },
      { key: `high-max:${exit}`, label: `${exit}-bar high (exit)`, pane: 'price', values: cache.previousHighMaximum(exit) },
      { key: `low-min:${exit}`, label: `${exit}-bar low (exit)`, pane: 'price', values: cache.previousLowMinimum(exit) },
    ];
  },
  macd: (cache, p) => {
    const fast = p.fastPeriod as number;
    const slow = p.slowPeriod as number;
    const signal = p.signalPeriod as number;
    return [
      { key: `macd:${fast}:${slow}`, label: `MACD ${fast}/${slow}`, pane: 'oscillator', values: cache.macdLine(fast, slow) },
      { key: `macd-signal:${fast}:${slow}:${signal}`, label: `Signal ${signal}`, pane: 'oscillator', values: cache.macdSignal(fast, slow, signal) },
    ];
  },
  rsi_mean_reversion: (cache, p) => {
    const period = p.period as number;
    return [{ key: `rsi:${period}`, label: `RSI ${period}`, pane: 'oscillator', values: cache.closeRsi(period) }];
  },
};

/**
 * The indicator series `templateId` decides on, from the same indicator code (`IndicatorCache`) its `computeTargets`
 * uses, so a chart shows exactly what the strategy saw. `parameters` must come from `parseParameters`. Templates
 * without a drawable indicator (momentum, volatility-targeted trend: a trailing return) give `[]`.
 */
export function calculateIndicatorOverlays(templateId: string, frame: BarFrame, parameters: ParameterValues): IndicatorOverlay[] {
  const builder = builders[templateId];
  return builder ? builder(new IndicatorCache(frame), parameters) : [];
}
