import { calculateLogOnePlusSmall, smallestReduced, smallReturnLimit } from './log-one-plus.ts';
import { calculateMinimumFrom, RankSelection } from './order-statistics.ts';
import type { PerformanceMetrics, TradingActivity } from './performance-metrics.ts';

/**
 * Work array reused across calls (grown as needed; 3 × 8 bytes per bar and 3 more: the sign row — negative returns from
 * its start, positive ones from its end — and the cumulative log's levels, each with its first bar). Fresh arrays of
 * this size cost more in page faults than the maths. Holds nothing between calls.
 */
let sharedScratch = new Float64Array(0);
/** Selection work reused across calls (see {@link RankSelection}). */
const rankSelection = new RankSelection();

/**
 * What the pass over a return series leaves for the metrics (one object, reused: the kernel allocates nothing).
 * The sign row (negatives, positives) and the levels of the cumulative log sit in the scratch array.
 */
interface ReturnSummary {
  /** Non-NaN returns. */
  valid: number;
  negativeCount: number;
  positiveCount: number;
  /** Σ r over the valid returns. */
  sum: number;
  /** Σ min(r, 0)² (downside risk, MAR 0). */
  downsideSquares: number;
  /** Σ −r over r < 0 (≥ 0). */
  lossSum: number;
  /** Σ r over r > 0. */
  gainSum: number;
  /** Extremes of the valid returns (±∞ when there is none): only to tell a constant series. */
  minimum: number;
  maximum: number;
  /** ∏(1 + r), a NaN return counting as 0. */
  wealth: number;
  /** min over t of wealth / running peak − 1 (peak starts at 1), ≤ 0. */
  worstDrawdown: number;
  /** Longest run of bars below the running peak. */
  longestUnderwater: number;
  /** Σ (r − mean)². */
  squares: number;
  /** Stability regression of the cumulative log y on the renumbered time x: Σ dx·dy, Σ dx², Σ dy². */
  covariance: number;
  varianceX: number;
  varianceY: number;
  /** False when a return ≤ −1 makes ln(1 + r) undefined. */
  stabilityDefined: boolean;
}

const summary: ReturnSummary = {
  valid: 0,
  negativeCount: 0,
  positiveCount: 0,
  sum: 0,
  downsideSquares: 0,
  lossSum: 0,
  gainSum: 0,
  minimum: 0,
  maximum: 0,
  wealth: 1,
  worstDrawdown: 0,
  longestUnderwater: 0,
  squares: 0,
  covariance: 0,
  varianceX: 0,
  varianceY: 0,
  stabilityDefined: true,
};

/**
 * Fused, allocation-free computation of every return-based {@link PerformanceMetrics} field, for backtests where
 * metrics dominate the cost. It follows the exact formulas and NaN/degenerate rules of the individual `calculate*`
 * metric functions (which remain the reference; a property test checks that both agree to 1e−12 relative) with
 * rf = MAR = 0 and an omega threshold of 0.
 *
 * One pass in index order and short ones over what it kept ({@link summarizeReturns}), then the order statistics (VaR,
 * CVaR, tail ratio) by selection inside the sign class each rank falls in (negatives < zeros < positives; see
 * {@link SignClassRanks}), so they select among far fewer values than n and never sort.
 *
 * Summation (a product decision, issue 10): sums are associated for speed — per sign, per level of the cumulative log,
 * one product for all zero returns, two accumulators, CVaR's tail sum as the selection finds it — so the volatility,
 * Sharpe, Sortino, downside risk, CVaR, omega, profit factor, payoff ratio and stability may differ from an index-order
 * loop in the last bits (on the golden backtests ≤ 7.5e−13 relative from the previous kernel, whose index-order sums
 * were the less accurate: both were compared with compensated sums). Products and comparisons in bar order (wealth,
 * total return, CAGR, drawdown and its duration), order statistics and counts are exact as before.
 */
