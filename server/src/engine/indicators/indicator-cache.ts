import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateExponentialMovingAverage } from './exponential-moving-average.ts';
import { calculateRealizedVolatility } from './realized-volatility.ts';
import { calculateRelativeStrengthIndex } from './relative-strength-index.ts';
import { calculatePreviousRollingMaximum, calculatePreviousRollingMinimum } from './rolling-extremes.ts';
import { calculateRollingSum } from './rolling-sum.ts';

/** Most series one cache holds; beyond it the cache starts over (memory stays ≤ 512 × 8 bytes × bars). */
const maxSeries = 512;

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
  private scratch: Int32Array | null = null;

  constructor(frame: BarFrame) {
    this.frame = frame;
  }

  /** @throws EngineInputError('indicators') when the cache belongs to another frame. */
  static for(frame: BarFrame, cache: IndicatorCache | undefined): IndicatorCache {
    if (cache === undefined) return new IndicatorCache(frame);
    if (cache.frame !== frame) throw new EngineInputError('indicators', 'the indicator cache belongs to another frame');
    return cache;
  }

  private memo(key: string, compute: (output: Float64Array) => void): Float64Array {
    let output = this.series.get(key);
    if (output === undefined) {
      if (this.series.size >= maxSeries) this.series.clear();
      output = new Float64Array(this.frame.length);
      compute(output);
      this.series.set(key, output);
    }
    return output;
  }

  private extremesScratch(): Int32Array {
    this.scratch ??= new Int32Array(this.frame.length);
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
   * two-pass: `√(Σ(c − mean)² / period)`; NaN before a full window (Bollinger band width without its multiplier).
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
        const middle = sums[index] / period;
        let squares = 0;
        for (let inner = index - period + 1; inner <= index; inner++) {
          const deviation = close[inner] - middle;
          squares += deviation * deviation;
        }
        output[index] = Math.sqrt(squares / period);
      }
    });
  }
}
