import { calculateCompoundAnnualGrowthRate } from '../metrics/compound-annual-growth-rate.ts';
import { calculateSharpeRatio } from '../metrics/sharpe-ratio.ts';
import { stitchSeries } from './stitch-series.ts';
import { calculateWalkForwardEfficiency } from './walk-forward-efficiency.ts';
import type { WalkForwardWindow } from './walk-forward-windows.ts';

/** Result of {@link selectCandidatesWalkForward}. */
export interface CandidateWalkForward {
  /** Per window: the index (into the candidates) chosen on its train rows. */
  chosen: number[];
  /** Per window: the in-sample CAGR of the chosen candidate. */
  inSampleCagr: number[];
  /** The chosen candidates' test-window returns, stitched in window order. */
  outOfSampleReturns: Float64Array;
  /** Stitched OOS CAGR ÷ mean in-sample CAGR ({@link calculateWalkForwardEfficiency}; NaN when IS CAGR ≤ 0). */
  walkForwardEfficiency: number;
}

/**
 * Walk-forward selection over a FIXED set of candidates whose per-bar returns over the whole series are known
 * (templates are causal, so one simulation over the series gives the same per-bar returns as re-running each window):
 * on each window's train rows the candidate with the highest annualized Sharpe ratio ({@link calculateSharpeRatio})
 * is chosen — NaN ranks last, ties go to the lower index, the same order as the search objective
 * `maximize sharpe` — and its test-window returns are stitched into the out-of-sample path.
 *
 * @param returnsByCandidate per-bar returns of each candidate over the same series (all the series' length).
 * @param candidates indexes into `returnsByCandidate` taking part (at least one).
 */
export function selectCandidatesWalkForward(
  returnsByCandidate: readonly Float64Array[],
  candidates: readonly number[],
  windows: readonly WalkForwardWindow[],
  periodsPerYear: number,
): CandidateWalkForward {
  const chosen: number[] = [];
  const inSampleCagr: number[] = [];
  const parts: Float64Array[] = [];
  for (const window of windows) {
    let best = candidates[0];
    let bestSharpe = Number.NaN;
    for (const candidate of candidates) {
      const sharpe = calculateSharpeRatio(returnsByCandidate[candidate].subarray(window.trainStart, window.trainEnd), periodsPerYear);
      if (sharpe > bestSharpe || (bestSharpe !== bestSharpe && sharpe === sharpe)) {
        bestSharpe = sharpe;
        best = candidate;
      }
    }
    chosen.push(best);
    inSampleCagr.push(calculateCompoundAnnualGrowthRate(returnsByCandidate[best].subarray(window.trainStart, window.trainEnd), periodsPerYear));
    parts.push(returnsByCandidate[best].subarray(window.testStart, window.testEnd));
  }
  const outOfSampleReturns = stitchSeries(parts);
  return {
    chosen,
    inSampleCagr,
    outOfSampleReturns,
    walkForwardEfficiency: calculateWalkForwardEfficiency(calculateCompoundAnnualGrowthRate(outOfSampleReturns, periodsPerYear), inSampleCagr),
  };
}
