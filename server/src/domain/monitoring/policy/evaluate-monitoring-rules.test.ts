import { describe, expect, it } from 'vitest';
import { calculateBenchmarkBasket, makeBarFrame, type BenchmarkBasket, type RegimeBand } from '../../../engine/index.ts';
import type { DeploymentMarks } from './deployment-marks.ts';
import { evaluateMonitoringRules, type DeploymentRuleName, type MonitoringEvaluation } from './evaluate-monitoring-rules.ts';
import { defaultMonitoringPolicy, type MonitoringPolicy } from './monitoring-policy.ts';
import { initialMonitoringState, type MonitoringState } from './monitoring-state.ts';

const day = 86_400_000;
const hour = 3_600_000;
const t0 = Date.parse('2025-01-01T00:00:00Z');

/** Daily marks from `equity` (one per UTC day from t0). */
function dailyMarks(equity: number[], extra: Partial<DeploymentMarks> = {}): DeploymentMarks {
  return { deploymentId: 'dep-1', stage: 'live', barDurationMs: day, maxBarAgeMs: 2 * day, timestamp: Float64Array.from(equity, (_, index) => t0 + index * day), equity: Float64Array.from(equity), expectedSharpe: 1, regimeBand: 'neutral', dataIntegrityEvents: 0, ...extra };
}

/** A one-member basket whose equity follows `equity` on the same daily clock (starting `offsetDays` later). */
function basketOf(equity: number[], offsetDays = 0, bar = day): BenchmarkBasket {
  const close = Float64Array.from(equity);
  const frame = makeBarFrame({ timestamp: Float64Array.from(equity, (_, index) => t0 + (index + offsetDays) * bar), open: close, high: close, low: close, close, volume: new Float64Array(equity.length).fill(1) });
  return calculateBenchmarkBasket([{ symbol: 'BASKET', weight: 1, frame }]);
}

/** Close time of the last mark (a fresh evaluation). */
const nowAfter = (marks: DeploymentMarks) => marks.timestamp[marks.timestamp.length - 1] + marks.barDurationMs;

const flat = (days: number, value = 100) => Array.from({ length: days }, () => value);
const ramp = (days: number, from: number, to: number) => Array.from({ length: days }, (_, index) => from + ((to - from) * index) / (days - 1));

function result(evaluation: MonitoringEvaluation, rule: DeploymentRuleName) {
  return evaluation.results.find((entry) => entry.rule === rule)!;
}

/** Evaluates the growing prefixes of `equity` from `fromDay` on, carrying the state; returns every evaluation. */
function replay(equity: number[], basket: BenchmarkBasket, fromDay: number, policy: MonitoringPolicy = defaultMonitoringPolicy, extra: Partial<DeploymentMarks> = {}): MonitoringEvaluation[] {
  let state: MonitoringState = initialMonitoringState('dep-1');
  const out: MonitoringEvaluation[] = [];
  for (let length = fromDay; length <= equity.length; length++) {
    const marks = dailyMarks(equity.slice(0, length), extra);
    const evaluation = evaluateMonitoringRules(marks, basket, policy, state, nowAfter(marks));
    out.push(evaluation);
    state = evaluation.state;
  }
  return out;
}

