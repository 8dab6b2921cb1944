import { calculateLogOnePlusNearZero, isNearZeroForLogOnePlus } from './log-one-plus.ts';
import { calculateMinimumFrom, RankSelection } from './order-statistics.ts';
import type { PerformanceMetrics, TradingActivity } from './performance-metrics.ts';

/**
 * Work array reused across calls (grown as needed; 3 × 8 bytes per bar: the negative returns, the positive returns, the
 * cumulative log returns). Fresh arrays of this size cost more in page faults than the maths. Holds nothing between calls.
 */
let sharedScratch = new Float64Array(0);
/** Selection work reused across calls (see {@link RankSelection}). */
const rankSelection = new RankSelection();

/**
 * What the passes over a return series leave for the metrics (one object, reused: the kernel allocates nothing).
 * Sums run in index order; the sign rows (negatives, positives) sit in the scratch array.
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
 * Two passes in index order ({@link summarizeReturns}), then the order statistics (VaR, CVaR, tail
 * ratio) by selection inside the sign class each rank falls in (negatives < zeros < positives; see
 * {@link SignClassRanks}), so they select among far fewer values than n and never sort.
 *
 * Every field is bit-identical to the previous kernel's except CVaR, whose tail sum now has one defined order (the
 * returns below the VaR order statistic in index order, then its ties; ~1e−16 relative from before).
 */
