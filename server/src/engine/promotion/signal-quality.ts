import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateSpearmanCorrelation, lowerBound, upperBound } from '../statistics/correlation.ts';

/**
 * Signal-quality statistics of a deployment's evaluations (promotion-framework §1.A). A *signal* is the value a
 * strategy emitted at one evaluation (its target position as a fraction of equity, −1…1, or a score); NaN = no valid
 * signal at that evaluation. A *forward return* is the market's simple return over the horizon after it (fraction).
 */

/**
 * Forward returns over `horizon` evaluations: `forward[i] = price[i + horizon] / price[i] − 1`, NaN where either
 * price is missing (NaN, ≤ 0) or the horizon runs past the end.
 *
 * @param prices the market price at each evaluation (the bar close the signal was decided at), quote currency.
 * @throws EngineInputError('horizon') unless horizon is a positive integer.
 */
export function calculateForwardReturns(prices: Float64Array, horizon: number): Float64Array {
  if (!Number.isInteger(horizon) || horizon < 1) throw new EngineInputError('horizon', `horizon must be a positive integer (got ${horizon})`);
  const forward = new Float64Array(prices.length).fill(Number.NaN);
  for (let index = 0; index + horizon < prices.length; index++) {
    const now = prices[index];
    const later = prices[index + horizon];
    if (now > 0 && later > 0) forward[index] = later / now - 1;
  }
  return forward;
}

/** Directional hit rate and the number of signals it rests on. */
export interface DirectionalHitRate {
  /** Share of directional signals whose sign matched the forward return's sign, 0–1; NaN when there are none. */
  hitRate: number;
  /** Signals ≠ 0 with a non-zero finite forward return. */
  directionalCount: number;
}

/**
 * Directional hit rate (promotion-framework §1.A): over signals ≠ 0 whose forward return is finite and ≠ 0, the share
 * with `sign(signal) = sign(forward return)`. Flat signals and flat outcomes carry no direction and are left out.
 */
export function calculateDirectionalHitRate(signals: Float64Array, forwardReturns: Float64Array): DirectionalHitRate {
  assertSameLength(signals, forwardReturns, 'forwardReturns');
  let hits = 0;
  let count = 0;
  for (let index = 0; index < signals.length; index++) {
    const signal = signals[index];
    const outcome = forwardReturns[index];
    if (signal !== signal || outcome !== outcome || signal === 0 || outcome === 0) continue;
    count++;
    if (signal > 0 === outcome > 0) hits++;
  }
  return { hitRate: count === 0 ? Number.NaN : hits / count, directionalCount: count };
}

/** The information coefficient measured day by day. */
export interface DailyInformationCoefficient {
  /** Mean of the daily ICs, −1…1; NaN when no day qualifies. */
  mean: number;
  /** Share of the qualifying days with a negative IC, 0–1; NaN when no day qualifies. */
  negativeDayShare: number;
  /** Days with at least the minimum observations and a defined (non-constant) IC. */
  dayCount: number;
}

/**
 * Information coefficient (promotion-framework §1.A): per UTC day, the Spearman rank correlation between signals and
 * forward returns (pairs with a NaN dropped); days with fewer than `minimumObservations` pairs or a constant series
 * (undefined correlation) are skipped. Reports the mean over days and the share of negative days.
 *
 * @param days the UTC day number of each evaluation, non-decreasing (evaluations in time order).
 */
export function calculateDailyInformationCoefficient(days: Float64Array, signals: Float64Array, forwardReturns: Float64Array, minimumObservations = 3): DailyInformationCoefficient {
  assertSameLength(signals, forwardReturns, 'forwardReturns');
  assertSameLength(signals, days, 'days');
  let sum = 0;
  let negative = 0;
  let dayCount = 0;
  let start = 0;
  while (start < days.length) {
    let end = start + 1;
    while (end < days.length && days[end] === days[start]) end++;
    if (end < days.length && days[end] < days[start]) throw new EngineInputError('days', `days must not decrease (index ${end})`);
    let pairs = 0;
    for (let index = start; index < end; index++) if (signals[index] === signals[index] && forwardReturns[index] === forwardReturns[index]) pairs++;
    if (pairs >= minimumObservations) {
      const coefficient = calculateSpearmanCorrelation(signals.subarray(start, end), forwardReturns.subarray(start, end));
      if (coefficient === coefficient) {
        sum += coefficient;
        if (coefficient < 0) negative++;
        dayCount++;
      }
    }
    start = end;
  }
  return { mean: dayCount === 0 ? Number.NaN : sum / dayCount, negativeDayShare: dayCount === 0 ? Number.NaN : negative / dayCount, dayCount };
}

/**
 * Lift of a discrete (BUY/SELL/HOLD-like) signal over the hold baseline (promotion-framework §1.A, "lift vs
 * baseline"): `mean(sign(signal) · forward return | signal ≠ 0) − mean(forward return)` over evaluations with a
 * finite signal and forward return, as a fraction of price per horizon (0.001 = 10 bps better than holding).
 * NaN when there is no directional signal.
 */