export function calculatePerformanceMetricsFused(returns: Float64Array, periodsPerYear: number, activity?: TradingActivity): PerformanceMetrics {
  const total = returns.length;
  if (sharedScratch.length < 3 * total + 3) sharedScratch = new Float64Array(3 * total + 3);
  const signs = sharedScratch.subarray(0, total);
  const levels = sharedScratch.subarray(total, 3 * total + 3);
  summarizeReturns(returns, signs, levels, summary);
  const negatives = signs.subarray(0, summary.negativeCount);
  const positives = signs.subarray(total - summary.positiveCount, total);
  const { valid, negativeCount, positiveCount, sum, downsideSquares, lossSum, gainSum, minimum, maximum, wealth, worstDrawdown } = summary;
  const zeroCount = valid - negativeCount - positiveCount;
  const mean = sum / valid;
  const rootPeriods = Math.sqrt(periodsPerYear);
  const standardDeviation = valid < 2 ? Number.NaN : minimum === maximum ? 0 : Math.sqrt(summary.squares / (valid - 1));
  const downsideRisk = valid === 0 ? Number.NaN : Math.sqrt(downsideSquares / valid) * rootPeriods;
  const cagr = total === 0 || wealth < 0 || wealth !== wealth ? Number.NaN : wealth === 0 ? -1 : Math.pow(wealth, periodsPerYear / total) - 1;
  const maxDrawdown = total === 0 ? Number.NaN : worstDrawdown;
  const calmarRaw = maxDrawdown < 0 ? cagr / Math.abs(maxDrawdown) : Number.NaN;
  let stability = Number.NaN;
  if (total >= 2 && summary.stabilityDefined && valid >= 2) {
    if (summary.varianceY === 0) stability = 0;
    else {
      const correlation = summary.covariance / Math.sqrt(summary.varianceX * summary.varianceY);
      stability = correlation * correlation;
    }
  }
  // order statistics: ⌊(n−1)·0.05⌋ once for VaR, CVaR and the P5 of the tail ratio, ⌊(n−1)·0.95⌋ for its P95
  let valueAtRisk = Number.NaN;
  let conditionalValueAtRisk = Number.NaN;
  let tailRatio = Number.NaN;
  if (valid > 0) {
    const ranks = new SignClassRanks(negatives, negativeCount, zeroCount, positives, positiveCount, lossSum);
    const lowerPosition = (valid - 1) * 0.05;
    const lowerIndex = Math.floor(lowerPosition);
    const lowerFraction = lowerPosition - lowerIndex;
    ranks.select(lowerIndex, valid === total);
    const lowerBase = ranks.value;
    const percentile5 = lowerFraction === 0 || lowerIndex + 1 >= valid ? lowerBase : lowerBase + lowerFraction * (ranks.next - lowerBase);
    const worstSum = ranks.sumThrough;
    const upperPosition = (valid - 1) * 0.95;
    const upperIndex = Math.floor(upperPosition);
    const upperFraction = upperPosition - upperIndex;
    ranks.select(upperIndex, false);
    const upperBase = ranks.value;
    const percentile95 = upperFraction === 0 || upperIndex + 1 >= valid ? upperBase : upperBase + upperFraction * (ranks.next - upperBase);
    tailRatio = Math.abs(percentile95) / Math.abs(percentile5);
    if (valid === total) {
      valueAtRisk = percentile5;
      conditionalValueAtRisk = worstSum / (lowerIndex + 1);
    } else {
      // NaN counts in n and sorts last: the CVaR index is taken over all entries
      const worstIndex = Math.floor((total - 1) * 0.05);
      if (worstIndex < valid) {
        ranks.select(worstIndex, true);
        conditionalValueAtRisk = ranks.sumThrough / (worstIndex + 1);
      }
    }
  }
  const exposure =
    activity === undefined || activity.position.length === 0 ? Number.NaN : (activity.exposedBars ?? countNonZero(activity.position)) / activity.position.length;
  const wins = positiveCount;
  const losses = negativeCount;
  return {
    totalReturn: total === 0 ? Number.NaN : wealth - 1,
    cagr,
    annualVolatility: standardDeviation * rootPeriods,
    sharpe: valid < 2 ? Number.NaN : minimum === maximum ? minimum / 0 : (mean / standardDeviation) * rootPeriods,
    sortino: valid < 2 ? Number.NaN : (mean * periodsPerYear) / downsideRisk,
    calmar: Number.isFinite(calmarRaw) ? calmarRaw : Number.NaN,
    maxDrawdown,
    maxDrawdownDurationBars: total === 0 ? Number.NaN : summary.longestUnderwater,
    valueAtRisk,
    conditionalValueAtRisk,
    tailRatio,
    omega: total < 2 || !(lossSum > 0) ? Number.NaN : gainSum / lossSum,
    stability,
    downsideRisk,
    winRate: total === 0 ? Number.NaN : wins + losses === 0 ? 0 : wins / (wins + losses),
    profitFactor: total === 0 ? Number.NaN : lossSum === 0 ? (gainSum === 0 ? 0 : Number.POSITIVE_INFINITY) : gainSum / lossSum,
    payoffRatio: wins === 0 || losses === 0 ? Number.NaN : gainSum / wins / (lossSum / losses),
    tradeCount: activity === undefined ? Number.NaN : activity.tradeCount,
    exposure: activity === undefined ? Number.NaN : exposure,
    turnover: activity === undefined ? Number.NaN : activity.turnover,
  };
}

