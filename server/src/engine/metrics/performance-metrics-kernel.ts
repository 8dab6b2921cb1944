import { calculateMinimumFrom, selectKthSmallest } from './order-statistics.ts';
import type { PerformanceMetrics, TradingActivity } from './performance-metrics.ts';

/** Work array reused across calls (grown as needed): allocating ~2 × 8 bytes per bar each call cost as much as the maths. */
let sharedScratch = new Float64Array(0);

/**
 * Fused, allocation-light computation of every return-based {@link PerformanceMetrics} field in
 * two passes plus two selections, for backtests where metrics dominate the cost. It follows the
 * exact formulas and NaN/degenerate rules of the individual `calculate*` metric functions (which
 * remain the reference; a property test checks that both agree) with rf = MAR = 0 and an omega
 * threshold of 0.
 *
 * @param scratch optional work array (length ≥ 2·returns.length); default a module-level array reused across calls
 *   (the kernel keeps nothing in it after returning).
 */
export function calculatePerformanceMetricsFused(
  returns: Float64Array,
  periodsPerYear: number,
  activity?: TradingActivity,
  scratch?: Float64Array,
): PerformanceMetrics {
  if (scratch === undefined) {
    if (sharedScratch.length < 2 * returns.length) sharedScratch = new Float64Array(2 * returns.length);
    scratch = sharedScratch;
  }
  const total = returns.length;
  const cumulativeLogs = scratch.subarray(total, 2 * total);
  let valid = 0;
  let sum = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  let wealth = 1;
  let peak = 1;
  let worstDrawdown = 0;
  let underwaterRun = 0;
  let longestUnderwater = 0;
  let downsideSquares = 0;
  let gainsAboveZero = 0;
  let lossesBelowZero = 0;
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let nonNegativeSum = 0;
  let cumulativeLog = 0;
  let logSum = 0;
  let stabilityDefined = true;
  for (let index = 0; index < total; index++) {
    const value = returns[index];
    if (value === value) {
      scratch[valid] = value;
      sum += value;
      if (value < minimum) minimum = value;
      if (value > maximum) maximum = value;
      wealth *= 1 + value;
      if (value < 0) {
        downsideSquares += value * value;
        lossesBelowZero -= value;
        losses++;
        lossSum -= value;
      } else {
        nonNegativeSum += value;
        if (value > 0) {
          gainsAboveZero += value;
          wins++;
          winSum += value;
        }
      }
      if (value <= -1) stabilityDefined = false;
      if (value !== 0) cumulativeLog += Math.log1p(value); // log1p(±0) = ±0: flat bars skip the call
      cumulativeLogs[valid] = cumulativeLog;
      logSum += cumulativeLog;
      valid++;
    }
    if (wealth >= peak) {
      peak = wealth;
      underwaterRun = 0;
    } else {
      const drawdown = wealth / peak - 1;
      if (drawdown < worstDrawdown) worstDrawdown = drawdown;
      underwaterRun++;
      if (underwaterRun > longestUnderwater) longestUnderwater = underwaterRun;
    }
  }
  const mean = sum / valid;
  let squares = 0;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  const meanX = (valid - 1) / 2;
  const meanY = logSum / valid;
  for (let index = 0; index < valid; index++) {
    const deviation = scratch[index] - mean;
    squares += deviation * deviation;
    const deviationX = index - meanX;
    const deviationY = cumulativeLogs[index] - meanY;
    covariance += deviationX * deviationY;
    varianceX += deviationX * deviationX;
    varianceY += deviationY * deviationY;
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
  // order statistics: select ⌊(n−1)·0.05⌋ once for VaR, CVaR and the P5 of the tail ratio
  let valueAtRisk = Number.NaN;
  let conditionalValueAtRisk = Number.NaN;
  let tailRatio = Number.NaN;
  if (valid > 0) {
    const lowerPosition = (valid - 1) * 0.05;
    const lowerIndex = Math.floor(lowerPosition);
    const lowerBase = selectKthSmallest(scratch, valid, lowerIndex);
    let worstSum = lowerBase;
    for (let index = 0; index < lowerIndex; index++) worstSum += scratch[index];
    const lowerFraction = lowerPosition - lowerIndex;
    const percentile5 = lowerFraction === 0 || lowerIndex + 1 >= valid ? lowerBase : lowerBase + lowerFraction * (calculateMinimumFrom(scratch, lowerIndex + 1, valid) - lowerBase);
    const upperPosition = (valid - 1) * 0.95;
    const upperIndex = Math.floor(upperPosition);
    const upperBase = upperIndex === lowerIndex ? lowerBase : selectKthSmallest(scratch, valid, upperIndex, lowerIndex + 1);
    const upperFraction = upperPosition - upperIndex;
    const percentile95 = upperFraction === 0 || upperIndex + 1 >= valid ? upperBase : upperBase + upperFraction * (calculateMinimumFrom(scratch, upperIndex + 1, valid) - upperBase);
    tailRatio = Math.abs(percentile95) / Math.abs(percentile5);
    if (valid === total) {
      valueAtRisk = percentile5;
      conditionalValueAtRisk = worstSum / (lowerIndex + 1);
    } else {
      // NaN counts in n and sorts last: the CVaR index is taken over all entries
      const worstIndex = Math.floor((total - 1) * 0.05);
      if (worstIndex < valid) {
        let partial = selectKthSmallest(scratch, valid, worstIndex);
        for (let index = 0; index < worstIndex; index++) partial += scratch[index];
        conditionalValueAtRisk = partial / (worstIndex + 1);
      }
    }
  }
  let exposure = Number.NaN;
  if (activity !== undefined && activity.position.length > 0) {
    let exposed = 0;
    const position = activity.position;
    for (let index = 0; index < position.length; index++) if (position[index] !== 0) exposed++;
    exposure = exposed / position.length;
  }
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
    omega: total < 2 || !(lossesBelowZero > 0) ? Number.NaN : gainsAboveZero / lossesBelowZero,
    stability,
    downsideRisk,
    winRate: total === 0 ? Number.NaN : wins + losses === 0 ? 0 : wins / (wins + losses),
    profitFactor: total === 0 ? Number.NaN : lossSum === 0 ? (nonNegativeSum === 0 ? 0 : Number.POSITIVE_INFINITY) : nonNegativeSum / lossSum,
    payoffRatio: wins === 0 || losses === 0 ? Number.NaN : winSum / wins / (lossSum / losses),
    tradeCount: activity === undefined ? Number.NaN : activity.tradeCount,
    exposure: activity === undefined ? Number.NaN : exposure,
    turnover: activity === undefined ? Number.NaN : activity.turnover,
  };
}
