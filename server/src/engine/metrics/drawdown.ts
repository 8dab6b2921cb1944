/**
 * Maximum drawdown of the compounded equity `Eₜ = ∏_{s≤t}(1 + r_s)` starting from `E₀ = 1`, which
 * counts as the first peak: `min_t (Eₜ / max_{s≤t} E_s − 1)`, a fraction ≤ 0 (`−0.25` = 25 % fall).
 * A first-period loss is drawdown from the starting capital; a −100 % period gives `−1`.
 * NaN returns count as 0; empty → `NaN`. (empyrical `max_drawdown`; metrics-conventions §2.)
 */
export function calculateMaxDrawdown(returns: Float64Array): number {
  if (returns.length === 0) return Number.NaN;
  let wealth = 1;
  let peak = 1;
  let worst = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) wealth *= 1 + value;
    if (wealth > peak) peak = wealth;
    const drawdown = wealth / peak - 1;
    if (drawdown < worst) worst = drawdown;
  }
  return worst;
}

/**
 * Longest drawdown duration in bars: the longest run of consecutive periods whose compounded
 * equity is strictly below its running peak (the peak includes the starting capital `E₀ = 1`).
 * An unrecovered drawdown at the end counts up to the last bar. NaN returns count as 0.
 * Empty → `NaN`; never underwater → `0`. (Project definition; pyfolio reports durations in days
 * between peak and recovery, which for bar data is this count.)
 */
export function calculateMaxDrawdownDurationBars(returns: Float64Array): number {
  if (returns.length === 0) return Number.NaN;
  let wealth = 1;
  let peak = 1;
  let run = 0;
  let longest = 0;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) wealth *= 1 + value;
    if (wealth >= peak) {
      peak = wealth;
      run = 0;
    } else {
      run++;
      if (run > longest) longest = run;
    }
  }
  return longest;
}

/**
 * Drawdown series `DDₜ = Eₜ / max_{s≤t} E_s − 1` (fractions ≤ 0) with `E₀ = 1` as the first peak,
 * written into `output` (length ≥ returns.length). NaN returns count as 0.
 */
export function calculateDrawdownSeries(returns: Float64Array, output: Float64Array): void {
  let wealth = 1;
  let peak = 1;
  for (let index = 0; index < returns.length; index++) {
    const value = returns[index];
    if (value === value) wealth *= 1 + value;
    if (wealth > peak) peak = wealth;
    output[index] = wealth / peak - 1;
  }
}