describe('benchmark lag (30-day active return < −200 bps → rollback, sustained 3 marks)', () => {
  // Basket +5 % over the last 10 days; live flat → active return ≈ −5 %.
  const basket = basketOf([...flat(30), ...ramp(10, 100, 105)]);

  it('a sustained breach rolls back once, with a deterministic key and the numbers', () => {
    const evaluations = replay(flat(40), basket, 34);
    const lag = evaluations.map((evaluation) => result(evaluation, 'benchmarkLag'));
    expect(lag.map((entry) => entry.status)).toEqual(['pass', 'breach', 'breach', 'breach', 'breach', 'breach', 'breach']);
    const firstBreachMs = t0 + 34 * day;
    expect(lag[1].breach).toEqual({ key: `dep-1:benchmarkLag:${firstBreachMs}`, startMs: firstBreachMs, sustainedMarks: 1, sustainedMs: 0, sustained: false });
    expect(lag[3].breach).toMatchObject({ sustainedMarks: 3, sustainedMs: 2 * day, sustained: true });
    const rollbacks = evaluations.flatMap((evaluation) => evaluation.actions.filter((action) => action.rule === 'benchmarkLag'));
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]).toMatchObject({ kind: 'rollback', toStage: 'shadow', revalidate: true, severity: 'critical', breachKey: `dep-1:benchmarkLag:${firstBreachMs}`, threshold: -0.02, unit: 'fraction' });
    expect(rollbacks[0].measured).toBeCloseTo(100 / 100 - 1 - (basket.equity[36] / basket.equity[6] - 1), 12);
    expect(evaluations[3].actions.map((action) => action.rule)).toEqual(['benchmarkLag']);
    expect(evaluations[4].actions).toEqual([]);
  });

  it('persistence by time: minBars 1 and minDurationMs 2 days acts on the third daily breaching mark', () => {
    const policy = structuredClone(defaultMonitoringPolicy);
    policy.rules.benchmarkLag.persistence = { minBars: 1, minDurationMs: 2 * day };
    const evaluations = replay(flat(40), basket, 35, policy);
    expect(evaluations.map((evaluation) => result(evaluation, 'benchmarkLag').breach?.sustained ?? null)).toEqual([false, false, true, true, true, true]);
    expect(evaluations.map((evaluation) => evaluation.actions.filter((action) => action.rule === 'benchmarkLag').length)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('a transient breach (two marks, then recovery) acts never', () => {
    const transient = basketOf([...flat(30), 100, 100, 104, 104, 100, 100, 100]);
    const evaluations = replay(flat(37), transient, 32);
    expect(evaluations.map((evaluation) => result(evaluation, 'benchmarkLag').status)).toEqual(['pass', 'breach', 'breach', 'pass', 'pass', 'pass']);
    expect(evaluations.flatMap((evaluation) => evaluation.actions)).toEqual([]);
  });

  it('the same mark evaluated twice (a retried job, a second worker) gives the same key and acts once', () => {
    const evaluations = replay(flat(40), basket, 34);
    const before = evaluations[2].state; // two breaching marks (days 34 and 35)
    const marks = dailyMarks(flat(37));
    const first = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, before, nowAfter(marks));
    const second = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, before, nowAfter(marks));
    expect(second).toEqual(first);
    expect(first.actions.map((action) => action.breachKey)).toEqual([`dep-1:benchmarkLag:${t0 + 34 * day}`]);
    const retried = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, first.state, nowAfter(marks));
    expect(retried.actions).toEqual([]);
    expect(result(retried, 'benchmarkLag').breach?.sustainedMarks).toBe(3);
  });

  it('a stale benchmark makes it unknown: a warning once, promotion blocked, never a pass', () => {
    const stale = basketOf(flat(30));
    const evaluations = replay(flat(40), stale, 39);
    const lag = result(evaluations[0], 'benchmarkLag');
    expect(lag).toMatchObject({ status: 'unknown', measured: null });
    expect(lag.message).toContain('stale');
    expect(evaluations[0].promotionBlocked).toBe(true);
    expect(evaluations[0].actions.filter((action) => action.rule === 'benchmarkLag')).toEqual([expect.objectContaining({ kind: 'warning', breachKey: `dep-1:benchmarkLag:unknown:${t0 + 38 * day}` })]);
    expect(evaluations[1].actions.filter((action) => action.rule === 'benchmarkLag')).toEqual([]);
    expect(result(evaluateMonitoringRules(dailyMarks(flat(40)), null, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(dailyMarks(flat(40)))), 'benchmarkLag').status).toBe('unknown');
  });

  it('no basket defined for the deployment (its timeframe has none): the benchmark rules are not applicable with the reason, block nothing, act on nothing; the other rules still act', () => {
    const notApplicable = { notApplicable: 'no benchmark basket is defined at 1m (no certified BTC and ETH bars of one quote currency at 1m)' };
    // A 25 % fall: lag, drawdown multiple and underperformance would breach against a flat basket; here they do not apply.
    const falling = [...flat(30), ...ramp(10, 100, 75)];
    const marks = dailyMarks(falling);
    const evaluation = evaluateMonitoringRules(marks, notApplicable, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks));
    for (const rule of ['benchmarkLag', 'underperformance', 'drawdownVsBenchmark'] as const) {
      const entry = result(evaluation, rule);
      expect(entry).toMatchObject({ status: 'not_applicable', measured: null, breach: null, reason: notApplicable.notApplicable });
      expect(entry.message).toContain(`not applicable (${notApplicable.notApplicable}) (rules.${rule})`);
    }
    expect(evaluation.actions.map((action) => action.rule)).not.toContain('benchmarkLag');
    // The drawdown rule (no basket needed) still throttles; nothing is unknown, so only that breach blocks promotion.
    expect(result(evaluation, 'drawdown').status).toBe('breach');
    expect(evaluation.actions.map((action) => [action.rule, action.kind])).toContainEqual(['drawdown', 'throttle']);
    // A flat, healthy deployment on such a timeframe is not blocked by the basket it cannot have…
    const healthy = dailyMarks(flat(40));
    expect(evaluateMonitoringRules(healthy, notApplicable, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(healthy)).promotionBlocked).toBe(false);
    // …while a basket that should exist but is missing (null) or stale fails closed, naming the reason.
    const missing = evaluateMonitoringRules(healthy, null, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(healthy));
    expect(missing.promotionBlocked).toBe(true);
    expect(result(missing, 'benchmarkLag')).toMatchObject({ status: 'unknown', measured: null, reason: 'no benchmark basket', message: '30-day active return vs the basket: unknown (no benchmark basket); fails closed (rules.benchmarkLag)' });
    const stale = evaluateMonitoringRules(healthy, basketOf(flat(30)), defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(healthy));
    expect(stale.promotionBlocked).toBe(true);
    expect(result(stale, 'drawdownVsBenchmark').message).toMatch(/unknown \(the benchmark basket is stale \(last bar 2025-01-30T00:00:00.000Z\)\); fails closed \(rules\.drawdownVsBenchmark\)$/);
  });

  it('a basket that does not cover the window start is unknown', () => {
    const late = basketOf(flat(20), 20);
    const marks = dailyMarks(flat(40));
    expect(result(evaluateMonitoringRules(marks, late, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks)), 'benchmarkLag').message).toContain('does not cover');
  });
});

