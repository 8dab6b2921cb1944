import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateRealizedVolatility } from '../indicators/realized-volatility.ts';

/** Volatility regime of a bar (glossary "regime"). */
export type RegimeBand = 'calm' | 'neutral' | 'turbulent';

/** Every regime band, in order of increasing volatility; `bandIndex` values index this array. */
export const regimeBands: readonly RegimeBand[] = ['calm', 'neutral', 'turbulent'];

/**
 * Percentile cut-offs (percent, 0–100): calm = `[0, calmUpperPercentile)`,
 * neutral = `[calmUpperPercentile, turbulentLowerPercentile)`, turbulent = `[turbulentLowerPercentile, 100]`.
 * Defaults 20 / 80.
 */
export interface RegimeBandLimits {
  calmUpperPercentile: number;
  turbulentLowerPercentile: number;
}

/**
 * Settings of {@link calculateVolatilityRegimes}.
 * - `periodsPerYear`: bars per year (8760 for 1h); also sets the window: `round(windowDays · P / 365)` bars.
 * - `windowDays`: trailing window of realized volatility in days (default 30).
 * - `bands`: percentile limits (default 20 / 80).
 * - `minimumHistory`: number of earlier volatility values required before a bar is labelled
 *   (default: the window length in bars).
 */
export interface VolatilityRegimeOptions {
  periodsPerYear: number;
  windowDays?: number;
  bands?: RegimeBandLimits;
  minimumHistory?: number;
}

/** A bar where the regime label changes (the first label counts as a change from null). */
export interface RegimeChange {
  index: number;
  time: number;
  from: RegimeBand | null;
  to: RegimeBand;
}

/** Per-bar regime series. */
export interface VolatilityRegimes {
  /** Window length in bars. */
  windowBars: number;
  /** Annualized realized volatility of log returns over the window (NaN during warm-up). */
  realizedVolatility: Float64Array;
  /** Expanding percentile (0–100) of each bar's volatility among all EARLIER valid values; NaN when unlabelled. */
  percentile: Float64Array;
  /** Index into {@link regimeBands} per bar, −1 when unlabelled. */
  bandIndex: Int8Array;
  /** Label per bar, null when unlabelled. */
  labels: (RegimeBand | null)[];
  /** Label changes in time order. */
  changes: RegimeChange[];
}

/**
 * Assign calm/neutral/turbulent regimes from trailing realized volatility, without look-ahead:
 * the volatility at bar t uses closes up to t, and its percentile is its mid-rank among the
 * volatility values of bars before t: `100 · (#{s < t : v_s < v_t} + ½·#{s < t : v_s = v_t}) / #{s < t}`
 * (valid values only; O(n log n) with a Fenwick tree). Bars with fewer than `minimumHistory`
 * earlier values stay unlabelled.
 *
 * @throws EngineInputError('periodsPerYear') / ('windowDays') / ('bands') on invalid settings.
 */
export function calculateVolatilityRegimes(frame: BarFrame, options: VolatilityRegimeOptions): VolatilityRegimes {
  const { periodsPerYear } = options;
  if (!(periodsPerYear > 0)) throw new EngineInputError('periodsPerYear', 'periodsPerYear must be > 0');
  const windowDays = options.windowDays ?? 30;
  const windowBars = Math.round((windowDays * periodsPerYear) / 365);
  if (!(windowBars >= 2)) throw new EngineInputError('windowDays', 'the volatility window must span at least 2 bars');
  const bands = options.bands ?? { calmUpperPercentile: 20, turbulentLowerPercentile: 80 };
  if (!(bands.calmUpperPercentile >= 0 && bands.calmUpperPercentile <= bands.turbulentLowerPercentile && bands.turbulentLowerPercentile <= 100)) {
    throw new EngineInputError('bands', 'bands must satisfy 0 ≤ calmUpperPercentile ≤ turbulentLowerPercentile ≤ 100');
  }
  const minimumHistory = options.minimumHistory ?? windowBars;
  const length = frame.length;
  const realizedVolatility = new Float64Array(length);
  calculateRealizedVolatility(frame.close, windowBars, periodsPerYear, realizedVolatility);

  // coordinate compression of the valid values (ranks only; each query sees earlier bars only)
  const sorted = Float64Array.from(realizedVolatility.filter((value) => value === value)).sort();
  const unique: number[] = [];
  for (let index = 0; index < sorted.length; index++) if (index === 0 || sorted[index] !== sorted[index - 1]) unique.push(sorted[index]);
  const tree = new Int32Array(unique.length + 1);
  const rankOf = (value: number): number => {
    let low = 0;
    let high = unique.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (unique[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
  const countUpTo = (rank: number): number => {
    let total = 0;
    for (let position = rank; position > 0; position -= position & -position) total += tree[position];
    return total;
  };

  const percentile = new Float64Array(length).fill(Number.NaN);
  const bandIndex = new Int8Array(length).fill(-1);
  const labels: (RegimeBand | null)[] = new Array<RegimeBand | null>(length).fill(null);
  const changes: RegimeChange[] = [];
  let history = 0;
  let previous: RegimeBand | null = null;
  for (let index = 0; index < length; index++) {
    const value = realizedVolatility[index];
    if (value !== value) continue;
    const rank = rankOf(value);
    if (history >= minimumHistory && history > 0) {
      const below = countUpTo(rank - 1);
      const equal = countUpTo(rank) - below;
      const score = (100 * (below + 0.5 * equal)) / history;
      percentile[index] = score;
      const band = score < bands.calmUpperPercentile ? 0 : score < bands.turbulentLowerPercentile ? 1 : 2;
      bandIndex[index] = band;
      const label = regimeBands[band];
      labels[index] = label;
      if (label !== previous) changes.push({ index, time: frame.timestamp[index], from: previous, to: label });
      previous = label;
    }
    for (let position = rank; position < tree.length; position += position & -position) tree[position]++;
    history++;
  }
  return { windowBars, realizedVolatility, percentile, bandIndex, labels, changes };
}