export function calculatePerformanceMetricsFused(returns: Float64Array, periodsPerYear: number, activity?: TradingActivity): PerformanceMetrics {
  const total = returns.length;
  if (sharedScratch.length < 3 * total) sharedScratch = new Float64Array(3 * total);
  const negatives = sharedScratch.subarray(0, total);
  const positives = sharedScratch.subarray(total, 2 * total);
  const cumulativeLogs = sharedScratch.subarray(2 * total, 3 * total);
  summarizeReturns(returns, negatives, positives, cumulativeLogs, summary);
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
 * The two passes over a return series. A NaN return is dropped (and the time index renumbered) for the mean, the
 * deviations, the per-sign sums and the regression, and counts as 0 for wealth and the drawdown, as the conventions say.
 *
 * Pass 1 (index order) sums the returns, accumulates the cumulative logs ln ∏(1 + r) and copies the negative and the
 * positive returns, each in index order, into the sign rows. The per-sign sums (losses, gains, downside squares) and
 * the extremes then run over those rows in the order a full pass would add them. Pass 2 (index order) takes wealth
 * and drawdown, the deviations from the mean and the stability regression; over a run of zero returns (a flat stretch
 * of a backtest) wealth, peak and the cumulative log stand still, so only the sums move, term by term as before.
 */
function summarizeReturns(returns: Float64Array, negatives: Float64Array, positives: Float64Array, cumulativeLogs: Float64Array, result: ReturnSummary): void {
  const total = returns.length;
  let valid = 0;
  let negativeCount = 0;
  let positiveCount = 0;
  let sum = 0;
  let cumulativeLog = 0;
  let logSum = 0;
  let stabilityDefined = true;
  // Pass 1: sum, sign rows, cumulative logs. Three steps take turns, each loop innermost and call-free so the
  // optimizing compiler keeps the arrays' checks out of it: returns near 0, runs of zero returns, and the general step
  // for anything else (NaN, large or tiny returns).
  let index = 0;
  while (index < total) {
    for (; index < total; index++) {
      const value = returns[index];
      if (!isNearZeroForLogOnePlus(value)) break;
      sum += value;
      // branch-free split by sign (the signs of consecutive returns are as good as random): write to both rows, keep one
      negatives[negativeCount] = value;
      positives[positiveCount] = value;
      const negative = Number(value < 0);
      negativeCount += negative;
      positiveCount += 1 - negative;
      cumulativeLog += calculateLogOnePlusNearZero(value);
      cumulativeLogs[valid++] = cumulativeLog;
      logSum += cumulativeLog;
    }
    if (index >= total) break;
    const value = returns[index];
    if (value === 0) {
      // a run of zero returns (a flat stretch of a backtest): the cumulative log stays
      for (; index < total; index++) {
        if (returns[index] !== 0) break;
        cumulativeLogs[valid++] = cumulativeLog;
        logSum += cumulativeLog;
      }
      continue;
    }
    if (value === value) {
      sum += value;
      if (value < 0) {
        negatives[negativeCount++] = value;
        if (value <= -1) stabilityDefined = false;
      } else positives[positiveCount++] = value;
      cumulativeLog += Math.log1p(value);
      cumulativeLogs[valid++] = cumulativeLog;
      logSum += cumulativeLog;
    }
    index++;
  }
  const zeroCount = valid - negativeCount - positiveCount;
  // per-sign sums in index order (as a full pass would add them), and the extremes of each sign
  let downsideSquares = 0;
  let lossSum = 0;
  let negativeMinimum = Number.POSITIVE_INFINITY;
  let negativeMaximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < negativeCount; index++) {
    const value = negatives[index];
    downsideSquares += value * value;
    lossSum -= value;
    if (value < negativeMinimum) negativeMinimum = value;
    if (value > negativeMaximum) negativeMaximum = value;
  }
  let gainSum = 0;
  let positiveMinimum = Number.POSITIVE_INFINITY;
  let positiveMaximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < positiveCount; index++) {
    const value = positives[index];
    gainSum += value;
    if (value < positiveMinimum) positiveMinimum = value;
    if (value > positiveMaximum) positiveMaximum = value;
  }
  // extremes of the valid values (±∞ when there is none): only to tell a constant series
  const minimum = negativeCount > 0 ? negativeMinimum : zeroCount > 0 ? 0 : positiveMinimum;
  const maximum = positiveCount > 0 ? positiveMaximum : zeroCount > 0 ? 0 : negativeMaximum;
  // Pass 2 (index order): wealth and drawdown, deviations from the mean, the stability regression.
  const mean = sum / valid;
  const meanY = logSum / valid;
  // x runs over 0.5, 1.5, … and its mean is shifted by 0.5 too: the same exact differences, but never small integers,
  // which the optimizing compiler would otherwise compute in integer arithmetic with overflow checks
  const shiftedMeanX = (valid - 1) / 2 + 0.5;
  let squares = 0;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  let wealth = 1;
  let peak = 1;
  let worstDrawdown = 0;
  // wealth ≥ peak·drawdownCandidateRatio cannot set a new worst drawdown (see drawdownRatioWidening)
  let drawdownCandidateRatio = drawdownRatioWidening;
  let underwaterRun = 0;
  let longestUnderwater = 0;
  if (valid === total) {
    // No NaN (a backtest's returns): the general loop below with every weight 1, position = index, the same operations
    // in the same order (a product by 1 is exact), so the same bits.
    const zeroDeviationSquare = mean * mean; // (0 − mean)²
    let x = 0.5;
    index = 0;
    while (index < total) {
      for (; index < total; index++) {
        const value = returns[index];
        if (value === 0) break;
        wealth *= 1 + value;
        const deviation = value - mean;
        squares += deviation * deviation;
        const deviationX = x - shiftedMeanX;
        const deviationY = cumulativeLogs[index] - meanY;
        covariance += deviationX * deviationY;
        varianceY += deviationY * deviationY;
        x += 1;
        if (wealth >= peak) {
          peak = wealth;
          underwaterRun = 0;
        } else {
          if (wealth < peak * drawdownCandidateRatio) {
            const drawdown = wealth / peak - 1;
            if (drawdown < worstDrawdown) {
              worstDrawdown = drawdown;
              drawdownCandidateRatio = drawdown < drawdownRatioFloor ? Number.POSITIVE_INFINITY : (1 + drawdown) * drawdownRatioWidening;
            }
          }
          underwaterRun++;
          if (underwaterRun > longestUnderwater) longestUnderwater = underwaterRun;
        }
      }
      if (index >= total) break;
      // A run of zero returns: wealth (×1), peak and the cumulative log stand still, so no new worst drawdown; the sums
      // take the same terms as above, in the same order.
      const runStart = index;
      const deviationY = cumulativeLogs[index] - meanY;
      const deviationYSquare = deviationY * deviationY;
      for (; index < total; index++) {
        if (returns[index] !== 0) break;
        squares += zeroDeviationSquare;
        covariance += (x - shiftedMeanX) * deviationY;
        varianceY += deviationYSquare;
        x += 1;
      }
      if (wealth >= peak) underwaterRun = 0;
      else {
        underwaterRun += index - runStart;
        if (underwaterRun > longestUnderwater) longestUnderwater = underwaterRun;
      }
    }
    varianceX = calculateCenteredIndexSquares(total);
  } else {
    // a NaN return counts as 0 for wealth and drawdown and weighs 0 in the sums (branch-free: one loop for both cases)
    if (valid < total) cumulativeLogs[valid] = 0; // read (and weighed 0) at NaN bars after the last valid return
    for (let index = 0, position = 0, x = 0.5; index < total; index++) {
      const raw = returns[index];
      const weight = Number(raw === raw);
      const value = raw === raw ? raw : 0;
      wealth *= 1 + value;
      const deviation = (value - mean) * weight;
      squares += deviation * deviation;
      const deviationX = (x - shiftedMeanX) * weight;
      const deviationY = (cumulativeLogs[position] - meanY) * weight;
      covariance += deviationX * deviationY;
      varianceX += deviationX * deviationX;
      varianceY += deviationY * deviationY;
      position += weight;
      x += weight;
      if (wealth >= peak) {
        peak = wealth;
        underwaterRun = 0;
      } else {
        if (wealth < peak * drawdownCandidateRatio) {
          const drawdown = wealth / peak - 1;
          if (drawdown < worstDrawdown) {
            worstDrawdown = drawdown;
            drawdownCandidateRatio = drawdown < drawdownRatioFloor ? Number.POSITIVE_INFINITY : (1 + drawdown) * drawdownRatioWidening;
          }
        }
        underwaterRun++;
        if (underwaterRun > longestUnderwater) longestUnderwater = underwaterRun;
      }
    }
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
  result.covariance = covariance;
  result.varianceX = varianceX;
  result.varianceY = varianceY;
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
   * below x₍r₎ in index order, then x₍r₎ times its ties among the r + 1 smallest.
   */
  sumThrough = Number.NaN;
  private readonly negatives: Float64Array;
  private readonly negativeCount: number;
  private readonly zeroCount: number;
  private readonly positives: Float64Array;
  private readonly positiveCount: number;
  private readonly lossSum: number;

  /** @param lossSum Σ −r over the negatives (index order), so their sum is −lossSum exactly. */
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
