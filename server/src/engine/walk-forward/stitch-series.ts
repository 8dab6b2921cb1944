/** Concatenates `parts` in order into one new series (stitched out-of-sample returns, timestamps, positions). */
export function stitchSeries(parts: readonly Float64Array[]): Float64Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const output = new Float64Array(length);
  let cursor = 0;
  for (const part of parts) {
    output.set(part, cursor);
    cursor += part.length;
  }
  return output;
}

/**
 * Equity of a return series marked after each period: `E_t = initialEquity · ∏_{s≤t}(1 + r_s)`, same length as
 * `returns` (the starting capital itself is not included). Used for stitched out-of-sample equity curves.
 */
export function compoundEquity(returns: Float64Array, initialEquity = 1): Float64Array {
  const equity = new Float64Array(returns.length);
  let value = initialEquity;
  for (let index = 0; index < returns.length; index++) {
    value *= 1 + returns[index];
    equity[index] = value;
  }
  return equity;
}
