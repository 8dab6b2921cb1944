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