/**
 * One pass over a return series in index order, then short ones over what it kept. A NaN return is dropped (and the
 * time index renumbered) for the mean, the deviations, the per-sign sums and the regression, and counts as 0 for wealth
 * and the drawdown, as the conventions say.
 *
 * The pass sums the returns, compounds wealth and tracks the drawdown, accumulates the cumulative log ln ∏(1 + r), and
 * copies the negative returns (from the start of the sign row) and the positive ones (from its end). A run of zero (or NaN)
 * returns — a flat stretch of a backtest, about half its bars — leaves wealth, peak and the cumulative log where they
 * are, so it costs a scan whatever its length. The cumulative log is kept as LEVELS: the value it takes at each non-zero
 * return and the (renumbered) bar where it starts, so the regression's sums run over the levels, each weighted by the
 * bars it lasts. The deviations from the mean and the per-sign sums run over the sign row (the zeros add `mean²` each,
 * as one product).
 *
 * Sums are re-associated relative to a bar-by-bar index-order loop (per sign, per level, one product for all zeros,
 * two accumulators), so the last bits of the volatility, Sharpe, Sortino, omega and stability differ from such a loop's;
 * on the golden backtests these are within 2e−14 (stability 2e−13) of compensated sums, the index-order loop's within
 * 7.5e−13. Wealth and the drawdown are the same products and comparisons in index order. The hot loop takes
 * `ln(1 + r)` from {@link calculateLogOnePlusSmall} for |r| < 2⁻⁵ (within an ulp of `Math.log1p`).
 */