describe('underperformance (−15 % → deactivate) and drawdown vs the basket (> 1.5× → rollback)', () => {
  it('a 20 % loss while the basket is flat breaches lag, drawdown multiple and underperformance; actions most severe first', () => {
    const basket = basketOf(flat(40));
    const equity = [...flat(35), 95, 90, 85, 80, 80];
    const evaluations = replay(equity, basket, 36);
    const last = evaluations.at(-1)!;
    expect(result(last, 'underperformance')).toMatchObject({ status: 'breach', measured: expect.closeTo(-0.2, 12) });
    expect(result(last, 'drawdownVsBenchmark')).toMatchObject({ status: 'breach', measured: Number.POSITIVE_INFINITY });
    const kinds = evaluations.flatMap((evaluation) => evaluation.actions.map((action) => `${action.rule}:${action.kind}`));
    expect(kinds).toEqual(expect.arrayContaining(['benchmarkLag:rollback', 'drawdownVsBenchmark:rollback', 'underperformance:deactivate']));
    const together = evaluations.find((evaluation) => evaluation.actions.length > 1)!;
    expect(together.actions.map((action) => action.kind)).toEqual([...together.actions.map((action) => action.kind)].sort((a, b) => ['rollback', 'deactivate', 'demote', 'throttle', 'warning'].indexOf(a) - ['rollback', 'deactivate', 'demote', 'throttle', 'warning'].indexOf(b)));
  });

  it('a drawdown 3× the basket’s but shallower than the 5 % floor passes; beyond it breaches with the multiple', () => {
    const basket = basketOf([...flat(35), 99, 99, 99, 99, 99]);
    const shallow = replay([...flat(35), 97, 97, 97, 97, 97], basket, 40);
    expect(result(shallow[0], 'drawdownVsBenchmark')).toMatchObject({ status: 'pass', measured: expect.closeTo(3, 9) });
    const deep = replay([...flat(35), 90, 90, 90, 90, 90], basket, 40);
    expect(result(deep[0], 'drawdownVsBenchmark')).toMatchObject({ status: 'breach', measured: expect.closeTo(10, 9) });
  });
});

