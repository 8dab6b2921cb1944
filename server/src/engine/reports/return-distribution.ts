/**
 * Histogram of per-bar returns.
 * - `binStart[k]`, `binEnd[k]`: bounds of bin k (fractions); bins are equal-width from the smallest to the largest
 *   return, each `[start, end)` except the last, which includes its end.
 * - `counts[k]`: returns in bin k.
 * - `zeroCount`: bars with a return of exactly 0 (flat, out of the market), NOT in the bins: a strategy flat half the
 *   time would otherwise show one bar dwarfing the rest.
 */
export interface ReturnDistribution {
  readonly binStart: number[];
  readonly binEnd: number[];
  readonly counts: number[];
  readonly zeroCount: number;
}

/**
 * Equal-width histogram of the finite non-zero returns in `binCount` bins (1–200). All returns equal → one bin holding them.
 * No finite return → empty arrays. Pure, O(n).
 */
export function calculateReturnDistribution(returns: Float64Array, binCount: number): ReturnDistribution {
  const bins = Math.max(1, Math.min(200, Math.floor(binCount)));
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  let zeroCount = 0;
  for (const value of returns) {
    if (!Number.isFinite(value)) continue;
    if (value === 0) {
      zeroCount++;
      continue;
    }
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  if (minimum > maximum) return { binStart: [], binEnd: [], counts: [], zeroCount };
  if (minimum === maximum) return { binStart: [minimum], binEnd: [maximum], counts: [returns.filter((value) => Number.isFinite(value) && value !== 0).length], zeroCount };
  const width = (maximum - minimum) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of returns) {
    if (!Number.isFinite(value) || value === 0) continue;
    counts[Math.min(bins - 1, Math.floor((value - minimum) / width))]++;
  }
  const binStart = counts.map((_, k) => minimum + k * width);
  const binEnd = counts.map((_, k) => (k === bins - 1 ? maximum : minimum + (k + 1) * width));
  return { binStart, binEnd, counts, zeroCount };
}