function summarizeReturns(
  returns: Float64Array,
  signs: Float64Array,
  levels: Float64Array,
  result: ReturnSummary,
): void {
  const total = returns.length;
  // NaN returns so far: the valid (renumbered) index of bar t is t − invalid
  let invalid = 0;
  let negativeCount = 0;
  // positives fill the sign row from its end (so one row holds both signs); the next free slot
  let positiveSlot = total - 1;
  let sum = 0;
  let cumulativeLog = 0;
  // Σ over the valid bars of the cumulative log (for its mean)
  let logSum = 0;
  // level 0: the cumulative log before the first non-zero return; levels are (first valid index, value) pairs
  levels[0] = 0;
  levels[1] = 0;
  let levelSlot = 2;
  let stabilityDefined = true;
  let wealth = 1;
  let peak = 1;
  let worstDrawdown = 0;
  // wealth ≥ peak·drawdownCandidateRatio cannot set a new worst drawdown (see drawdownRatioWidening); that product
  // is kept as drawdownCandidateBound
  let drawdownCandidateRatio = drawdownRatioWidening;
  let drawdownCandidateBound = peak * drawdownCandidateRatio;
  // the last bar at the running peak (−1: the starting capital); the bars after it up to now are underwater
  let peakIndex = -1;
  let longestUnderwater = 0;
  // Three steps take turns, each loop innermost and call-free so the optimizing compiler keeps the arrays' checks out
  // of it: small returns (most of a backtest's non-zero ones), runs of zero (or NaN) returns, and the general step for
  // anything else (large, tiny or infinite returns).
  let index = 0;
  while (index < total) {
    // A run of small returns, in two loops over it (each with fewer live values than one loop doing both, so fewer
    // spills): the sum, the sign row, wealth and the drawdown first; then the cumulative log and its levels. Every
    // accumulator sees the same operations in the same order as in one loop.
    const smallStart = index;
    for (; index < total; index++) {
      const value = returns[index];
      const magnitude = Math.abs(value);
      if (!(magnitude < smallReturnLimit && magnitude >= smallestReduced)) break;
      sum += value;
      // branch-free split by sign (the signs of consecutive returns are as good as random): write to both ends, keep one
      signs[negativeCount] = value;
      signs[positiveSlot] = value;
      const negative = Number(value < 0);
      negativeCount += negative;
      positiveSlot -= 1 - negative;
      wealth *= 1 + value;
      if (wealth >= peak) {
        peak = wealth;
        drawdownCandidateBound = wealth * drawdownCandidateRatio;
        if (index - peakIndex > longestUnderwater + 1) longestUnderwater = index - peakIndex - 1;
        peakIndex = index;
      } else if (wealth < drawdownCandidateBound) {
        const drawdown = wealth / peak - 1;
        if (drawdown < worstDrawdown) {
          worstDrawdown = drawdown;
          drawdownCandidateRatio = drawdown < drawdownRatioFloor ? Number.POSITIVE_INFINITY : (1 + drawdown) * drawdownRatioWidening;
          drawdownCandidateBound = peak * drawdownCandidateRatio;
        }
      }
    }
    for (let small = smallStart; small < index; small++) {
      cumulativeLog += calculateLogOnePlusSmall(returns[small]);
      logSum += cumulativeLog;
      levels[levelSlot] = small - invalid;
      levels[levelSlot + 1] = cumulativeLog;
      levelSlot += 2;
    }
    if (index >= total) break;
    const value = returns[index];
    if (value === 0 || value !== value) {
      // A run of zero or NaN returns: wealth (×1), peak and the cumulative log stand still, so no new worst drawdown,
      // and the run is at the peak when the bar before it was.
      const atPeak = peakIndex === index - 1;
      const runStart = index;
      const invalidBefore = invalid;
      for (; index < total; index++) {
        const next = returns[index];
        if (next !== next) invalid++;
        else if (next !== 0) break;
      }
      logSum += (index - runStart - (invalid - invalidBefore)) * cumulativeLog;
      if (atPeak) peakIndex = index - 1;
      continue;
    }
    // The general step: a return outside the small range (large, tiny or infinite).
    sum += value;
    if (value < 0) {
      signs[negativeCount++] = value;
      if (value <= -1) stabilityDefined = false;
    } else signs[positiveSlot--] = value;
    cumulativeLog += Math.log1p(value);
    logSum += cumulativeLog;
    levels[levelSlot] = index - invalid;
    levels[levelSlot + 1] = cumulativeLog;
    levelSlot += 2;
    wealth *= 1 + value;
    if (wealth >= peak) {
      peak = wealth;
      drawdownCandidateBound = wealth * drawdownCandidateRatio;
      if (index - peakIndex > longestUnderwater + 1) longestUnderwater = index - peakIndex - 1;
      peakIndex = index;
    } else {
      const drawdown = wealth / peak - 1;
      if (drawdown < worstDrawdown) {
        worstDrawdown = drawdown;
        drawdownCandidateRatio = drawdown < drawdownRatioFloor ? Number.POSITIVE_INFINITY : (1 + drawdown) * drawdownRatioWidening;
        drawdownCandidateBound = peak * drawdownCandidateRatio;
      }
    }
    index++;
  }
  const valid = total - invalid;
  const positiveCount = total - 1 - positiveSlot;
  const levelCount = levelSlot / 2;
  // an unrecovered drawdown counts to the last bar
  if (total - 1 - peakIndex > longestUnderwater) longestUnderwater = total - 1 - peakIndex;
  const zeroCount = valid - negativeCount - positiveCount;
  const mean = sum / valid;
  // Deviations from the mean and per-sign sums over the sign rows, two accumulators each (independent additions
  // overlap, one chain of dependent ones would not), and the extremes of each sign.
  let squares = 0;
  let squaresOdd = 0;
  let downsideSquares = 0;
  let downsideSquaresOdd = 0;
  let lossSum = 0;
  let lossSumOdd = 0;
  let negativeMinimum = Number.POSITIVE_INFINITY;
  let negativeMaximum = Number.NEGATIVE_INFINITY;
  let pair = 0;
  for (; pair + 1 < negativeCount; pair += 2) {
    const value = signs[pair];
    const odd = signs[pair + 1];
    const deviation = value - mean;
    const deviationOdd = odd - mean;
    squares += deviation * deviation;
    squaresOdd += deviationOdd * deviationOdd;
    downsideSquares += value * value;
    downsideSquaresOdd += odd * odd;
    lossSum -= value;
    lossSumOdd -= odd;
    negativeMinimum = Math.min(negativeMinimum, value, odd);
    negativeMaximum = Math.max(negativeMaximum, value, odd);
  }
  if (pair < negativeCount) {
    const value = signs[pair];
    const deviation = value - mean;
    squares += deviation * deviation;
    downsideSquares += value * value;
    lossSum -= value;
    negativeMinimum = Math.min(negativeMinimum, value);
    negativeMaximum = Math.max(negativeMaximum, value);
  }
  downsideSquares += downsideSquaresOdd;
  lossSum += lossSumOdd;
  let gainSum = 0;
  let gainSumOdd = 0;
  let positiveMinimum = Number.POSITIVE_INFINITY;
  let positiveMaximum = Number.NEGATIVE_INFINITY;
  for (pair = total - positiveCount; pair + 1 < total; pair += 2) {
    const value = signs[pair];
    const odd = signs[pair + 1];
    const deviation = value - mean;
    const deviationOdd = odd - mean;
    squares += deviation * deviation;
    squaresOdd += deviationOdd * deviationOdd;
    gainSum += value;
    gainSumOdd += odd;
    positiveMinimum = Math.min(positiveMinimum, value, odd);
    positiveMaximum = Math.max(positiveMaximum, value, odd);
  }
  if (pair < total) {
    const value = signs[pair];
    const deviation = value - mean;
    squares += deviation * deviation;
    gainSum += value;
    positiveMinimum = Math.min(positiveMinimum, value);
    positiveMaximum = Math.max(positiveMaximum, value);
  }
  gainSum += gainSumOdd;
  squares += squaresOdd;
  if (zeroCount > 0) squares += zeroCount * (mean * mean);
  // extremes of the valid values (±∞ when there is none): only to tell a constant series
  const minimum = negativeCount > 0 ? negativeMinimum : zeroCount > 0 ? 0 : positiveMinimum;
  const maximum = positiveCount > 0 ? positiveMaximum : zeroCount > 0 ? 0 : negativeMaximum;
  // The stability regression over the levels: level j holds y_j on x ∈ [a_j, a_{j+1}) (a_J = valid), so with
  // w_j = a_{j+1} − a_j and x̄ = (valid − 1)/2: Σ dy² = Σ w_j (y_j − ȳ)², Σ dx·dy = ½ Σ w_j (a_j + a_{j+1} − valid)(y_j − ȳ)
  // (the sum of x − x̄ over the level's bars, exact in integers), and Σ dx² = (valid − 1)·valid·(valid + 1)/12. The
  // pass summed y over the bars (a zero run as one product), so ȳ is known.
  levels[2 * levelCount] = valid;
  const meanY = logSum / valid;
  let covariance = 0;
  let covarianceOdd = 0;
  let varianceY = 0;
  let varianceYOdd = 0;
  let level = 0;
  for (; level + 1 < levelCount; level += 2) {
    const start = levels[2 * level];
    const middle = levels[2 * level + 2];
    const end = levels[2 * level + 4];
    const deviationY = levels[2 * level + 1] - meanY;
    const deviationYOdd = levels[2 * level + 3] - meanY;
    const weightedDeviationY = (middle - start) * deviationY;
    const weightedDeviationYOdd = (end - middle) * deviationYOdd;
    varianceY += weightedDeviationY * deviationY;
    varianceYOdd += weightedDeviationYOdd * deviationYOdd;
    covariance += (start + middle - valid) * weightedDeviationY;
    covarianceOdd += (middle + end - valid) * weightedDeviationYOdd;
  }
  if (level < levelCount) {
    const start = levels[2 * level];
    const end = levels[2 * level + 2];
    const deviationY = levels[2 * level + 1] - meanY;
    const weightedDeviationY = (end - start) * deviationY;
    varianceY += weightedDeviationY * deviationY;
    covariance += (start + end - valid) * weightedDeviationY;
  }
  result.valid = valid;
  result.negativeCount = negativeCount;
  result.positiveCount = positiveCount;
  result.sum = sum;
  result.downsideSquares = downsideSquares;
  result.lossSum = lossSum;
  result.gainSum = gainSum;
  result.minimum = minimum;
  result.maximum = maximum;
  result.wealth = wealth;
  result.worstDrawdown = worstDrawdown;
  result.longestUnderwater = longestUnderwater;
  result.squares = squares;
  result.covariance = 0.5 * (covariance + covarianceOdd);
  result.varianceX = calculateCenteredIndexSquares(valid);
  result.varianceY = varianceY + varianceYOdd;
  result.stabilityDefined = stabilityDefined;
}

