function swap(values: Float64Array, first: number, second: number): void {
  const held = values[first];
  values[first] = values[second];
  values[second] = held;
}

function selectFloydRivest(values: Float64Array, initialLeft: number, initialRight: number, k: number): void {
  let left = initialLeft;
  let right = initialRight;
  while (right > left) {
    if (right - left > 600) {
      // recurse on a small sample range that very likely contains the k-th value
      const size = right - left + 1;
      const rank = k - left + 1;
      const logSize = Math.log(size);
      const sampleSize = 0.5 * Math.exp((2 * logSize) / 3);
      const deviation = 0.5 * Math.sqrt((logSize * sampleSize * (size - sampleSize)) / size) * (rank - size / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (rank * sampleSize) / size + deviation));
      const sampleRight = Math.min(right, Math.floor(k + ((size - rank) * sampleSize) / size + deviation));
      selectFloydRivest(values, sampleLeft, sampleRight, k);
    }
    const pivot = values[k];
    let low = left;
    let high = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, left, right);
    while (low < high) {
      swap(values, low, high);
      low++;
      high--;
      while (values[low] < pivot) low++;
      while (values[high] > pivot) high--;
    }
    if (values[left] === pivot) swap(values, left, high);
    else {
      high++;
      swap(values, high, right);
    }
    if (high <= k) left = high + 1;
    if (k <= high) right = high - 1;
  }
}

/**
 * Rearrange `values[start .. length)` in place so that `values[k]` holds the k-th smallest value
 * (0-based) of that range, everything before it is ≤ and everything after it is ≥; returns
 * `values[k]`. Floyd & Rivest's SELECT (CACM 18(3), 1975, Algorithm 489): expected
 * `n + min(k, n − k) + o(n)` comparisons, no allocation. The values must not contain NaN. Use
 * `start > 0` when the array is already partitioned around an earlier, smaller k.
 */
export function selectKthSmallest(values: Float64Array, length: number, k: number, start = 0): number {
  selectFloydRivest(values, start, length - 1, k);
  return values[k];
}

/** Smallest of `values[start .. length)`; `+∞` when the range is empty. */
export function calculateMinimumFrom(values: Float64Array, start: number, length: number): number {
  let minimum = Number.POSITIVE_INFINITY;
  for (let index = start; index < length; index++) if (values[index] < minimum) minimum = values[index];
  return minimum;
}

/**
 * Percentile with linear interpolation (numpy default, Hyndman–Fan type 7) of the NaN-free
 * `values[0 .. length)`, by selection instead of sorting (reorders the array in place).
 * `h = (n − 1)·q`; result `x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`. Empty → `NaN`.
 *
 * @param quantile fraction in [0, 1].
 */
export function calculatePercentileBySelection(values: Float64Array, length: number, quantile: number): number {
  if (length === 0) return Number.NaN;
  const position = (length - 1) * quantile;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const base = selectKthSmallest(values, length, lower);
  if (fraction === 0 || lower + 1 >= length) return base;
  return base + fraction * (calculateMinimumFrom(values, lower + 1, length) - base);
}

/** Copy the non-NaN values of `source` into `target` (length ≥ source.length); returns how many were copied. */
export function copyValidValues(source: Float64Array, target: Float64Array): number {
  let count = 0;
  for (let index = 0; index < source.length; index++) {
    const value = source[index];
    if (value === value) target[count++] = value;
  }
  return count;
}

/** Rows at least this long select through a sample's bounds (see {@link RankSelection}); shorter ones are copied whole. */
const sampledSelectionMinimum = 4096;
/** Values drawn, evenly spaced, to bound the wanted rank (see {@link RankSelection}). */
const selectionSampleSize = 1024;

/**
 * The order statistics x₍k₎ and x₍k+1₎ (0-based ranks) of a NaN-free row, and optionally the sum of the values below
 * x₍k₎, WITHOUT reordering the row — so one row serves several selections. Allocation-free after the first use of a
 * length (the work row is kept).
 *
 * Rows of ≥ 4096 values: an evenly spaced sample of 1024 values gives bounds `lower ≤ x₍k₎ ≤ x₍k+1₎ ≤ upper` with high
 * probability (the sample ranks q·m ∓ (3·√(m·q·(1−q)) + 3), q = k/n), one branch-free pass counts and sums the values
 * below `lower` and copies those within the bounds (typically a few percent of the row), and Floyd–Rivest selects
 * among those; the sum then adds the copied values below x₍k₎. When the bounds missed the ranks (the row's order is far
 * from random), the whole row is copied and selected — the same result, only slower. Shorter rows are copied and
 * selected directly and their sum runs in index order. Results are exact order statistics in every case; the sample
 * only decides the work (and how the sum is associated: it is within a few ulps of the index-order sum). Values may be
 * ±∞.
 */
