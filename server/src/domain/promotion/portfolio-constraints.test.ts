import { describe, expect, it } from 'vitest';
import { calculateDailyReturns, makeMulberry32, millisecondsPerDay, type DailyReturns } from '../../engine/index.ts';
import { applyLiveCap, checkCorrelations, checkTemplateDiversity, correlationMarksStart, evaluatePortfolioEntry, type LiveMember } from './portfolio-constraints.ts';
import { defaultPromotionPolicy } from './promotion-policy.ts';

const limits = defaultPromotionPolicy.portfolio;
const nowMs = Date.UTC(2026, 5, 1, 12);
const today = Math.floor(nowMs / millisecondsPerDay);

function member(index: number, rank: number | null, templateId = `template-${index}`): LiveMember {
  return { deploymentId: `d${String(index).padStart(3, '0')}`, strategyId: `s${index}`, templateId, rank };
}

/** Seeded daily returns (±1 %) for the `days` full days before today, plus `noise` × another seeded series. */
function series(days: number, seed: number, noise = 0): DailyReturns {
  const uniform = makeMulberry32(seed);
  const other = makeMulberry32(seed + 1_000);
  const dayNumbers = Float64Array.from({ length: days }, (_, index) => today - days + index);
  const returns = Float64Array.from({ length: days }, () => 0.02 * (uniform() - 0.5) + noise * (other() - 0.5));
  return { days: dayNumbers, returns };
}

describe('applyLiveCap (FR-006)', () => {
  it('admits below the cap without demoting', () => {
    const live = Array.from({ length: 34 }, (_, index) => member(index, index + 1));
    expect(applyLiveCap(limits, live, member(99, 50), nowMs)).toMatchObject({ demote: [], check: { status: 'pass', rule: 'portfolio.liveCap', measured: 34, threshold: 35 } });
  });

  it('at 35 live, a better candidate enters and the lowest-ranked is demoted', () => {
    const live = Array.from({ length: 35 }, (_, index) => member(index, index + 1));
    const decision = applyLiveCap(limits, live, member(99, 3), nowMs);
    expect(decision.demote.map((m) => m.rank)).toEqual([35]);
    expect(decision.check.status).toBe('pass');
    expect(decision.check.message).toContain('demotes d034 (rank 35)');
  });

  it('refuses a candidate no better than the lowest-ranked live one, with its rank as measured', () => {
    const live = Array.from({ length: 35 }, (_, index) => member(index, index + 1));
    const decision = applyLiveCap(limits, live, member(99, 35), nowMs);
    expect(decision).toMatchObject({ demote: [], check: { status: 'fail', threshold: 35, measured: 35, unit: 'rank' } });
    expect(applyLiveCap(limits, live, member(99, null), nowMs).check.status).toBe('fail');
  });

  it('demotes unranked live deployments first and works at a cap of 100', () => {
    const live = Array.from({ length: 100 }, (_, index) => member(index, index === 40 ? null : index + 1));
    const decision = applyLiveCap({ ...limits, liveCap: 100 }, live, member(200, 150), nowMs);
    expect(decision.demote.map((m) => m.deploymentId)).toEqual(['d040']);
  });

  it('demotes enough to get back under the cap when the set is above it, and ignores the candidate itself in the set', () => {
    const live = Array.from({ length: 37 }, (_, index) => member(index, index + 1));
    expect(applyLiveCap(limits, live, member(99, 1), nowMs).demote.map((m) => m.rank)).toEqual([37, 36, 35]);
    expect(applyLiveCap(limits, [...live.slice(0, 34), member(99, 2)], member(99, 2), nowMs).demote).toEqual([]);
  });
});

describe('checkTemplateDiversity (SC-010)', () => {
  it('refuses a template above 30 % of the live set, with the share after entry', () => {
    const live = [...Array.from({ length: 3 }, (_, index) => member(index, index + 1, 'sma_crossover')), ...Array.from({ length: 6 }, (_, index) => member(index + 10, index + 10))];
    const check = checkTemplateDiversity(limits, live, member(99, 1, 'sma_crossover'), nowMs);
    expect(check).toMatchObject({ status: 'fail', rule: 'portfolio.maxTemplateShare', threshold: 0.3, measured: 0.4 });
    expect(check.message).toContain('4 of 10 live, at most 3 allowed');
    expect(checkTemplateDiversity(limits, live, member(99, 1, 'macd'), nowMs).status).toBe('pass');
  });

  it('allows a template’s first live deployment even in a small set', () => {
    expect(checkTemplateDiversity(limits, [], member(1, 1, 'sma_crossover'), nowMs)).toMatchObject({ status: 'pass', measured: 1 });
    expect(checkTemplateDiversity(limits, [member(2, 2, 'sma_crossover')], member(1, 1, 'sma_crossover'), nowMs).status).toBe('fail');
  });
});