/**
 * The drawdown divides only where it may set a new worst: with c = (1 + worst)·(1 + 2⁻³⁰), `wealth ≥ peak·c` implies
 * `wealth/peak − 1 ≥ worst` in floating point (the widening is far above the rounding of the division and of 1 + worst
 * while 1 + worst ≥ 2⁻²⁰; below that floor c = ∞ and every underwater bar is divided). Same drawdowns, bit for bit.
 */
const drawdownRatioFloor = -0.9999990463256836; // −1 + 2⁻²⁰
const drawdownRatioWidening = 1.0000000009313226; // 1 + 2⁻³⁰

/** Largest n for which Σ (x − x̄)² over x = 0 … n−1 has an exact closed form in doubles (see below). */
const exactCenteredSquaresLimit = 200_000;

/**
 * Σₓ (x − x̄)² over x = 0 … n−1, the regression's Σ dx², as the loop `Σ dx·dx` in index order gives it. Every dx is a
 * multiple of ½ and every partial sum a multiple of ¼ below 2⁵¹ while n ≤ 200,000, so that loop adds exactly and
 * equals (n−1)·n·(n+1)/12, which doubles also hold exactly (the product is an integer below 2⁵³, the quotient a
 * multiple of ¼): the same bits without the loop. Longer series run the loop.
 */
