/**
 * Terms of the series kept by {@link calculateHeldLongReturnSums}: with ρ = |a|/c ≤ {@link heldLongMaximumRatio} the
 * first omitted term is below ρ⁵ ≈ 1e−12 of a return (squares: 6ρ⁵).
 */
export const heldLongSeriesTerms = 5;

/**
 * Largest |a| / price for which the series of {@link calculateHeldLongReturnSums} is used (a = cash / quantity of a
 * long position). A long entered at 0.15 % of costs has |a| ≈ 0.0015 × entry price, so the series holds while the
 * price stays above 0.375 × the entry price; below, callers step bar by bar.
 */
export const heldLongMaximumRatio = 1 / 250;

/**
 * Prefix sums that give Σr and Σr² of the per-bar returns of a HELD long position over any run of bars in O(1).
 *
 * While quantity q > 0 and cash stay fixed, equity at close t is q·(c_t + a) with a = cash/q, so the return of bar u
 * is r_u = d_u / (c_{u−1} + a) with d_u = c_u − c_{u−1}. Writing g_u = d_u / c_{u−1} and w_u = 1 / c_{u−1},
 * r_u = g_u · Σ_k (−a·w_u)^k and r_u² = g_u² · Σ_k (k + 1)(−a·w_u)^k. Row k of `sums` holds Σ_{u ≤ t} g_u·w_u^k
 * and row k of `squares` Σ_{u ≤ t} g_u²·w_u^k (entry 0 is 0), so a run's sums are differences of two entries weighted
 * by (−a)^k. Agrees with the bar-by-bar sums to ~1e−11 relative on real data (rounding of the prefix differences
 * and the truncated series). `close` must be finite and > 0. Writes `heldLongSeriesTerms` rows of `close.length`
 * values into each of `sums` and `squares`.
 */
export function calculateHeldLongReturnSums(close: Float64Array, sums: Float64Array, squares: Float64Array): void {
  const length = close.length;
  for (let term = 0; term < heldLongSeriesTerms; term++) {
    sums[term * length] = 0;
    squares[term * length] = 0;
  }
  for (let term = 0; term < heldLongSeriesTerms; term++) {
    const row = term * length;
    let sum = 0;
    let square = 0;
    for (let index = 1; index < length; index++) {
      const previous = close[index - 1];
      const weight = 1 / previous;
      const growth = (close[index] - previous) * weight;
      let power = 1;
      for (let step = 0; step < term; step++) power *= weight;
      sum += growth * power;
      square += growth * growth * power;
      sums[row + index] = sum;
      squares[row + index] = square;
    }
  }
}
