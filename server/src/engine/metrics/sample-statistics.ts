/**
 * Arithmetic mean of the non-NaN values. `NaN` when there are none.
 */
export function calculateMean(values: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === value) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/**
 * Standard deviation of the non-NaN values with divisor `count − ddof` (two-pass algorithm).
 * Returns exactly `0` when all values are equal (so ratios over it become ±∞/NaN as IEEE says,
 * instead of a huge finite number from rounding). `NaN` when `count − ddof ≤ 0`.
 *
 * @param ddof delta degrees of freedom: 1 = sample std (the default, metrics-conventions §1), 0 = population.
 */
export function calculateStandardDeviation(values: Float64Array, ddof = 1): number {
  let sum = 0;
  let count = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === value) {
      sum += value;
      count++;
      if (value < minimum) minimum = value;
      if (value > maximum) maximum = value;
    }
  }
  if (count - ddof <= 0) return Number.NaN;
  if (minimum === maximum) return 0;
  const mean = sum / count;
  let squares = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === value) {
      const deviation = value - mean;
      squares += deviation * deviation;
    }
  }
  return Math.sqrt(squares / (count - ddof));
}

/** Number of non-NaN values. */
export function calculateValidCount(values: Float64Array): number {
  let count = 0;
  for (let index = 0; index < values.length; index++) if (values[index] === values[index]) count++;
  return count;
}

/** The non-NaN values, in order, as a new array. */
export function calculateWithoutNaN(values: Float64Array): Float64Array {
  const output = new Float64Array(calculateValidCount(values));
  let cursor = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === value) output[cursor++] = value;
  }
  return output;
}

/** Arithmetic mean of the FINITE values (NaN and ±∞ skipped). `NaN` when there are none. */
export function calculateFiniteMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}
