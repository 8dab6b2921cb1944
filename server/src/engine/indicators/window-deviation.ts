/**
 * Population standard deviation (ddof = 0) of `values[end − period + 1 .. end]` around `mean`, two-pass:
 * `√(Σ(v − mean)² / period)`, summed in index order. With `mean = closeSum(period)[end] / period` it is the Bollinger
 * band's σ (the template's decisions and the chart's bands use this one formula). O(period).
 */
export function calculateWindowDeviation(values: Float64Array, end: number, period: number, mean: number): number {
  let squares = 0;
  for (let index = end - period + 1; index <= end; index++) {
    const difference = values[index] - mean;
    squares += difference * difference;
  }
  return Math.sqrt(squares / period);
}

/** Machine epsilon of doubles (2⁻⁵²). */
const epsilon = 2.220446049250313e-16;

/**
 * A running estimate of a trailing window's population variance in O(1) per bar, with a bound on its error, so that a
 * decision against `k·σ` needs the O(period) {@link calculateWindowDeviation} only where the estimate cannot tell.
 *
 * Keeps `s1 = Σ(v − K)` and `s2 = Σ(v − K)²` over the window, added to and taken from as it slides, and recomputed
 * from scratch with a new shift K (the window's last value) every `period` bars, so rounding cannot accumulate and the
 * shifted values stay small (no cancellation against the price level). The estimate is `(s2 − s1²/period)/period`.
 * Error bound: between two recomputations at most 2·period additions and subtractions touch each sum, each off by at
 * most ε times the largest partial sum, and `|s1|·max|s1| ≤ period·max s2` (Cauchy–Schwarz), so the estimate is within
 * `(12·period + 3)·ε·max s2 / period ≤ 15·ε·max s2` of the exact variance, `max s2` being the largest `s2` since the last
 * recomputation; {@link errorBound} is 64·ε·max s2, four times that. Only the sums move with each bar; the estimate is computed when asked. A NaN value makes the estimate NaN until the recomputation after it
 * has left the window (callers then take the exact path).
 */
export class SlidingWindowVariance {
  private readonly values: Float64Array;
  private readonly period: number;
  private shift = 0;
  private sum = 0;
  private squares = 0;
  private squaresPeak = 0;
  /** Bars until the next recomputation. */
  private untilRecompute: number;

  /** @param period window length in values (integer ≥ 1). */
  constructor(values: Float64Array, period: number) {
    this.values = values;
    this.period = period;
    this.untilRecompute = period;
  }

  /** Moves the window to end at `end`; call once for every index from 0 upwards, in order. */
  advance(end: number): void {
    // small enough for the optimizing compiler to inline into the caller's bar loop; the recomputation is a call
    if (--this.untilRecompute === 0) {
      this.recompute(end);
      return;
    }
    const values = this.values;
    const shift = this.shift;
    const incoming = values[end] - shift;
    let squares = this.squares + incoming * incoming;
    if (squares > this.squaresPeak) this.squaresPeak = squares;
    let sum = this.sum + incoming;
    if (end >= this.period) {
      const outgoing = values[end - this.period] - shift;
      sum -= outgoing;
      squares -= outgoing * outgoing;
    }
    this.sum = sum;
    this.squares = squares;
  }

  /** The sums of the window ending at `end` from scratch, shifted by its last value. */
  private recompute(end: number): void {
    const values = this.values;
    const period = this.period;
    this.untilRecompute = period;
    const shift = values[end];
    let sum = 0;
    let squares = 0;
    for (let index = end - period + 1; index <= end; index++) {
      const difference = values[index] - shift;
      sum += difference;
      squares += difference * difference;
    }
    this.shift = shift;
    this.sum = sum;
    this.squares = squares;
    this.squaresPeak = squares;
  }

  /** Estimated population variance of the window ending at the last {@link advance}d index (NaN after a NaN value). */
  variance(): number {
    const period = this.period;
    return (this.squares - (this.sum * this.sum) / period) / period;
  }

  /** Bound on |{@link variance} − the exact variance| (same unit, ≥ 0). */
  errorBound(): number {
    return 64 * epsilon * this.squaresPeak;
  }
}