export function calculateCenteredIndexSquares(n: number): number {
  if (n === 0) return 0;
  if (n <= exactCenteredSquaresLimit) return ((n - 1) * n * (n + 1)) / 12;
  const shiftedMean = (n - 1) / 2 + 0.5;
  let squares = 0;
  for (let index = 0, x = 0.5; index < n; index++, x += 1) {
    const deviation = x - shiftedMean;
    squares += deviation * deviation;
  }
  return squares;
}

/** Number of entries ≠ 0 (NaN counts). */
function countNonZero(values: Float64Array): number {
  let count = 0;
  for (let index = 0; index < values.length; index++) count += Number(values[index] !== 0);
  return count;
}

/**
 * Order statistics of the NaN-free values `negatives ∪ zeros ∪ positives` (every negative < 0 < every positive), by
 * selection inside one sign class: rank r is the r-th smallest negative when r < N−, 0 when r < N− + Z, else the
 * (r − N− − Z)-th smallest positive. The rows are not reordered ({@link RankSelection}).
 */
class SignClassRanks {
  /** x₍r₎ of the last {@link select}. */
  value = Number.NaN;
  /** x₍r+1₎ of the last {@link select}; NaN past the last rank. */
  next = Number.NaN;
  /**
   * With `withSum`: Σ x₍0₎ … x₍r₎ — the negatives' sum (−lossSum) when r is past them, then the values of r's class
   * below x₍r₎ (summed as {@link RankSelection.sumBelow} says), then x₍r₎ times its ties among the r + 1 smallest.
   */
  sumThrough = Number.NaN;
  private readonly negatives: Float64Array;
  private readonly negativeCount: number;
  private readonly zeroCount: number;
  private readonly positives: Float64Array;
  private readonly positiveCount: number;
  private readonly lossSum: number;