export function calculateSignalLift(signals: Float64Array, forwardReturns: Float64Array): number {
  assertSameLength(signals, forwardReturns, 'forwardReturns');
  let signedSum = 0;
  let directional = 0;
  let baselineSum = 0;
  let baselineCount = 0;
  for (let index = 0; index < signals.length; index++) {
    const signal = signals[index];
    const outcome = forwardReturns[index];
    if (signal !== signal || outcome !== outcome) continue;
    baselineSum += outcome;
    baselineCount++;
    if (signal !== 0) {
      signedSum += signal > 0 ? outcome : -outcome;
      directional++;
    }
  }
  return directional === 0 ? Number.NaN : signedSum / directional - baselineSum / baselineCount;
}

/** Calibration of the signals' confidence against their outcomes. */
export interface CalibrationMonotonicity {
  /** Buckets that pass (the first always; bucket k when its hit rate ≥ bucket k−1's); NaN when too few signals. */
  monotonicBuckets: number;
  /** Directional hit rate per confidence bucket, lowest confidence first (empty when too few signals). */
  bucketHitRates: Float64Array;
}

/**
 * Confidence calibration (promotion-framework §1.A, "monotonic buckets"): directional signals with a finite confidence
 * (see `calculateDirectionalHitRate`) are sorted by confidence and cut into `bucketCount` equal-count buckets; a bucket
 * passes when its hit rate is at least the previous bucket's (the lowest bucket passes by definition), so a perfectly
 * monotone signal passes all of them. Fewer directional signals than buckets → NaN.
 *
 * @param confidence the signal's confidence at each evaluation, 0–1 (NaN = none).
 * @throws EngineInputError('bucketCount') unless bucketCount is an integer ≥ 2.
 */
export function calculateCalibrationMonotonicity(confidence: Float64Array, signals: Float64Array, forwardReturns: Float64Array, bucketCount: number): CalibrationMonotonicity {
  if (!Number.isInteger(bucketCount) || bucketCount < 2) throw new EngineInputError('bucketCount', `bucketCount must be an integer ≥ 2 (got ${bucketCount})`);
  assertSameLength(signals, forwardReturns, 'forwardReturns');
  assertSameLength(signals, confidence, 'confidence');
  let count = 0;
  for (let index = 0; index < signals.length; index++) if (isCalibrationUsable(confidence, signals, forwardReturns, index)) count++;
  if (count < bucketCount) return { monotonicBuckets: Number.NaN, bucketHitRates: new Float64Array(0) };
  // Position of each usable signal in confidence order (ties by index), from a native sort and binary search.
  const sorted = new Float64Array(count);
  let position = 0;
  for (let index = 0; index < signals.length; index++) if (isCalibrationUsable(confidence, signals, forwardReturns, index)) sorted[position++] = confidence[index];
  sorted.sort();
  const bucketOfPosition = new Int32Array(count);
  for (let bucket = 0; bucket < bucketCount; bucket++) bucketOfPosition.fill(bucket, Math.floor((bucket * count) / bucketCount), Math.floor(((bucket + 1) * count) / bucketCount));
  const hits = new Float64Array(bucketCount);
  const sizes = new Float64Array(bucketCount);
  const tiesSeen = new Map<number, number>();
  for (let index = 0; index < signals.length; index++) {
    if (!isCalibrationUsable(confidence, signals, forwardReturns, index)) continue;
    const level = confidence[index];
    const first = lowerBound(sorted, level);
    let rankAmongTies = 0;
    if (upperBound(sorted, level) - first > 1) {
      rankAmongTies = tiesSeen.get(level) ?? 0;
      tiesSeen.set(level, rankAmongTies + 1);
    }
    const bucket = bucketOfPosition[first + rankAmongTies];
    sizes[bucket]++;
    if (signals[index] > 0 === forwardReturns[index] > 0) hits[bucket]++;
  }
  const bucketHitRates = new Float64Array(bucketCount);
  let monotonicBuckets = 0;
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    bucketHitRates[bucket] = hits[bucket] / sizes[bucket];
    if (bucket === 0 || bucketHitRates[bucket] >= bucketHitRates[bucket - 1]) monotonicBuckets++;
  }
  return { monotonicBuckets, bucketHitRates };
}

/** A directional signal with a finite confidence and a non-zero finite forward return. */
function isCalibrationUsable(confidence: Float64Array, signals: Float64Array, forwardReturns: Float64Array, index: number): boolean {
  const signal = signals[index];
  const outcome = forwardReturns[index];
  const level = confidence[index];
  return signal === signal && outcome === outcome && level === level && signal !== 0 && outcome !== 0;
}

function assertSameLength(signals: Float64Array, other: Float64Array, field: string): void {
  if (other.length !== signals.length) throw new EngineInputError(field, `${field} must have one value per signal (got ${other.length} for ${signals.length})`);
}