describe('drawdown (−20 % → throttle ×0.5 at once) and daily loss (−2 % → shadow at once)', () => {
  it('throttles on the first mark below −20 % from the window peak, and alerts', () => {
    const evaluations = replay([...flat(10), 120, 110, 95, 95], basketOf(flat(14)), 12);
    expect(evaluations.map((evaluation) => result(evaluation, 'drawdown').status)).toEqual(['pass', 'breach', 'breach']);
    expect(evaluations[1].actions.find((action) => action.rule === 'drawdown')).toMatchObject({ kind: 'throttle', positionSizeFactor: 0.5, measured: expect.closeTo(95 / 120 - 1, 12) });
    expect(evaluations[2].actions.find((action) => action.rule === 'drawdown')).toBeUndefined();
  });

  it('demotes to shadow on a 3 % loss since the day’s starting equity (hourly marks)', () => {
    const equity = [...Array.from({ length: 24 }, () => 100), 99.5, 98.9, 97];
    const marks: DeploymentMarks = { ...dailyMarks([]), barDurationMs: hour, timestamp: Float64Array.from(equity, (_, index) => t0 + index * hour), equity: Float64Array.from(equity) };
    const basket = basketOf(equity.map(() => 1), 0, hour);
    const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks));
    expect(result(evaluation, 'dailyLoss')).toMatchObject({ status: 'breach', measured: expect.closeTo(-0.03, 12), window: { startMs: t0 + 23 * hour, endMs: t0 + 26 * hour } });
    expect(evaluation.actions.find((action) => action.rule === 'dailyLoss')).toMatchObject({ kind: 'demote', toStage: 'shadow' });
    const calm = { ...marks, equity: Float64Array.from(equity.map((value, index) => (index === 26 ? 98.5 : value))) };
    expect(result(evaluateMonitoringRules(calm, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(calm)), 'dailyLoss').status).toBe('pass');
  });
});

describe('VaR / CVaR (warning incident) and drift (re-backtest)', () => {
  // Alternating +4 % / −6 % days: daily VaR 95 % and CVaR −6 % break −5 %; mean daily return < 0.
  const swings = [100];
  for (let index = 1; index < 100; index++) swings.push(swings[index - 1] * (index % 2 === 0 ? 1.04 : 0.94));

  it('warns on VaR and CVaR beyond their limits; not applicable below 20 daily returns', () => {
    const evaluation = replay(swings.slice(0, 40), basketOf(swings.slice(0, 40)), 40)[0];
    expect(result(evaluation, 'valueAtRisk')).toMatchObject({ status: 'breach', measured: expect.closeTo(-0.06, 12) });
    expect(result(evaluation, 'conditionalValueAtRisk')).toMatchObject({ status: 'pass', measured: expect.closeTo(-0.06, 12) });
    expect(evaluation.actions.filter((action) => action.kind === 'warning').map((action) => action.rule)).toEqual(['valueAtRisk']);
    const stricter = structuredClone(defaultMonitoringPolicy);
    stricter.rules.conditionalValueAtRisk.minConditionalValueAtRisk = -0.055;
    expect(result(replay(swings.slice(0, 40), basketOf(swings.slice(0, 40)), 40, stricter)[0], 'conditionalValueAtRisk').status).toBe('breach');
    const young = replay(swings.slice(0, 15), basketOf(swings.slice(0, 15)), 15)[0];
    expect(result(young, 'valueAtRisk').status).toBe('not_applicable');
  });

  it('drift: after 90 days a live Sharpe below half the backtest’s alerts and re-backtests; before, not applicable; no expectation is unknown', () => {
    const basket = basketOf(swings);
    const due = replay(swings, basket, 100, defaultMonitoringPolicy, { expectedSharpe: 2 })[0];
    expect(result(due, 'drift').status).toBe('breach');
    expect(result(due, 'drift').measured!).toBeLessThan(0);
    expect(due.actions.find((action) => action.rule === 'drift')).toMatchObject({ kind: 'drift_alert', revalidate: true });
    expect(result(replay(swings.slice(0, 80), basket, 80, defaultMonitoringPolicy, { expectedSharpe: 2 })[0], 'drift').status).toBe('not_applicable');
    expect(result(replay(swings, basket, 100, defaultMonitoringPolicy, { expectedSharpe: null })[0], 'drift').status).toBe('unknown');
  });
});

describe('regime band change (re-rank once the new band holds 3 marks)', () => {
  function run(bands: RegimeBand[]) {
    let state = initialMonitoringState('dep-1');
    const basket = basketOf(flat(bands.length));
    return bands.map((band, index) => {
      const marks = dailyMarks(flat(index + 1), { regimeBand: band });
      const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, state, nowAfter(marks));
      state = evaluation.state;
      return evaluation;
    });
  }
  it('a sustained change re-ranks once and becomes the confirmed band; a one-mark change does nothing', () => {
    const evaluations = run(['calm', 'calm', 'turbulent', 'turbulent', 'turbulent', 'turbulent']);
    expect(evaluations.map((evaluation) => result(evaluation, 'regimeChange').status)).toEqual(['pass', 'pass', 'breach', 'breach', 'breach', 'pass']);
    expect(evaluations.flatMap((evaluation) => evaluation.actions.filter((action) => action.rule === 'regimeChange'))).toEqual([expect.objectContaining({ kind: 're_rank', measured: 2 })]);
    expect(evaluations.at(-1)!.state.confirmedRegimeBand).toBe('turbulent');
    const blip = run(['calm', 'neutral', 'calm', 'calm']);
    expect(blip.flatMap((evaluation) => evaluation.actions.filter((action) => action.rule === 'regimeChange'))).toEqual([]);
  });
});