  /** @param lossSum Σ −r over the negatives, so their sum is −lossSum exactly (one negation). */
  constructor(negatives: Float64Array, negativeCount: number, zeroCount: number, positives: Float64Array, positiveCount: number, lossSum: number) {
    this.negatives = negatives;
    this.negativeCount = negativeCount;
    this.zeroCount = zeroCount;
    this.positives = positives;
    this.positiveCount = positiveCount;
    this.lossSum = lossSum;
  }

  /** Select rank `rank` (0-based, below the number of values); `withSum` also sets {@link sumThrough}. */
  select(rank: number, withSum: boolean): void {
    const negativeCount = this.negativeCount;
    const zeroEnd = negativeCount + this.zeroCount;
    if (rank < negativeCount) {
      rankSelection.select(this.negatives, negativeCount, rank, withSum);
      this.value = rankSelection.value;
      this.next = rank + 1 < negativeCount ? rankSelection.next : this.smallestFrom(rank + 1);
      this.sumThrough = withSum ? rankSelection.sumBelow + (rank + 1 - rankSelection.countBelow) * rankSelection.value : Number.NaN;
      return;
    }
    if (rank < zeroEnd) {
      this.value = 0;
      this.next = this.smallestFrom(rank + 1);
      this.sumThrough = withSum ? 0 - this.lossSum : Number.NaN;
      return;
    }
    const positiveRank = rank - zeroEnd;
    rankSelection.select(this.positives, this.positiveCount, positiveRank, withSum);
    this.value = rankSelection.value;
    this.next = rankSelection.next;
    this.sumThrough = withSum ? 0 - this.lossSum + (rankSelection.sumBelow + (positiveRank + 1 - rankSelection.countBelow) * rankSelection.value) : Number.NaN;
  }

  /** x₍r₎ for a rank r at or past the zeros (0 among them, the smallest positive right after them, NaN past the last). */
  private smallestFrom(rank: number): number {
    if (rank < this.negativeCount + this.zeroCount) return 0;
    if (this.positiveCount === 0) return Number.NaN;
    return calculateMinimumFrom(this.positives, 0, this.positiveCount);
  }
}
