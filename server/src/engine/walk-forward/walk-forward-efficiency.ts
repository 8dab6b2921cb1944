/**
 * Walk-forward efficiency, ANNUALIZED-RETURN based (R. Pardo, "The Evaluation and Optimization of Trading
 * Strategies", 2nd ed. 2008): out-of-sample CAGR ÷ mean in-sample CAGR (the mean over the finite in-sample values).
 *
 * Defined only when the mean in-sample CAGR is > 0 (a ratio to a loss or to nothing says nothing about decay):
 * `NaN` when it is ≤ 0 or when no in-sample value is finite. 1 = no decay; may be negative (OOS loss) or NaN when
 * the OOS CAGR is NaN.
 */
export function calculateWalkForwardEfficiency(outOfSampleCagr: number, inSampleCagrs: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < inSampleCagrs.length; index++) {
    const value = inSampleCagrs[index];
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  if (count === 0) return Number.NaN;
  const meanInSample = sum / count;
  if (!(meanInSample > 0)) return Number.NaN;
  return outOfSampleCagr / meanInSample;
}
