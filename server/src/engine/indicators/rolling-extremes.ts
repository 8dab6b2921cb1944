/**
 * Highest value of the `window` values BEFORE each index (excluding the current one):
 * `output[t] = max(values[t−window .. t−1])` for `t ≥ window`, `NaN` before. O(n) with a
 * monotonic deque kept in `scratch` (an Int32Array of length ≥ values.length; no allocation).
 * Used for Donchian channels (R. Donchian; Turtle rules, C. Faith 2007).
 */
export function calculatePreviousRollingMaximum(values: Float64Array, window: number, output: Float64Array, scratch: Int32Array): void {
  let head = 0;
  let tail = 0;
  for (let index = 0; index < values.length; index++) {
    // the deque holds indices in [index − window, index − 1]
    while (tail > head && scratch[head] < index - window) head++;
    output[index] = index >= window ? values[scratch[head]] : Number.NaN;
    const value = values[index];
    while (tail > head && values[scratch[tail - 1]] <= value) tail--;
    scratch[tail++] = index;
  }
}

/**
 * Lowest value of the `window` values BEFORE each index: `output[t] = min(values[t−window .. t−1])`
 * for `t ≥ window`, `NaN` before. Same deque algorithm as {@link calculatePreviousRollingMaximum}.
 */
export function calculatePreviousRollingMinimum(values: Float64Array, window: number, output: Float64Array, scratch: Int32Array): void {
  let head = 0;
  let tail = 0;
  for (let index = 0; index < values.length; index++) {
    while (tail > head && scratch[head] < index - window) head++;
    output[index] = index >= window ? values[scratch[head]] : Number.NaN;
    const value = values[index];
    while (tail > head && values[scratch[tail - 1]] >= value) tail--;
    scratch[tail++] = index;
  }
}
