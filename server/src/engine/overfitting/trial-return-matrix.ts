/** Most rows kept per trial in a reduced trial-return matrix ({@link reduceTrialReturns}). */
export const maxMatrixRows = 256;
/** CSCV block count used for PBO on trial-return matrices (must divide the row count). */
export const cscvBlockCount = 16;

/** A trial-return matrix reduced for storage and CSCV: one series per trial, all of `rows` values. */
export interface TrialReturnMatrix {
  series: Float64Array[];
  rows: number;
  /** Bars compounded into one row. */
  groupBars: number;
}

/**
 * Compounds the most recent `groups` whole groups of `groupBars` bars of `returns` (oldest remainder dropped):
 * `row_g = ∏(1 + r) − 1` over the group's bars. Needs `groups · groupBars ≤ returns.length`.
 * Compounded returns are returns of the same strategy over longer periods.
 */
export function compoundReturnGroups(returns: Float64Array, groupBars: number, groups: number): Float64Array {
  const output = new Float64Array(groups);
  const start = returns.length - groupBars * groups;
  for (let group = 0; group < groups; group++) {
    let growth = 1;
    const from = start + group * groupBars;
    for (let index = from; index < from + groupBars; index++) growth *= 1 + returns[index];
    output[group] = growth - 1;
  }
  return output;
}

/**
 * Compounds `returns` into exactly `groups` rows of `⌊T / groups⌋` whole bars each (most recent kept, see
 * {@link compoundReturnGroups}); all `NaN` when the series has fewer than `groups` bars.
 */
export function compoundIntoGroups(returns: Float64Array, groups: number): Float64Array {
  const groupBars = Math.floor(returns.length / groups);
  if (groupBars < 1) return new Float64Array(groups).fill(Number.NaN);
  return compoundReturnGroups(returns, groupBars, groups);
}

/**
 * Reduces each trial's per-bar returns (all of the first trial's length T) to at most 256 rows: groups of
 * `groupBars = ⌈T / 256⌉` bars, the most recent whole groups kept, then the oldest rows trimmed so the row count is
 * a multiple of the CSCV block count (16). Fewer than 16 rows → `rows = 0` (no PBO). CSCV over compounded rows is the
 * same test at a coarser frequency, and the reduced matrix is exactly what PBO is computed from.
 */
export function reduceTrialReturns(returnsByTrial: readonly Float64Array[]): TrialReturnMatrix {
  const length = returnsByTrial[0]?.length ?? 0;
  const groupBars = Math.max(1, Math.ceil(length / maxMatrixRows));
  const wholeGroups = Math.floor(length / groupBars);
  const rows = wholeGroups - (wholeGroups % cscvBlockCount);
  const series = returnsByTrial.map((returns) => (groupBars === 1 ? returns.slice(length - rows, length) : compoundReturnGroups(returns, groupBars, rows)));
  return { series, rows, groupBars };
}