describe('checkCorrelations (SC-006)', () => {
  it('refuses a candidate correlated at or above 0.7 with a live strategy, naming the measured value and window', () => {
    const [check] = checkCorrelations(limits, series(90, 1, 0.004), [{ deploymentId: 'd1', returns: series(90, 1) }], nowMs);
    expect(check).toMatchObject({ status: 'fail', rule: 'portfolio.maxPairwiseCorrelation', threshold: 0.7, unit: 'ratio' });
    expect(check.measured).toBeGreaterThan(0.9);
    expect(check.window).toEqual({ startMs: (today - 90) * millisecondsPerDay, endMs: today * millisecondsPerDay });
  });

  it('passes an uncorrelated candidate', () => {
    const [check] = checkCorrelations(limits, series(90, 1), [{ deploymentId: 'd1', returns: series(90, 2) }], nowMs);
    expect(check.status).toBe('pass');
    expect(Math.abs(check.measured!)).toBeLessThan(0.7);
  });

  it('refuses when the common history is shorter than the minimum overlap (fail closed)', () => {
    const [check] = checkCorrelations(limits, series(20, 1), [{ deploymentId: 'd1', returns: series(90, 2) }], nowMs);
    expect(check).toMatchObject({ status: 'fail', rule: 'portfolio.minCorrelationOverlapDays', threshold: 30, measured: 20 });
  });
});

describe('evaluatePortfolioEntry', () => {
  it('checks diversity and correlation against the live set left after the cap’s demotion', () => {
    const live = Array.from({ length: 35 }, (_, index) => member(index, index + 1, index === 34 ? 'twin' : `template-${index}`));
    const returns = live.map((m, index) => ({ deploymentId: m.deploymentId, returns: series(90, index + 1) }));
    // The candidate is the twin of the lowest-ranked (rank 35): it replaces it, so neither its template nor its returns count.
    const evaluation = evaluatePortfolioEntry(limits, live, member(99, 2, 'twin'), returns[34].returns, returns, nowMs);
    const correlated = evaluation.checks.filter((check) => check.rule === 'portfolio.maxPairwiseCorrelation' && (check.measured ?? 0) > 0.99);
    expect(correlated).toEqual([]);
    expect(evaluation.demote.map((m) => m.deploymentId)).toEqual(['d034']);
    expect(evaluation.checks).toHaveLength(2 + 34);
    expect(evaluation.passed).toBe(true);
  });

  it('refuses a live deployment without return history and demotes nobody when refused', () => {
    const live = Array.from({ length: 35 }, (_, index) => member(index, index + 1));
    const evaluation = evaluatePortfolioEntry(limits, live, member(99, 1), series(90, 1), [], nowMs);
    expect(evaluation.passed).toBe(false);
    expect(evaluation.demote).toEqual([]);
    expect(evaluation.refusals.every((refusal) => refusal.rule === 'portfolio.minCorrelationOverlapDays')).toBe(true);
    expect(evaluation.refusals).toHaveLength(34);
  });
});

describe('correlationMarksStart', () => {
  /** Hourly equity marks from `startMs` for `days` days (seeded walk), NaN at the given hours, none in the gap. */
  function marks(seed: number, startMs: number, days: number, nanHours: number[] = [], gap: [number, number] | null = null) {
    const uniform = makeMulberry32(seed);
    const timestamp: number[] = [];
    const equity: number[] = [];
    let value = 1;
    for (let hour = 0; hour < days * 24; hour++) {
      if (gap !== null && hour >= gap[0] && hour < gap[1]) continue;
      value *= 1 + (uniform() - 0.5) * 0.02;
      timestamp.push(startMs + hour * 3_600_000);
      equity.push(nanHours.includes(hour) ? Number.NaN : value);
    }
    return { timestamp: Float64Array.from(timestamp), equity: Float64Array.from(equity) };
  }

  it('the daily returns of the marks from it decide the correlation limit as those of all the marks', () => {
    const limits = defaultPromotionPolicy.portfolio;
    const startMs = Date.parse('2024-01-01T00:00:00Z');
    const nowMs = Date.parse('2026-02-10T00:00:00Z');
    const windowStart = (Date.parse('2025-11-12T00:00:00Z') - startMs) / 3_600_000; // hour of the first window day's first mark
    const series = [
      marks(1, startMs, 772),
      marks(2, startMs, 772, [windowStart - 1, windowStart - 2]), // the last marks before the window are NaN: the one before them is the base
      marks(3, startMs, 772, [], [windowStart - 200, windowStart + 30]), // no mark on the days around the window start
      marks(4, Date.parse('2025-12-20T05:00:00Z'), 50), // younger than the window
    ];
    const full = series.map((entry) => calculateDailyReturns(entry.timestamp, entry.equity));
    const sliced = series.map((entry) => {
      const start = correlationMarksStart(limits, nowMs, entry.timestamp, entry.equity);
      return calculateDailyReturns(entry.timestamp.subarray(start), entry.equity.subarray(start));
    });
    expect(sliced[0].days.length).toBeLessThan(full[0].days.length / 5);
    const members = (returns: DailyReturns[]) => returns.slice(1).map((entry, index) => ({ deploymentId: `d${index + 1}`, returns: entry }));
    expect(checkCorrelations(limits, sliced[0], members(sliced), nowMs)).toEqual(checkCorrelations(limits, full[0], members(full), nowMs));
    expect(checkCorrelations(limits, sliced[1], members([sliced[0], ...sliced.slice(2)]), nowMs)).toEqual(checkCorrelations(limits, full[1], members([full[0], ...full.slice(2)]), nowMs));
    expect(correlationMarksStart(limits, nowMs, new Float64Array(0), new Float64Array(0))).toBe(0);
  });
});