describe('data integrity and missing marks (fail closed)', () => {
  const basket = basketOf(flat(40));

  it('a missing mark (stale feed) → OBSERVE + freeze, and every mark-based rule unknown, never pass', () => {
    const marks = dailyMarks(flat(40));
    const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks) + 3 * day);
    expect(result(evaluation, 'dataIntegrity')).toMatchObject({ status: 'breach', measured: 1 });
    expect(evaluation.actions[0]).toMatchObject({ kind: 'observe_freeze', toStage: 'observe', freeze: true, rule: 'dataIntegrity' });
    for (const rule of ['benchmarkLag', 'drawdownVsBenchmark', 'underperformance', 'drawdown', 'dailyLoss', 'valueAtRisk'] as const) expect([rule, result(evaluation, rule).status]).toEqual([rule, 'unknown']);
    expect(evaluation.promotionBlocked).toBe(true);
  });

  it('a NaN equity mark is a data-integrity breach and makes the metrics unknown', () => {
    const equity = flat(40);
    equity[38] = Number.NaN;
    const marks = dailyMarks(equity);
    const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks));
    expect(result(evaluation, 'dataIntegrity')).toMatchObject({ status: 'breach', measured: 1 });
    expect(result(evaluation, 'drawdown').status).toBe('unknown');
    expect(result(evaluation, 'benchmarkLag').status).toBe('unknown');
  });

  it('runtime data-integrity events and a mark from the future breach; no mark at all too', () => {
    const marks = dailyMarks(flat(40), { dataIntegrityEvents: 2 });
    expect(result(evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(marks)), 'dataIntegrity').measured).toBe(2);
    const future = dailyMarks(flat(40));
    expect(result(evaluateMonitoringRules(future, basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), nowAfter(future) - day), 'dataIntegrity')).toMatchObject({ status: 'breach', measured: 1 });
    const empty = evaluateMonitoringRules(dailyMarks([]), basket, defaultMonitoringPolicy, initialMonitoringState('dep-1'), t0);
    expect(empty.markMs).toBeNull();
    expect(result(empty, 'dataIntegrity').status).toBe('breach');
    expect(empty.results.filter((entry) => entry.status === 'pass')).toEqual([]);
  });

  it('a healthy deployment passes every rule and acts on nothing; a disabled rule says so', () => {
    const equity = ramp(40, 100, 104);
    const evaluation = replay(equity, basketOf(ramp(40, 100, 103)), 40)[0];
    expect(evaluation.results.filter((entry) => entry.status !== 'pass' && entry.status !== 'not_applicable')).toEqual([]);
    expect(evaluation.actions).toEqual([]);
    expect(evaluation.promotionBlocked).toBe(false);
    const policy = structuredClone(defaultMonitoringPolicy);
    policy.rules.drawdown.enabled = false;
    expect(result(replay(equity, basketOf(ramp(40, 100, 103)), 40, policy)[0], 'drawdown').status).toBe('disabled');
  });
});

describe('evaluations are independent (the window returns live in reused scratches)', () => {
  it('a deployment evaluated between two others decides as when evaluated alone, long windows and short', () => {
    const basket = basketOf([...ramp(60, 100, 130), ...ramp(60, 130, 90), ...ramp(80, 90, 120)]);
    const long = dailyMarks([...ramp(70, 100, 150), ...ramp(70, 150, 95), ...ramp(60, 95, 100)], { deploymentId: 'long', expectedSharpe: 2 });
    const short = dailyMarks([...ramp(20, 100, 70), ...ramp(15, 70, 72)], { deploymentId: 'short' });
    const alone = (marks: DeploymentMarks) => evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, initialMonitoringState(marks.deploymentId), nowAfter(marks));
    const expected = [alone(long), alone(short)];
    expect(expected[0].results.filter((entry) => entry.status === 'pass' || entry.status === 'breach').length).toBeGreaterThan(6);
    const interleaved = [alone(short), alone(long), alone(short), alone(long)];
    expect(interleaved[1]).toEqual(expected[0]);
    expect(interleaved[2]).toEqual(expected[1]);
    expect(interleaved[3]).toEqual(expected[0]);
  });
});
