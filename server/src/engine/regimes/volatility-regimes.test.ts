import { describe, expect, it } from 'vitest';
import { sliceBarFrame } from '../bars/bar-frame.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { makeStandardNormalSampler } from '../random/normal-sampler.ts';
import { makeCloseOnlyFrame } from '../testing/bar-table.ts';
import { calculateRegimeMetrics, calculateRegimeRobustness, calculateWinRateStability } from './regime-breakdown.ts';
import { calculateVolatilityRegimes } from './volatility-regimes.ts';

const day = 86_400_000;

/** Daily closes: 200 calm days (σ 1 %), 100 turbulent days (σ 5 %), 100 calm days. */
function makeRegimeCloses(): number[] {
  const normal = makeStandardNormalSampler(makeMulberry32(9));
  const closes = [100];
  for (let index = 1; index < 400; index++) {
    const sigma = index >= 200 && index < 300 ? 0.05 : 0.01;
    closes.push(Math.round(closes[index - 1] * Math.exp(sigma * normal()) * 100) / 100);
  }
  return closes;
}

describe(calculateVolatilityRegimes.name, () => {
  const frame = makeCloseOnlyFrame(makeRegimeCloses(), undefined, day);
  const regimes = calculateVolatilityRegimes(frame, { periodsPerYear: 365 });

  it('uses a 30-day window and labels only after enough history', () => {
    expect(regimes.windowBars).toBe(30);
    expect(regimes.realizedVolatility[29]).toBeNaN();
    expect(regimes.realizedVolatility[30]).toBeGreaterThan(0);
    expect(regimes.labels[59]).toBeNull(); // 30 earlier values needed: first label at bar 60
    expect(regimes.labels[60]).not.toBeNull();
    expect(regimes.changes[0]).toMatchObject({ index: 60, from: null });
  });

  it('flags the high-volatility stretch as turbulent', () => {
    // the turbulent stretch ranks high against its calm history; later turbulent bars compete with
    // earlier turbulent ones (expanding history), so require a large majority, not every bar
    const turbulentBars = regimes.labels.slice(215, 300).filter((label) => label === 'turbulent').length;
    expect(turbulentBars).toBeGreaterThan(0.8 * 85);
    const mean = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(regimes.percentile.subarray(230, 300))).toBeGreaterThan(mean(regimes.percentile.subarray(60, 200)) + 25);
    expect(regimes.labels.slice(201, 215)).toContain('turbulent');
    for (const change of regimes.changes) expect(regimes.labels[change.index]).toBe(change.to);
  });

  it('ranks against earlier values only (mid-rank percentile, no look-ahead)', () => {
    for (const index of [61, 150, 250, 399]) {
      let below = 0;
      let equal = 0;
      let count = 0;
      for (let earlier = 0; earlier < index; earlier++) {
        const value = regimes.realizedVolatility[earlier];
        if (value !== value) continue;
        count++;
        if (value < regimes.realizedVolatility[index]) below++;
        else if (value === regimes.realizedVolatility[index]) equal++;
      }
      expect(regimes.percentile[index]).toBeCloseTo((100 * (below + equal / 2)) / count, 12);
    }
    const prefix = calculateVolatilityRegimes(sliceBarFrame(frame, 0, 250), { periodsPerYear: 365 });
    expect(prefix.labels).toEqual(regimes.labels.slice(0, 250));
    expect(Array.from(prefix.percentile)).toEqual(Array.from(regimes.percentile.subarray(0, 250)));
  });

  it('rejects inverted bands', () => {
    expect(() => calculateVolatilityRegimes(frame, { periodsPerYear: 365, bands: { calmUpperPercentile: 90, turbulentLowerPercentile: 10 } })).toThrow(/bands/);
  });
});

describe('regime breakdown', () => {
  const bandIndex = Int8Array.from([-1, 0, 0, 2, 2, 1]);
  const returns = Float64Array.from([0.5, 0.01, -0.02, 0.03, -0.04, 0.05]);
  it('attributes each return to the regime known at the bar open', () => {
    const metrics = calculateRegimeMetrics(returns, bandIndex, 365);
    // bar 1 follows an unlabelled bar (skipped); bars 2, 3 follow calm; bars 4, 5 follow turbulent
    expect(metrics.calm.barCount).toBe(2);
    expect(metrics.calm.metrics.totalReturn).toBeCloseTo(0.98 * 1.03 - 1, 14);
    expect(metrics.turbulent.barCount).toBe(2);
    expect(metrics.neutral.barCount).toBe(0);
    expect(metrics.neutral.metrics.totalReturn).toBeNaN();
  });
  it('measures win-rate dispersion across regimes and windows', () => {
    const stability = calculateWinRateStability(returns, bandIndex, 2);
    expect(stability.byRegime.calm).toBe(0.5);
    expect(stability.byRegime.turbulent).toBe(0.5);
    expect(stability.byRegime.neutral).toBeNaN();
    expect(stability.regimeDispersion).toBe(0);
    expect(Array.from(stability.rollingWinRates)).toEqual([1, 0.5, 0.5]);
    expect(stability.rollingDispersion).toBeCloseTo(Math.sqrt(((1 - 2 / 3) ** 2 + 2 * (0.5 - 2 / 3) ** 2) / 3), 14);
  });
  it('scores robustness as the share of regimes with positive Sharpe', () => {
    const metrics = calculateRegimeMetrics(Float64Array.from([0, 0.01, 0.02, -0.01, -0.03, 0.05]), Int8Array.from([0, 0, 2, 2, 1, 1]), 365);
    const robustness = calculateRegimeRobustness(metrics, 1);
    // calm: bars 1, 2 (+,+) → Sharpe > 0; turbulent: bars 3, 4 (−,−) → < 0; neutral: bar 5 only → Sharpe NaN
    expect(robustness.regimes).toEqual(['calm', 'neutral', 'turbulent']);
    expect(robustness.score).toBeCloseTo(1 / 3, 15);
    expect(calculateRegimeRobustness(metrics, 100).score).toBeNaN();
  });
});