export class RankSelection {
  /** x₍k₎ of the last {@link select}. */
  value = Number.NaN;
  /** x₍k+1₎ of the last {@link select}; NaN when k is the last rank. */
  next = Number.NaN;
  /** With `withSum`: Σ of the values < x₍k₎ (0 otherwise): in index order for rows selected whole, else those below the
   * sample's lower bound in index order plus the copied ones below x₍k₎ (see the class). */
  sumBelow = 0;
  /** With `withSum`: how many values are < x₍k₎ (so the k+1 smallest sum to `sumBelow + (k + 1 − countBelow)·x₍k₎`). */
  countBelow = 0;
  private work = new Float64Array(0);

  /**
   * Select rank `k` (0 ≤ k < length) of `values[0 .. length)` (NaN-free; left untouched).
   *
   * @param withSum also sum (in index order) and count the values below x₍k₎.
   */
  select(values: Float64Array, length: number, k: number, withSum: boolean): void {
    if (this.work.length < length) this.work = new Float64Array(length);
    const work = this.work;
    let below = 0;
    let candidates = 0;
    let sumBelowLower = 0;
    if (length >= sampledSelectionMinimum) {
      const size = selectionSampleSize;
      for (let draw = 0; draw < size; draw++) work[draw] = values[Math.floor(((2 * draw + 1) * length) / (2 * size))];
      const quantile = k / length;
      const spread = 3 * Math.sqrt(size * quantile * (1 - quantile)) + 3;
      const lowRank = Math.floor(quantile * size - spread);
      const highRank = Math.ceil(((k + 2) / length) * size + spread);
      const lower = lowRank < 0 ? Number.NEGATIVE_INFINITY : selectKthSmallest(work, size, lowRank);
      const upper = highRank >= size ? Number.POSITIVE_INFINITY : selectKthSmallest(work, size, highRank, lowRank < 0 ? 0 : lowRank + 1);
      // branch-free: every value is written, the write position advances only for those within the bounds (not above
      // `upper` and not below `lower`); the values below the bounds are counted and summed (a product by 1 or 0 is exact,
      // and adding ±0 leaves the sum), two at a time into two sums so the additions do not wait on each other
      let sumOdd = 0;
      let index = 0;
      for (; index + 1 < length; index += 2) {
        const value = values[index];
        const odd = values[index + 1];
        const isBelow = Number(value < lower);
        const oddIsBelow = Number(odd < lower);
        sumBelowLower += value * isBelow;
        sumOdd += odd * oddIsBelow;
        below += isBelow + oddIsBelow;
        work[candidates] = value;
        candidates += Number(value <= upper) - isBelow;
        work[candidates] = odd;
        candidates += Number(odd <= upper) - oddIsBelow;
      }
      if (index < length) {
        const value = values[index];
        const isBelow = Number(value < lower);
        sumBelowLower += value * isBelow;
        below += isBelow;
        work[candidates] = value;
        candidates += Number(value <= upper) - isBelow;
      }
      sumBelowLower += sumOdd;
    }
    const rank = k - below;
    const inside = length >= sampledSelectionMinimum && rank >= 0 && rank < candidates && (rank + 1 < candidates || k + 1 === length);
    if (!inside) {
      // short row, or the sample's bounds missed: select in a copy of the whole row
      work.set(values.subarray(0, length));
      below = 0;
      candidates = length;
      sumBelowLower = 0;
    }
    const localRank = k - below;
    this.value = selectKthSmallest(work, candidates, localRank);
    this.next = k + 1 < length ? calculateMinimumFrom(work, localRank + 1, candidates) : Number.NaN;
    this.sumBelow = 0;
    this.countBelow = 0;
    if (withSum) {
      const threshold = this.value;
      // the whole row (copied), or the copied candidates: after the selection those below x₍k₎ sit before localRank
      const source = inside ? work : values;
      const end = inside ? localRank : length;
      let sum = 0;
      let count = 0;
      for (let index = 0; index < end; index++) {
        const value = source[index];
        const isBelow = Number(value < threshold);
        sum += value * isBelow;
        count += isBelow;
      }
      sum += sumBelowLower;
      if (sum !== sum) {
        // an infinite value times 0 (the product trick needs finite values): the same sum with a branch, in index order
        sum = 0;
        for (let index = 0; index < length; index++) if (values[index] < threshold) sum += values[index];
      }
      this.sumBelow = sum;
      this.countBelow = below + count;
    }
  }
}
