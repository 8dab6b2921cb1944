/**
 * Per-PERIOD win rate `#(r > 0) / #(r ≠ 0)`: periods with a zero return (flat) are excluded.
 * NaN returns count as 0 (excluded). No non-zero period → `0`. Fraction, not annualized.
 * (quantstats `win_rate`; metrics-conventions §2.) For a per-trade win rate see `calculateTradeWinRate`.
 */
export function calculateWinRate(returns: Float64Array): number {
  let wins = 0;
  let nonZero = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value > 0) {
      wins++;
      nonZero++;
    } else if (value < 0) nonZero++;
  }
  return nonZero === 0 ? 0 : wins / nonZero;
}
