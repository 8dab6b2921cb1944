/**
 * Payoff ratio over per-period returns `mean(r | r > 0) / |mean(r | r < 0)|`.
 * NaN counts as 0. No winning or no losing period → `NaN`. (quantstats `payoff_ratio`; metrics-conventions §2.)
 */
export function calculatePayoffRatio(returns: Float64Array): number {
  let gains = 0;
  let wins = 0;
  let losses = 0;
  let lossCount = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value > 0) {
      gains += value;
      wins++;
    } else if (value < 0) {
      losses -= value;
      lossCount++;
    }
  }
  if (wins === 0 || lossCount === 0) return Number.NaN;
  return gains / wins / (losses / lossCount);
}
