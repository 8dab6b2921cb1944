import { calculatePerformanceMetrics } from '../metrics/performance-metrics.ts';
import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';
import { calculateWinRate } from '../metrics/win-rate.ts';
import { regimeBands } from './volatility-regimes.ts';
import type { RegimeBand } from './volatility-regimes.ts';

/** Metrics of the bars of one regime. */
export interface RegimeMetrics {
  barCount: number;
  metrics: PerformanceMetrics;
}

function selectByBand(values: Float64Array, bandIndex: Int8Array, band: number): Float64Array {
  let count = 0;
  for (let index = 1; index < values.length; index++) if (bandIndex[index - 1] === band) count++;
  const output = new Float64Array(count);
  let cursor = 0;
  for (let index = 1; index < values.length; index++) if (bandIndex[index - 1] === band) output[cursor++] = values[index];
  return output;
}

/**
 * Performance metrics per regime. The return of bar t is attributed to the regime labelled at
 * bar t − 1 (known when bar t opens, so no look-ahead); bars after an unlabelled bar are skipped.
 * The selected returns are concatenated in time order and passed to `calculatePerformanceMetrics`
 * (CAGR and Sharpe therefore annualize over the regime's own bar count). `position`, when given,
 * yields each regime's exposure (trade count and turnover stay NaN).
 */
export function calculateRegimeMetrics(returns: Float64Array, bandIndex: Int8Array, periodsPerYear: number, position?: Float64Array): Record<RegimeBand, RegimeMetrics> {
  const result = {} as Record<RegimeBand, RegimeMetrics>;
  regimeBands.forEach((band, bandNumber) => {
    const selected = selectByBand(returns, bandIndex, bandNumber);
    const metrics = calculatePerformanceMetrics(selected, periodsPerYear);
    if (position !== undefined) {
      const selectedPosition = selectByBand(position, bandIndex, bandNumber);
      let exposed = 0;
      for (let index = 0; index < selectedPosition.length; index++) if (selectedPosition[index] !== 0) exposed++;
      metrics.exposure = selectedPosition.length === 0 ? Number.NaN : exposed / selectedPosition.length;
    }
    result[band] = { barCount: selected.length, metrics };
  });
  return result;
}

/** Dispersion of the per-period win rate across regimes and across time. */
export interface WinRateStability {
  /** Per-period win rate (quantstats definition) of each regime's bars; NaN for a regime without bars. */
  byRegime: Record<RegimeBand, number>;
  /** Population std (ddof 0) of the defined regime win rates. */
  regimeDispersion: number;
  /** Max − min of the defined regime win rates. */
  regimeRange: number;
  /** Win rate of each consecutive non-overlapping window of `windowBars` bars (a trailing partial window is dropped). */
  rollingWinRates: Float64Array;
  /** Population std (ddof 0) of `rollingWinRates`. */
  rollingDispersion: number;
}

function calculatePopulationDeviation(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

/**
 * Win-rate stability: how much the per-period win rate moves across regimes and across rolling
 * (non-overlapping) windows. Lower dispersion = steadier edge. Regime attribution as in
 * {@link calculateRegimeMetrics}.
 */
export function calculateWinRateStability(returns: Float64Array, bandIndex: Int8Array, windowBars: number): WinRateStability {
  const byRegime = {} as Record<RegimeBand, number>;
  const defined: number[] = [];
  regimeBands.forEach((band, bandNumber) => {
    const selected = selectByBand(returns, bandIndex, bandNumber);
    const rate = selected.length === 0 ? Number.NaN : calculateWinRate(selected);
    byRegime[band] = rate;
    if (rate === rate) defined.push(rate);
  });
  const windowCount = windowBars > 0 ? Math.floor(returns.length / windowBars) : 0;
  const rollingWinRates = new Float64Array(windowCount);
  for (let window = 0; window < windowCount; window++) {
    rollingWinRates[window] = calculateWinRate(returns.subarray(window * windowBars, (window + 1) * windowBars));
  }
  return {
    byRegime,
    regimeDispersion: calculatePopulationDeviation(defined),
    regimeRange: defined.length === 0 ? Number.NaN : Math.max(...defined) - Math.min(...defined),
    rollingWinRates,
    rollingDispersion: calculatePopulationDeviation(Array.from(rollingWinRates)),
  };
}

/** Robustness of a strategy across regimes. */
export interface RegimeRobustness {
  /** Share (0–1) of regimes with at least `minimumBars` bars whose Sharpe is > 0; NaN if none qualifies. */
  score: number;
  /** Lowest Sharpe among qualifying regimes. */
  worstSharpe: number;
  /** Highest Sharpe among qualifying regimes. */
  bestSharpe: number;
  /** Regimes that qualified. */
  regimes: RegimeBand[];
}

/**
 * Robustness score across regimes: the share of regimes (with at least `minimumBars` bars) in
 * which the annualized Sharpe ratio is positive, with the worst and best regime Sharpe. 1 = the
 * strategy makes money in every regime it met; 0 = in none.
 */
export function calculateRegimeRobustness(regimeMetrics: Record<RegimeBand, RegimeMetrics>, minimumBars = 30): RegimeRobustness {
  const regimes = regimeBands.filter((band) => regimeMetrics[band].barCount >= minimumBars);
  const sharpes = regimes.map((band) => regimeMetrics[band].metrics.sharpe);
  if (regimes.length === 0) return { score: Number.NaN, worstSharpe: Number.NaN, bestSharpe: Number.NaN, regimes };
  return {
    score: sharpes.filter((sharpe) => sharpe > 0).length / regimes.length,
    worstSharpe: sharpes.reduce((worst, value) => (value < worst || value !== value ? value : worst), Number.POSITIVE_INFINITY),
    bestSharpe: sharpes.reduce((best, value) => (value > best || value !== value ? value : best), Number.NEGATIVE_INFINITY),
    regimes,
  };
}
