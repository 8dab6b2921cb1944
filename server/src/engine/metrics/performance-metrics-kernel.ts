import { calculateLogOnePlusNearZero, isNearZeroForLogOnePlus } from './log-one-plus.ts';
import { calculateMinimumFrom, selectKthSmallest } from './order-statistics.ts';
import type { PerformanceMetrics, TradingActivity } from './performance-metrics.ts';

/**
 * Work array reused across calls (grown as needed; 3 × 8 bytes per bar: the negative returns, the positive returns, the
 * cumulative log returns). Fresh arrays of this size cost more in page faults than the maths. Holds nothing between calls.
 */
let sharedScratch = new Float64Array(0);

/**
 * Fused, allocation-free computation of every return-based {@link PerformanceMetrics} field in two passes plus
 * selections on the non-zero returns only, for backtests where metrics dominate the cost. It follows the exact
 * formulas and NaN/degenerate rules of the individual `calculate*` metric functions (which remain the reference; a
 * property test checks that both agree to 1e−12 relative) with rf = MAR = 0 and an omega threshold of 0. Every field
 * but CVaR is bit-identical to the previous single-row kernel (CVaR sums its tail in another order, ~1e−15 relative).
 *
 * Pass 1 (index order) sums the returns, accumulates the cumulative logs and copies the negative and the positive
 * returns, each in index order, into two work rows; zero returns (the flat bars of a backtest, often half of them) are
 * only counted. The per-sign sums (losses, gains, downside squares) and the extremes then run over those rows in the
 * order a full pass would add them. Pass 2 (index order) takes wealth and drawdown, the deviations from the mean and
 * the stability regression. Percentiles select in the row of the sign class they fall in (negatives < zeros <
 * positives), so VaR, CVaR and the tail ratio select among far fewer values than n.
 *
 * The hot loops are call-free (the log of 1 + r is fdlibm's, written out; see `log-one-plus.ts`) so the optimizing
 * compiler keeps the arrays' checks out of them.
 */
