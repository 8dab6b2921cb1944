import { describe, expect, it } from 'vitest';
import { calculateProbabilisticSharpeRatio } from '../overfitting/probabilistic-sharpe-ratio.ts';
import { calculateAlphaBeta } from './alpha-beta.ts';
import { calculatePerformanceMetrics } from './performance-metrics.ts';

// Binance BTC-USDT and ETH-USDT daily closes, 2019-01-01 … 2019-03-02 (shared/data/market).
const bitcoinCloses = [
  3797.14, 3858.56, 3766.78, 3792.01, 3770.96, 3987.6, 3975.45, 3955.13, 3966.65, 3585.88, 3601.31, 3583.13, 3476.81, 3626.09, 3553.06, 3591.84,
  3616.21, 3594.87, 3665.3, 3539.28, 3526.9, 3570.93, 3552.82, 3569.62, 3565.29, 3565.25, 3550.84, 3434.15, 3411.04, 3458.18, 3434.1, 3462.07,
  3504.77, 3458.11, 3463.22, 3471.59, 3405.37, 3398.4, 3659.04, 3665.18, 3680.06, 3631.05, 3631.46, 3609.4, 3590.56, 3602.47, 3618.41, 3667.58,
  3898.6, 3907.79, 3969.74, 3937.31, 3962.0, 4117.76, 3743.56, 3827.92, 3809.23, 3818.07, 3813.69, 3823.0, 3819.93,
];
const etherCloses = [
  139.1, 152.01, 146.3, 151.97, 152.83, 153.86, 149.34, 147.6, 148.1, 124.95, 124.65, 123.35, 114.16, 126.95, 118.95, 121.48, 121.54, 119.17,
  122.6, 117.47, 115.63, 117.81, 116.44, 116.39, 115.11, 115.34, 112.05, 105.5, 104.45, 108.29, 106.44, 106.73, 110.42, 107.36, 107.68, 107.27,
  104.5, 104.48, 119.25, 119.19, 125.12, 120.89, 122.41, 121.86, 120.42, 121.67, 122.67, 133.75, 145.69, 143.44, 148.44, 145.69, 147.36, 157.79,
  132.1, 137.87, 136.22, 135.02, 135.34, 135.32, 132.56,
];
const toReturns = (closes: number[]): Float64Array => Float64Array.from(closes.slice(1), (close, index) => close / closes[index] - 1);

/**
 * References computed with numpy 2.4 / scipy 1.17 from the metrics-conventions formulas
 * (np.percentile linear, std ddof=1, scipy.stats.linregress for stability, skew/kurtosis biased).
 */
const reference = {
  totalReturn: 0.006001885629711268,
  cagr: 0.03707301699326493,
  annualVolatility: 0.5085037895393051,
  sharpe: 0.32517932237633057,
  downsideRisk: 0.3719516877144771,
  sortino: 0.4445602027624609,
  maxDrawdown: -0.14775804995485964,
  calmar: 0.250903534559307,
  valueAtRisk: -0.03293860955493875,
  conditionalValueAtRisk: -0.07374979886149906,
  tailRatio: 1.3255444854824023,
  omega: 1.059878471749446,
  stability: 0.029654849822952686,
  winRate: 0.5166666666666667,
  profitFactor: 1.059878471749446,
  payoffRatio: 0.9914992155075463,
};

describe('metrics on real data against a numpy/scipy reference', () => {
  const returns = toReturns(bitcoinCloses);
  it('matches every return-based metric of BTC buy-and-hold (P = 365)', () => {
    const metrics = calculatePerformanceMetrics(returns, 365);
    for (const [name, expected] of Object.entries(reference)) {
      expect([name, metrics[name as keyof typeof reference]]).toEqual([name, expect.closeTo(expected, 12)]);
    }
  });
  it('matches alpha/beta against ETH and the PSR', () => {
    const { alpha, beta } = calculateAlphaBeta(returns, toReturns(etherCloses), 365);
    expect(beta).toBeCloseTo(0.47927979929526876, 12);
    expect(alpha).toBeCloseTo(0.08962238952583745, 12);
    expect(calculateProbabilisticSharpeRatio(returns)).toBeCloseTo(0.5516957543425223, 12);
  });
});
