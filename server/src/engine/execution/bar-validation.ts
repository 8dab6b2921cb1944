import type { ExecutionBar } from './execution-bar.ts';
import type { Refusal } from './refusal.ts';

/**
 * Rules a bar must pass before anything trades on it:
 * - `bar_not_finite`: a field is NaN or ±∞.
 * - `bar_non_positive_price`: open, high, low or close ≤ 0.
 * - `bar_negative_volume`: volume < 0.
 * - `bar_close_time`: `closeTime ≤ time`.
 * - `bar_high_below_low`: high < low.
 * - `bar_price_outside_range`: open or close outside [low, high].
 * - `bar_out_of_order`: open time not after the previous accepted bar's (an earlier bar or a repeat).
 * - `bar_future_dated`: the bar closes after the clock by more than the skew tolerance (it cannot have closed yet).
 */
export type BarRule =
  | 'bar_not_finite'
  | 'bar_non_positive_price'
  | 'bar_negative_volume'
  | 'bar_close_time'
  | 'bar_high_below_low'
  | 'bar_price_outside_range'
  | 'bar_out_of_order'
  | 'bar_future_dated';

/** A refused bar: the rule, the field it concerns, threshold and measured value (prices in quote, times in ms). */
export interface BarRefusal extends Refusal<BarRule> {
  readonly field: keyof ExecutionBar;
}

/**
 * What a bar is checked against.
 *
 * - `previousBarTime`: open time (ms) of the last bar accepted for this deployment, null for the first.
 * - `nowMs`: the injected clock, ms since the epoch.
 * - `clockSkewToleranceMs`: how far a bar's close may lie after the clock (feed and host clocks differ), ms ≥ 0.
 */
export interface BarValidationContext {
  readonly previousBarTime: number | null;
  readonly nowMs: number;
  readonly clockSkewToleranceMs: number;
}

const finiteFields = ['time', 'closeTime', 'open', 'high', 'low', 'close', 'volume'] as const;
const priceFields = ['open', 'high', 'low', 'close'] as const;

/**
 * Check one closed bar; null when it may be traded on, else the first broken rule in the order of {@link BarRule}.
 * A refused bar is recorded and never traded on (no order, no mark), and it does not become the previous bar.
 * A NaN or non-finite clock or tolerance refuses the bar as future-dated (fail closed).
 */
export function validateBar(bar: ExecutionBar, context: BarValidationContext): BarRefusal | null {
  // Fast path (every well-formed bar): finite numbers, 0 < low ≤ open, close ≤ high, volume ≥ 0, closeTime > time.
  const wellFormed =
    Number.isFinite(bar.time) &&
    Number.isFinite(bar.closeTime) &&
    Number.isFinite(bar.open) &&
    Number.isFinite(bar.high) &&
    Number.isFinite(bar.low) &&
    Number.isFinite(bar.close) &&
    Number.isFinite(bar.volume) &&
    bar.low > 0 &&
    bar.low <= bar.open &&
    bar.low <= bar.close &&
    bar.open <= bar.high &&
    bar.close <= bar.high &&
    bar.volume >= 0 &&
    bar.closeTime > bar.time;
  if (!wellFormed) {
    const refusal = findMalformedField(bar);
    if (refusal !== null) return refusal;
  }
  const previous = context.previousBarTime;
  if (previous !== null && !(bar.time > previous)) {
    return {
      rule: 'bar_out_of_order',
      field: 'time',
      threshold: previous,
      measured: bar.time,
      reason: bar.time === previous ? 'the bar repeats the previous bar (same open time)' : 'the bar opens before the previous bar (out of order)',
    };
  }
  const aheadMs = bar.closeTime - context.nowMs;
  if (!(aheadMs <= context.clockSkewToleranceMs)) {
    return {
      rule: 'bar_future_dated',
      field: 'closeTime',
      threshold: context.clockSkewToleranceMs,
      measured: aheadMs,
      reason: `the bar closes ${aheadMs} ms after the clock, beyond the ${context.clockSkewToleranceMs} ms skew tolerance (a bar cannot close in the future)`,
    };
  }
  return null;
}

/** The first broken shape rule of a bar that failed the fast path (finite, prices, volume, times, range). */
function findMalformedField(bar: ExecutionBar): BarRefusal | null {
  for (const field of finiteFields) {
    const value = bar[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { rule: 'bar_not_finite', field, threshold: null, measured: typeof value === 'number' ? String(value) : null, reason: `the bar's ${field} is not a finite number` };
    }
  }
  for (const field of priceFields) {
    if (bar[field] <= 0) return { rule: 'bar_non_positive_price', field, threshold: 0, measured: bar[field], reason: `the bar's ${field} price ${bar[field]} is not positive` };
  }
  if (bar.volume < 0) return { rule: 'bar_negative_volume', field: 'volume', threshold: 0, measured: bar.volume, reason: `the bar's volume ${bar.volume} is negative` };
  if (bar.closeTime <= bar.time) {
    return { rule: 'bar_close_time', field: 'closeTime', threshold: bar.time, measured: bar.closeTime, reason: 'the bar closes at or before its open time' };
  }
  if (bar.high < bar.low) return { rule: 'bar_high_below_low', field: 'high', threshold: bar.low, measured: bar.high, reason: `the bar's high ${bar.high} is below its low ${bar.low}` };
  for (const field of ['open', 'close'] as const) {
    if (bar[field] < bar.low || bar[field] > bar.high) {
      return {
        rule: 'bar_price_outside_range',
        field,
        threshold: `${bar.low}–${bar.high}`,
        measured: bar[field],
        reason: `the bar's ${field} ${bar[field]} lies outside its low–high range ${bar.low}–${bar.high}`,
      };
    }
  }
  return null;
}