export function calculatePerformanceMetricsFused(returns: Float64Array, periodsPerYear: number, activity?: TradingActivity): PerformanceMetrics {
  const total = returns.length;
  if (sharedScratch.length < 3 * total) sharedScratch = new Float64Array(3 * total);
  const negatives = sharedScratch.subarray(0, total);
  const positives = sharedScratch.subarray(total, 2 * total);
  const cumulativeLogs = sharedScratch.subarray(2 * total, 3 * total);
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
    for (let index = 0, x = 0.5; index < total; index++) {
      const value = returns[index];
      wealth *= 1 + value;
      const deviation = value - mean;
      squares += deviation * deviation;
      const deviationX = x - shiftedMeanX;
      const deviationY = cumulativeLogs[index] - meanY;
      covariance += deviationX * deviationY;
      varianceX += deviationX * deviationX;
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
  const rootPeriods = Math.sqrt(periodsPerYear);
  const standardDeviation = valid < 2 ? Number.NaN : minimum === maximum ? 0 : Math.sqrt(squares / (valid - 1));
  const downsideRisk = valid === 0 ? Number.NaN : Math.sqrt(downsideSquares / valid) * rootPeriods;
  const cagr = total === 0 || wealth < 0 || wealth !== wealth ? Number.NaN : wealth === 0 ? -1 : Math.pow(wealth, periodsPerYear / total) - 1;
  const maxDrawdown = total === 0 ? Number.NaN : worstDrawdown;
  const calmarRaw = maxDrawdown < 0 ? cagr / Math.abs(maxDrawdown) : Number.NaN;
  let stability = Number.NaN;
  if (total >= 2 && stabilityDefined && valid >= 2) {
    if (varianceY === 0) stability = 0;
    else {
      const correlation = covariance / Math.sqrt(varianceX * varianceY);
      stability = correlation * correlation;
    }
  }
  // order statistics: ⌊(n−1)·0.05⌋ once for VaR, CVaR and the P5 of the tail ratio, ⌊(n−1)·0.95⌋ for its P95
  let valueAtRisk = Number.NaN;
  let conditionalValueAtRisk = Number.NaN;
  let tailRatio = Number.NaN;
  if (valid > 0) {
    const ranks = new SignClassOrderStatistics(negatives, negativeCount, zeroCount, positives, positiveCount);
    const lowerPosition = (valid - 1) * 0.05;
    const lowerIndex = Math.floor(lowerPosition);
    const lowerBase = ranks.select(lowerIndex);
    const lowerFraction = lowerPosition - lowerIndex;
    const percentile5 = lowerFraction === 0 || lowerIndex + 1 >= valid ? lowerBase : lowerBase + lowerFraction * (ranks.nextAbove(lowerIndex) - lowerBase);
    const worstSum = ranks.sumThrough(lowerIndex);
    const upperPosition = (valid - 1) * 0.95;
    const upperIndex = Math.floor(upperPosition);
    const upperBase = ranks.select(upperIndex);
    const upperFraction = upperPosition - upperIndex;
    const percentile95 = upperFraction === 0 || upperIndex + 1 >= valid ? upperBase : upperBase + upperFraction * (ranks.nextAbove(upperIndex) - upperBase);
    tailRatio = Math.abs(percentile95) / Math.abs(percentile5);
    if (valid === total) {
      valueAtRisk = percentile5;
      conditionalValueAtRisk = worstSum / (lowerIndex + 1);
    } else {
      // NaN counts in n and sorts last: the CVaR index is taken over all entries
      const worstIndex = Math.floor((total - 1) * 0.05);
      if (worstIndex < valid) {
        ranks.select(worstIndex);
        conditionalValueAtRisk = ranks.sumThrough(worstIndex) / (worstIndex + 1);
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
    maxDrawdownDurationBars: total === 0 ? Number.NaN : longestUnderwater,
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
 * The drawdown divides only where it may set a new worst: with c = (1 + worst)·(1 + 2⁻³⁰), `wealth ≥ peak·c` implies
 * `wealth/peak − 1 ≥ worst` in floating point (the widening is far above the rounding of the division and of 1 + worst
 * while 1 + worst ≥ 2⁻²⁰; below that floor c = ∞ and every underwater bar is divided). Same drawdowns, bit for bit.
 */
const drawdownRatioFloor = -0.9999990463256836; // −1 + 2⁻²⁰
const drawdownRatioWidening = 1.0000000009313226; // 1 + 2⁻³⁰

/** Number of entries ≠ 0 (NaN counts). */
function countNonZero(values: Float64Array): number {
  let count = 0;
  for (let index = 0; index < values.length; index++) count += Number(values[index] !== 0);
  return count;
}

/**
 * Order statistics of the NaN-free values `negatives ∪ zeros ∪ positives` (every negative < 0 < every positive), by
 * selection inside one sign class: rank r is the r-th smallest negative when r < N−, 0 when r < N− + Z, else the
 * (r − N− − Z)-th smallest positive. Selecting partitions the class's row in place (Floyd–Rivest); a later selection of
 * a higher rank in the same class starts after the earlier one.
 */
class SignClassOrderStatistics {
  private readonly negatives: Float64Array;
  private readonly negativeCount: number;
  private readonly zeroCount: number;
  private readonly positives: Float64Array;
  private readonly positiveCount: number;
  /** One past the highest rank selected so far in each row (everything before it is partitioned). */
  private negativesPartitioned = 0;
  private positivesPartitioned = 0;

  constructor(negatives: Float64Array, negativeCount: number, zeroCount: number, positives: Float64Array, positiveCount: number) {
    this.negatives = negatives;
    this.negativeCount = negativeCount;
    this.zeroCount = zeroCount;
    this.positives = positives;
    this.positiveCount = positiveCount;
  }

  /** The value of rank `rank` (0-based), partitioning its class around it. */
  select(rank: number): number {
    if (rank < this.negativeCount) {
      const start = rank >= this.negativesPartitioned ? this.negativesPartitioned : 0;
      this.negativesPartitioned = rank + 1;
      return selectKthSmallest(this.negatives, this.negativeCount, rank, start);
    }
    const positiveRank = rank - this.negativeCount - this.zeroCount;
    if (positiveRank < 0) return 0;
    const start = positiveRank >= this.positivesPartitioned ? this.positivesPartitioned : 0;
    this.positivesPartitioned = positiveRank + 1;
    return selectKthSmallest(this.positives, this.positiveCount, positiveRank, start);
  }

  /** The value of rank `rank + 1`, right after `select(rank)`. */
  nextAbove(rank: number): number {
    const next = rank + 1;
    if (next < this.negativeCount) return calculateMinimumFrom(this.negatives, next, this.negativeCount);
    const positiveNext = next - this.negativeCount - this.zeroCount;
    if (positiveNext < 0) return 0;
    // the positive row is partitioned up to `positiveNext` only when `rank` itself was a positive
    return calculateMinimumFrom(this.positives, positiveNext > 0 ? positiveNext : 0, this.positiveCount);
  }

  /** Sum of the values of ranks 0 … `rank`, right after `select(rank)`. */
  sumThrough(rank: number): number {
    if (rank < this.negativeCount) {
      let sum = this.negatives[rank];
      for (let index = 0; index < rank; index++) sum += this.negatives[index];
      return sum;
    }
    let sum = 0;
    for (let index = 0; index < this.negativeCount; index++) sum += this.negatives[index];
    const positiveRank = rank - this.negativeCount - this.zeroCount;
    for (let index = 0; index <= positiveRank; index++) sum += this.positives[index];
    return sum;
  }
}
