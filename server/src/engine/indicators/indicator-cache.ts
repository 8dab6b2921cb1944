import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateExponentialMovingAverage } from './exponential-moving-average.ts';
import { calculateRealizedVolatility } from './realized-volatility.ts';
import { calculateRelativeStrengthIndex } from './relative-strength-index.ts';
import { calculatePreviousRollingMaximum, calculatePreviousRollingMinimum } from './rolling-extremes.ts';
import { calculateRollingSum } from './rolling-sum.ts';
import { calculateWindowDeviation } from './window-deviation.ts';

/** Most series an explicit cache holds; beyond it the cache starts over (≤ 64 × 8 bytes × bars). */
const defaultMaxSeries = 64;
/** Most series a frame's implicit cache holds (≤ 16 × 8 bytes × bars while the frame lives). */
const implicitMaxSeries = 16;

/** The implicit cache of each frame still referenced elsewhere (released with the frame). */
const implicitCaches = new WeakMap<BarFrame, IndicatorCache>();

/**
 * Memoized indicator series of ONE frame, so templates evaluated for many configurations (sweeps, searches) compute
 * each distinct indicator once — e.g. one window sum per distinct period. Every series is computed by the same
 * indicator function a template would call itself, so targets are bit-for-bit identical with or without a cache.
 * Returned arrays are shared: callers must not write into them. Not thread-safe; no I/O.
 */
export class IndicatorCache {
  /** The frame every series belongs to. */
  readonly frame: BarFrame;
  private readonly series = new Map<string, Float64Array>();
  private scratch: Float64Array | null = null;
  private readonly maxSeries: number;

  /** @param maxSeries most series kept; when full, the cache starts over. */
  constructor(frame: BarFrame, maxSeries = defaultMaxSeries) {
    this.frame = frame;
    this.maxSeries = maxSeries;
  }

  /**
   * `cache` when given (checked to belong to `frame`), else the frame's implicit cache: repeated backtests of one frame
   * (searches, sensitivity, walk-forward trials) then share indicator series without passing a cache around.
   * Memoization only — results are the same as computing afresh.
   * @throws EngineInputError('indicators') when the cache belongs to another frame.
   */
  static for(frame: BarFrame, cache: IndicatorCache | undefined): IndicatorCache {
    if (cache === undefined) {
      let implicit = implicitCaches.get(frame);
      if (implicit === undefined) {
        implicit = new IndicatorCache(frame, implicitMaxSeries);
        implicitCaches.set(frame, implicit);
      }
      return implicit;
    }
    if (cache.frame !== frame) throw new EngineInputError('indicators', 'the indicator cache belongs to another frame');
    return cache;
  }

  private memo(key: string, compute: (output: Float64Array) => void): Float64Array {
    let output = this.series.get(key);
    if (output === undefined) {
      if (this.series.size >= this.maxSeries) this.series.clear();
      output = new Float64Array(this.frame.length);
      compute(output);
      this.series.set(key, output);
    }
    return output;
  }

  private extremesScratch(): Float64Array {
    this.scratch ??= new Float64Array(this.frame.length);
    return this.scratch;
  }

  /** Trailing sum of `period` closes (`calculateRollingSum`). */
  closeSum(period: number): Float64Array {
    return this.memo(`sum:${period}`, (output) => calculateRollingSum(this.frame.close, period, output));
  }

  /** EMA of closes (`calculateExponentialMovingAverage`, SMA-seeded). */
  closeEma(period: number): Float64Array {
    return this.memo(`ema:${period}`, (output) => calculateExponentialMovingAverage(this.frame.close, period, output));
  }

  /** MACD line: EMA(fast) − EMA(slow) of closes. */
  macdLine(fast: number, slow: number): Float64Array {
    return this.memo(`macd:${fast}:${slow}`, (output) => {
      const fastEma = this.closeEma(fast);
      const slowEma = this.closeEma(slow);
      for (let index = 0; index < output.length; index++) output[index] = fastEma[index] - slowEma[index];
    });
  }

  /** MACD signal line: EMA(signal) of the MACD line, started at bar `slow − 1`. */
  macdSignal(fast: number, slow: number, signal: number): Float64Array {
    return this.memo(`macd-signal:${fast}:${slow}:${signal}`, (output) => calculateExponentialMovingAverage(this.macdLine(fast, slow), signal, output, slow - 1));
  }

  /** Wilder RSI of closes (`calculateRelativeStrengthIndex`). */
  closeRsi(period: number): Float64Array {
    return this.memo(`rsi:${period}`, (output) => calculateRelativeStrengthIndex(this.frame.close, period, output));
  }

  /** Highest high of the `period` bars BEFORE each bar (`calculatePreviousRollingMaximum`). */
  previousHighMaximum(period: number): Float64Array {
    return this.memo(`high-max:${period}`, (output) => calculatePreviousRollingMaximum(this.frame.high, period, output, this.extremesScratch()));
  }

  /** Lowest low of the `period` bars BEFORE each bar (`calculatePreviousRollingMinimum`). */
  previousLowMinimum(period: number): Float64Array {
    return this.memo(`low-min:${period}`, (output) => calculatePreviousRollingMinimum(this.frame.low, period, output, this.extremesScratch()));
  }

  /** Per-bar (not annualized) realized volatility of close log returns over `period` (`calculateRealizedVolatility`). */
  closeRealizedVolatility(period: number): Float64Array {
    return this.memo(`rvol:${period}`, (output) => calculateRealizedVolatility(this.frame.close, period, 1, output));
  }

  /**
   * Population standard deviation of the last `period` closes around their window mean `closeSum(period)[t] / period`,
   * two-pass (`calculateWindowDeviation`): `√(Σ(c − mean)² / period)`; NaN before a full window (the chart's Bollinger
   * bands without their multiplier; the template decides with the same formula).
   */
  closeDeviation(period: number): Float64Array {
    return this.memo(`dev:${period}`, (output) => {
      const close = this.frame.close;
      const sums = this.closeSum(period);
      for (let index = 0; index < output.length; index++) {
        if (index < period - 1 || sums[index] !== sums[index]) {
          output[index] = Number.NaN;
          continue;
        }
        output[index] = calculateWindowDeviation(close, index, period, sums[index] / period);
      }
    });
  }
}
