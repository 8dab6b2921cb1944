import {
  calculateConditionalValueAtRisk,
  calculateDrawdownSeries,
  calculateMaxDrawdown,
  calculateSharpeRatio,
  calculateValueAtRisk,
  freshness,
  regimeBands,
  type BenchmarkBasket,
  type RegimeBand,
} from '../../../engine/index.ts';
import type { GateComparator, GateUnit } from '../../promotion/gate-check.ts';
import { comparePasses } from '../../promotion/gate-check.ts';
import { dailyReturnsBetweenInto, indexAtOrBefore, millisecondsPerDay, returnsBetweenInto, type DeploymentMarks } from './deployment-marks.ts';
import { monitoringActionKinds, type MonitoringAction, type MonitoringPolicy, type MonitoringRuleName } from './monitoring-policy.ts';
import { cleanPersistence, stepPersistence, type MonitoringState } from './monitoring-state.ts';

/** Rules evaluated per deployment (`correlation` compares pairs: `evaluateStrategyRedundancy`). */
export const deploymentRuleNames = ['dataIntegrity', 'benchmarkLag', 'drawdownVsBenchmark', 'underperformance', 'drawdown', 'dailyLoss', 'valueAtRisk', 'conditionalValueAtRisk', 'drift', 'regimeChange'] as const satisfies readonly MonitoringRuleName[];
export type DeploymentRuleName = (typeof deploymentRuleNames)[number];

/**
 * `pass`; `breach` (the measured value broke the threshold; `breach.sustained` says whether it has held long enough to
 * act); `unknown` (missing or stale mark, NaN metric, stale or short benchmark: fails closed — a warning, never a
 * pass); `not_applicable` (not due yet, e.g. drift before its window of live history); `disabled` by the policy.
 */
export type MonitoringRuleStatus = 'pass' | 'breach' | 'unknown' | 'not_applicable' | 'disabled';

/** One rule's outcome on the last mark: the rule, threshold, measured value, window and how long a breach has held. */
export interface MonitoringRuleResult {
  rule: DeploymentRuleName;
  status: MonitoringRuleStatus;
  /** The measured value passes when `measured comparator threshold` holds. */
  comparator: GateComparator;
  threshold: number;
  /** Null when it could not be measured (status `unknown`, `not_applicable` or `disabled`). */
  measured: number | null;
  unit: GateUnit;
  /** The marks measured: bar open times, ms since epoch. */
  window: { startMs: number; endMs: number };
  /** The breach episode: its deterministic key, first breaching mark, marks and ms it has held, whether sustained. */
  breach: { key: string; startMs: number; sustainedMarks: number; sustainedMs: number; sustained: boolean } | null;
  /**
   * Why the rule was not measured: the not-applicable reason (e.g. no benchmark basket is defined at the deployment's
   * timeframe) or the unknown one (missing mark, stale basket…); null when measured or disabled.
   */
  reason: string | null;
  message: string;
}

/** An action to take, once: the policy's action plus the rule, the numbers and the breach key (duplicate detection acts once per key). */
export interface MonitoringActionDecision extends MonitoringAction {
  rule: DeploymentRuleName | 'correlation';
  /** Deterministic: `<deployment id>:<rule>:<first breaching mark ms>` (or `…:unknown:<ms>` for a fail-closed warning). */
  breachKey: string;
  threshold: number;
  measured: number | null;
  unit: GateUnit;
  window: { startMs: number; endMs: number };
  message: string;
  /** `regimeChange` only: the band the regime moved to (the re-rank's regime). */
  regimeBand?: RegimeBand | null;
}

/** The evaluation of one deployment on its last mark. */
export interface MonitoringEvaluation {
  deploymentId: string;
  policyVersion: string;
  /** Open time of the evaluated mark (ms); null when the deployment has no mark. */
  markMs: number | null;
  results: MonitoringRuleResult[];
  /** Actions to take now, most severe first (each breach episode acts once; see `MonitoringState`). */
  actions: MonitoringActionDecision[];
  /** True when any rule breaches or is unknown: no promotion while it holds (fail closed). */
  promotionBlocked: boolean;
  state: MonitoringState;
}

type Measurement = { kind: 'measured'; measured: number; detail?: string } | { kind: 'unknown'; reason: string } | { kind: 'not_applicable'; reason: string };

interface RuleSpec {
  comparator: GateComparator;
  threshold: number;
  unit: GateUnit;
  label: string;
  window: { startMs: number; endMs: number };
  measurement: Measurement;
  /** Extra breach condition beyond the comparison, when there is one (drawdown vs benchmark: the live drawdown floor). */
  alsoBreaches?: boolean;
}

/**
 * The benchmark basket does not exist for this deployment: the platform defines none at its bar timeframe (no certified
 * BTC, ETH and alt bars of one quote there — e.g. 1m, where only BTC is bundled). The benchmark rules are then
 * `not_applicable` with this reason: neither a pass nor a block. Distinct from a basket that exists but is missing,
 * stale or short on the window (`null` or a stale series), which is `unknown` and fails closed.
 */
export interface BasketNotApplicable {
  notApplicable: string;
}

const unknownWarning: MonitoringAction = { kind: 'warning', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false };

/**
 * Evaluates every per-deployment monitoring rule on the deployment's last mark (issue 13; lifecycle-spec FR-026,
 * FR-028/FR-029; orchestration-spec FR-007/FR-008). Pure: the clock is `nowMs`, the persistence is `state` in and out.
 *
 * Measurements (all from `marks.equity` and `basket.equity` with the engine's metric functions):
 * - window of a rule = the marks from the last one at or before `last − windowDays` days (or the first mark when the
 *   history is shorter) to the last mark; the basket is read as of the same two mark times;
 * - `benchmarkLag`, `underperformance`: active return `(E_end/E_start − 1) − (B_end/B_start − 1)`, fraction, must be
 *   ≥ the rule's `minActiveReturn`;
 * - `drawdownVsBenchmark`: `calculateMaxDrawdown` of the live per-mark returns ÷ that of the basket's per-bar returns
 *   over the window (multiple; basket drawdown 0 → 0 when live is 0 too, else +∞), must be ≤ `maxDrawdownMultiple`;
 *   breaches only when the live drawdown is also at or below `minLiveDrawdown`;
 * - `drawdown`: current drawdown from the window's peak (`calculateDrawdownSeries`, last value), ≥ `minDrawdown`;
 * - `dailyLoss`: equity at the last mark over the equity at the last mark before the window's first UTC midnight
 *   (the day's starting equity; the first mark when the deployment started that day), minus 1, ≥ `minDailyReturn`;
 * - `valueAtRisk` / `conditionalValueAtRisk`: historical 95 % (`calculateValueAtRisk` / `calculateConditionalValueAtRisk`)
 *   of the daily returns over the window; not applicable below `minObservations` days;
 * - `drift`: live annualized Sharpe of the daily returns over the window (`calculateSharpeRatio`, P = 365) ÷ the
 *   backtest's expected Sharpe, ≥ `minSharpeRatioToExpected`; not applicable before `windowDays` of live history;
 *   unknown without a positive finite expectation;
 * - `regimeChange`: bands moved from the confirmed band, must be < `minBandSteps`; a sustained change re-ranks and
 *   becomes the confirmed band;
 * - `dataIntegrity`: the number of problems, must be 0: no mark or a stale feed (the runtime's `freshness` of the
 *   last mark's close at `nowMs` with the deployment's `maxBarAgeMs`: age above the limit) counts 1, a mark closing after `nowMs + maxClockSkewMs` counts 1, non-finite equities
 *   in the window count each when more than `maxNonFiniteMarks`, and each runtime data-integrity event counts 1.
 * Fails closed: a stale last mark (older than the deployment's `maxBarAgeMs`), a non-finite equity in the window, a NaN metric,
 * a missing basket (`null`), one older than `benchmark.maxAgeBars` bars at the last mark or not covering the window
 * start makes a rule `unknown`, which emits a warning action once per episode and blocks promotion — never a pass.
 * Not applicable (said with the reason, no block): the benchmark rules when the platform defines no basket for the
 * deployment ({@link BasketNotApplicable}), VaR/CVaR below their observations, drift before its window.
 */
export function evaluateMonitoringRules(marks: DeploymentMarks, basketInput: BenchmarkBasket | BasketNotApplicable | null, policy: MonitoringPolicy, state: MonitoringState, nowMs: number): MonitoringEvaluation {
  const { rules } = policy;
  const windows = new RuleWindows(marks, basketInput, policy, nowMs);
  const { markMs, endMs } = windows;
  const repeated = markMs !== null && state.lastMarkMs === markMs;

  const results: MonitoringRuleResult[] = [];
  const actions: MonitoringActionDecision[] = [];
  const nextRules: MonitoringState['rules'] = {};
  let confirmedRegimeBand = state.confirmedRegimeBand ?? marks.regimeBand;
  for (const name of deploymentRuleNames) {
    const rule = rules[name];
    const previous = state.rules[name] ?? cleanPersistence;
    if (!rule.enabled) {
      results.push({ rule: name, status: 'disabled', comparator: '==', threshold: 0, measured: null, unit: 'flag', window: { startMs: endMs, endMs }, breach: null, reason: null, message: `${name}: disabled by policy ${policy.version}` });
      nextRules[name] = { ...cleanPersistence };
      continue;
    }
    const spec = ruleSpec(windows, name, state);
    const { measurement } = spec;
    const base = { rule: name, comparator: spec.comparator, threshold: spec.threshold, unit: spec.unit, window: spec.window };
    if (measurement.kind === 'not_applicable') {
      results.push({ ...base, status: 'not_applicable', measured: null, breach: null, reason: measurement.reason, message: `${spec.label}: not applicable (${measurement.reason}) (rules.${name})` });
      nextRules[name] = { ...cleanPersistence };
      continue;
    }
    if (measurement.kind === 'unknown') {
      const step = stepPersistence(previous, 'unknown', endMs, repeated, rule.persistence, marks.deploymentId, name);
      nextRules[name] = step.state;
      const message = `${spec.label}: unknown (${measurement.reason}); fails closed (rules.${name})`;
      results.push({ ...base, status: 'unknown', measured: null, breach: null, reason: measurement.reason, message });
      if (step.act) actions.push({ ...unknownWarning, rule: name, breachKey: step.key!, threshold: spec.threshold, measured: null, unit: spec.unit, window: spec.window, message });
      continue;
    }
    const measured = measurement.measured;
    const breached = !comparePasses(measured, spec.comparator, spec.threshold) && spec.alsoBreaches !== false;
    const step = stepPersistence(previous, breached ? 'breach' : 'clear', endMs, repeated, rule.persistence, marks.deploymentId, name);
    nextRules[name] = step.state;
    const shown = `${formatMeasured(measured, spec.unit)}${measurement.detail !== undefined ? ` (${measurement.detail})` : ''}`;
    if (!breached) {
      results.push({ ...base, status: 'pass', measured, breach: null, reason: null, message: `${spec.label}: ${shown}, within ${spec.comparator} ${formatMeasured(spec.threshold, spec.unit)} (rules.${name})` });
      continue;
    }
    const breach = { key: step.key!, startMs: step.state.breachStartMs!, sustainedMarks: step.sustainedMarks, sustainedMs: step.sustainedMs, sustained: step.sustained };
    const message = `${spec.label}: ${shown} breaks ${spec.comparator} ${formatMeasured(spec.threshold, spec.unit)} for ${step.sustainedMarks} marks (${step.sustained ? 'sustained' : `needs ${rule.persistence.minBars} marks and ${rule.persistence.minDurationMs} ms`}) (rules.${name})`;
    results.push({ ...base, status: 'breach', measured, breach, reason: null, message });
    if (step.act) {
      actions.push({ ...rule.action, rule: name, breachKey: step.key!, threshold: spec.threshold, measured, unit: spec.unit, window: spec.window, message, ...(name === 'regimeChange' ? { regimeBand: marks.regimeBand } : {}) });
      if (name === 'regimeChange') {
        confirmedRegimeBand = marks.regimeBand;
        nextRules[name] = { ...cleanPersistence };
      }
    }
  }
  actions.sort((a, b) => monitoringActionKinds.indexOf(a.kind) - monitoringActionKinds.indexOf(b.kind));
  return {
    deploymentId: marks.deploymentId,
    policyVersion: policy.version,
    markMs,
    results,
    actions,
    promotionBlocked: results.some((result) => result.status === 'breach' || result.status === 'unknown'),
    state: { deploymentId: marks.deploymentId, lastMarkMs: markMs ?? state.lastMarkMs, rules: nextRules, confirmedRegimeBand },
  };
}

/**
 * The marks, basket and clock of one evaluation with the windows its rules share: window starts, one backward
 * finiteness scan, and the per-mark and daily returns of each window start computed once. (A class, so that an
 * evaluation — once per mark per deployment — creates one object, not a closure per helper.)
 */
class RuleWindows {
  readonly marks: DeploymentMarks;
  readonly policy: MonitoringPolicy;
  readonly nowMs: number;
  readonly basket: BenchmarkBasket | null;
  readonly basketNotApplicable: string | null;
  readonly count: number;
  readonly last: number;
  readonly markMs: number | null;
  readonly bar: number;
  readonly endMs: number;
  readonly feed: { fresh: boolean; ageMs: number };
  readonly markStale: boolean;
  readonly markAgeBars: number;
  /** The marks `[checkedFrom, last]` are finite and positive; `lastBad` is the latest mark that is not (−1 until found). */
  private checkedFrom: number;
  private lastBad = -1;
  /** The window start whose per-mark (daily) returns the scratch holds now, −1 = none (rules sharing a window reuse them). */
  private returnsStart = -1;
  private dailyStart = -1;
  private dailyCount = 0;

  constructor(marks: DeploymentMarks, basketInput: BenchmarkBasket | BasketNotApplicable | null, policy: MonitoringPolicy, nowMs: number) {
    this.marks = marks;
    this.policy = policy;
    this.nowMs = nowMs;
    this.basket = basketInput !== null && 'notApplicable' in basketInput ? null : basketInput;
    this.basketNotApplicable = basketInput !== null && 'notApplicable' in basketInput ? basketInput.notApplicable : null;
    this.count = marks.timestamp.length;
    this.last = this.count - 1;
    this.markMs = this.count > 0 ? marks.timestamp[this.last] : null;
    this.bar = marks.barDurationMs;
    this.endMs = this.markMs ?? nowMs;
    // Stale = the runtime's freshness verdict with the deployment's own limit (one definition: `freshness`, `maxBarAgeMs`).
    this.feed = freshness(nowMs, this.markMs === null ? null : this.markMs + this.bar, marks.maxBarAgeMs);
    this.markStale = !this.feed.fresh;
    this.markAgeBars = this.feed.ageMs / this.bar;
    this.checkedFrom = this.last + 1;
  }

  windowStart(windowDays: number): number {
    if (this.count === 0) return 0;
    const index = indexAtOrBefore(this.marks.timestamp, this.marks.timestamp[this.last] - windowDays * millisecondsPerDay);
    return index < 0 ? 0 : index;
  }

  windowOf(start: number): { startMs: number; endMs: number } {
    return { startMs: this.count > 0 ? this.marks.timestamp[start] : this.nowMs, endMs: this.endMs };
  }

  finiteBetween(start: number): boolean {
    if (this.lastBad >= 0) return start > this.lastBad;
    const equity = this.marks.equity;
    while (this.checkedFrom > start) {
      this.checkedFrom--;
      const value = equity[this.checkedFrom];
      if (!Number.isFinite(value) || !(value > 0)) {
        this.lastBad = this.checkedFrom;
        return false;
      }
    }
    return true;
  }

  /**
   * Per-mark returns of the window from `start` to the last mark, in a scratch reused by the next evaluation: valid
   * until the next call with another start (each rule reads them at once).
   */
  markReturns(start: number): Float64Array {
    const length = Math.max(0, this.last - start);
    if (this.returnsStart !== start) {
      if (returnsScratch.length < length) returnsScratch = new Float64Array(Math.max(length, 2 * returnsScratch.length));
      returnsBetweenInto(this.marks.equity, start, this.last, returnsScratch);
      this.returnsStart = start;
    }
    return returnsScratch.subarray(0, length);
  }

  /** Daily returns of the window from `start` to the last mark, in a scratch (as {@link markReturns}). */
  dailyReturns(start: number): Float64Array {
    if (this.dailyStart !== start) {
      const length = Math.max(0, this.last - start);
      if (dailyScratch.length < length) dailyScratch = new Float64Array(Math.max(length, 2 * dailyScratch.length));
      this.dailyCount = dailyReturnsBetweenInto(this.marks.timestamp, this.marks.equity, start, this.last, dailyScratch);
      this.dailyStart = start;
    }
    return dailyScratch.subarray(0, this.dailyCount);
  }

  /** Unknown reasons shared by the rules measured on the marks (missing/stale mark, non-finite equity). */
  markProblem(start: number): string | null {
    if (this.count === 0) return 'no P&L mark';
    if (this.markStale) return `the last mark closed ${round(this.markAgeBars)} bars ago, beyond the deployment's freshness limit of ${this.marks.maxBarAgeMs} ms (missing mark)`;
    if (!this.finiteBetween(start)) return 'a non-finite or non-positive equity in the window';
    return null;
  }

  /** The basket's rows as of the window's two mark times, or why the comparison is unknown. */
  basketRows(start: number): { i0: number; i1: number } | string {
    const basket = this.basket;
    if (basket === null || basket.timestamp.length === 0) return 'no benchmark basket';
    const endMs = this.endMs;
    const startMs = this.marks.timestamp[start];
    const i1 = indexAtOrBefore(basket.timestamp, endMs);
    const i0 = indexAtOrBefore(basket.timestamp, startMs);
    if (i1 < 0 || (endMs - basket.timestamp[i1]) / this.bar > this.policy.benchmark.maxAgeBars) return `the benchmark basket is stale (last bar ${i1 < 0 ? 'none' : new Date(basket.timestamp[i1]).toISOString()})`;
    if (i0 < 0) return 'the benchmark basket does not cover the window start';
    if (!Number.isFinite(basket.equity[i0]) || !Number.isFinite(basket.equity[i1])) return 'a non-finite basket equity';
    return { i0, i1 };
  }

  activeReturn(start: number): Measurement {
    if (this.basketNotApplicable !== null) return { kind: 'not_applicable', reason: this.basketNotApplicable };
    const problem = this.markProblem(start);
    if (problem !== null) return { kind: 'unknown', reason: problem };
    const rows = this.basketRows(start);
    if (typeof rows === 'string') return { kind: 'unknown', reason: rows };
    const live = this.marks.equity[this.last] / this.marks.equity[start] - 1;
    const benchmark = this.basket!.equity[rows.i1] / this.basket!.equity[rows.i0] - 1;
    return measuredOrUnknown(live - benchmark, `live ${pct(live)}, basket ${pct(benchmark)}`);
  }

  dailyRisk(windowDays: number, minObservations: number, threshold: number, label: string, metric: (returns: Float64Array) => number): RuleSpec {
    const start = this.windowStart(windowDays);
    const spec = { comparator: '>=' as const, threshold, unit: 'fraction' as const, label: `${label} over ${windowDays} days`, window: this.windowOf(start) };
    const problem = this.markProblem(start);
    if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
    const daily = this.dailyReturns(start);
    if (daily.length < minObservations) return { ...spec, measurement: { kind: 'not_applicable', reason: `${daily.length} daily returns, needs ${minObservations}` } };
    return { ...spec, measurement: measuredOrUnknown(metric(daily)) };
  }
}

/** Scratches of an evaluation's window returns, daily returns and the drawdown rule's series (only its last value is measured). */
let returnsScratch = new Float64Array(256);
let dailyScratch = new Float64Array(256);
let drawdownScratch = new Float64Array(256);

/** What one rule measures on the evaluation's windows (`state`: the confirmed regime band). */
function ruleSpec(windows: RuleWindows, name: DeploymentRuleName, state: MonitoringState): RuleSpec {
  const { marks, policy, count, last, markMs, bar, endMs, feed, markStale, basketNotApplicable, nowMs } = windows;
  const { rules } = policy;
  switch (name) {
    case 'dataIntegrity': {
      const rule = rules.dataIntegrity;
      const start = windows.windowStart(rule.windowDays);
      let nonFinite = 0;
      for (let k = start; k <= last; k++) if (!Number.isFinite(marks.equity[k])) nonFinite++;
      const skewed = markMs !== null && markMs + bar > nowMs + rule.maxClockSkewMs;
      const problems: string[] = [];
      if (count === 0) problems.push('no mark');
      else if (markStale) problems.push(`stale feed: the last mark closed ${round(feed.ageMs)} ms ago, the limit is ${marks.maxBarAgeMs} ms`);
      if (skewed) problems.push('clock skew: the last mark closes after the clock');
      if (nonFinite > rule.maxNonFiniteMarks) problems.push(`${nonFinite} non-finite equity marks`);
      if (marks.dataIntegrityEvents > 0) problems.push(`${marks.dataIntegrityEvents} runtime data-integrity events`);
      const measured = (count === 0 || markStale ? 1 : 0) + (skewed ? 1 : 0) + (nonFinite > rule.maxNonFiniteMarks ? nonFinite : 0) + marks.dataIntegrityEvents;
      return { comparator: '<=', threshold: 0, unit: 'count', label: `Data-integrity problems${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`, window: windows.windowOf(start), measurement: { kind: 'measured', measured } };
    }
    case 'benchmarkLag': {
      const rule = rules.benchmarkLag;
      const start = windows.windowStart(rule.windowDays);
      return { comparator: '>=', threshold: rule.minActiveReturn, unit: 'fraction', label: `${rule.windowDays}-day active return vs the basket`, window: windows.windowOf(start), measurement: windows.activeReturn(start) };
    }
    case 'underperformance': {
      const rule = rules.underperformance;
      const start = windows.windowStart(rule.windowDays);
      return { comparator: '>=', threshold: rule.minActiveReturn, unit: 'fraction', label: `${rule.windowDays}-day active return vs the basket (deactivation limit)`, window: windows.windowOf(start), measurement: windows.activeReturn(start) };
    }
    case 'drawdownVsBenchmark': {
      const rule = rules.drawdownVsBenchmark;
      const start = windows.windowStart(rule.windowDays);
      const spec = { comparator: '<=' as const, threshold: rule.maxDrawdownMultiple, unit: 'multiple' as const, label: `${rule.windowDays}-day max drawdown as a multiple of the basket's`, window: windows.windowOf(start) };
      if (basketNotApplicable !== null) return { ...spec, measurement: { kind: 'not_applicable', reason: basketNotApplicable } };
      const problem = windows.markProblem(start);
      if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
      const rows = windows.basketRows(start);
      if (typeof rows === 'string') return { ...spec, measurement: { kind: 'unknown', reason: rows } };
      const live = last > start ? calculateMaxDrawdown(windows.markReturns(start)) : 0;
      const benchmark = rows.i1 > rows.i0 ? calculateMaxDrawdown(windows.basket!.returns.subarray(rows.i0 + 1, rows.i1 + 1)) : 0;
      const multiple = benchmark === 0 ? (live === 0 ? 0 : Number.POSITIVE_INFINITY) : live / benchmark;
      return { ...spec, measurement: measuredOrUnknown(multiple, `live ${pct(live)}, basket ${pct(benchmark)}`), alsoBreaches: live <= rule.minLiveDrawdown };
    }
    case 'drawdown': {
      const rule = rules.drawdown;
      const start = windows.windowStart(rule.windowDays);
      const spec = { comparator: '>=' as const, threshold: rule.minDrawdown, unit: 'fraction' as const, label: `Current drawdown from the ${rule.windowDays}-day peak`, window: windows.windowOf(start) };
      const problem = windows.markProblem(start);
      if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
      const returns = windows.markReturns(start);
      if (drawdownScratch.length < returns.length) drawdownScratch = new Float64Array(Math.max(returns.length, 2 * drawdownScratch.length));
      calculateDrawdownSeries(returns, drawdownScratch);
      return { ...spec, measurement: measuredOrUnknown(returns.length > 0 ? drawdownScratch[returns.length - 1] : 0) };
    }
    case 'dailyLoss': {
      const rule = rules.dailyLoss;
      const midnight = count === 0 ? 0 : (Math.floor(marks.timestamp[last] / millisecondsPerDay) - (rule.windowDays - 1)) * millisecondsPerDay;
      const before = count === 0 ? -1 : indexAtOrBefore(marks.timestamp, midnight - 1);
      const start = before < 0 ? 0 : before;
      const spec = { comparator: '>=' as const, threshold: rule.minDailyReturn, unit: 'fraction' as const, label: `Return since the day's starting equity`, window: windows.windowOf(start) };
      const problem = windows.markProblem(start);
      if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
      return { ...spec, measurement: measuredOrUnknown(marks.equity[last] / marks.equity[start] - 1) };
    }
    case 'valueAtRisk': {
      const rule = rules.valueAtRisk;
      return windows.dailyRisk(rule.windowDays, rule.minObservations, rule.minValueAtRisk, 'Daily VaR 95 %', calculateValueAtRisk);
    }
    case 'conditionalValueAtRisk': {
      const rule = rules.conditionalValueAtRisk;
      return windows.dailyRisk(rule.windowDays, rule.minObservations, rule.minConditionalValueAtRisk, 'Daily CVaR 95 %', calculateConditionalValueAtRisk);
    }
    case 'drift': {
      const rule = rules.drift;
      const start = windows.windowStart(rule.windowDays);
      const spec = { comparator: '>=' as const, threshold: rule.minSharpeRatioToExpected, unit: 'ratio' as const, label: `Live ${rule.windowDays}-day Sharpe over the backtest's expectation`, window: windows.windowOf(start) };
      const problem = windows.markProblem(start);
      if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
      if (marks.timestamp[last] - marks.timestamp[0] < rule.windowDays * millisecondsPerDay) return { ...spec, measurement: { kind: 'not_applicable', reason: `due after ${rule.windowDays} days of live history` } };
      const expected = marks.expectedSharpe;
      if (expected === null || !Number.isFinite(expected) || !(expected > 0)) return { ...spec, measurement: { kind: 'unknown', reason: 'no positive backtest Sharpe expectation to compare with' } };
      const live = calculateSharpeRatio(windows.dailyReturns(start), 365);
      return { ...spec, measurement: measuredOrUnknown(live / expected, `live Sharpe ${round(live)}, expected ${round(expected)}`) };
    }
    case 'regimeChange': {
      const rule = rules.regimeChange;
      const spec = { comparator: '<' as const, threshold: rule.minBandSteps, unit: 'count' as const, label: 'Regime bands moved from the confirmed band', window: { startMs: endMs, endMs } };
      const problem = windows.markProblem(last);
      if (problem !== null) return { ...spec, measurement: { kind: 'unknown', reason: problem } };
      if (marks.regimeBand === null) return { ...spec, measurement: { kind: 'unknown', reason: 'no regime label at the last mark' } };
      const reference = state.confirmedRegimeBand ?? marks.regimeBand;
      return { ...spec, label: `Regime band ${reference} → ${marks.regimeBand}, bands moved`, measurement: { kind: 'measured', measured: Math.abs(regimeBands.indexOf(marks.regimeBand) - regimeBands.indexOf(reference)) } };
    }
  }
}

function measuredOrUnknown(value: number, detail?: string): Measurement {
  if (Number.isNaN(value)) return { kind: 'unknown', reason: 'the metric is not a number' };
  return detail === undefined ? { kind: 'measured', measured: value } : { kind: 'measured', measured: value, detail };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function pct(value: number): string {
  return `${round(value * 100)} %`;
}

function formatMeasured(value: number, unit: GateUnit): string {
  if (unit === 'fraction') return `${pct(value)} (${Math.round(value * 10_000)} bps)`;
  if (unit === 'multiple') return `${round(value)}×`;
  return `${round(value)}`;
}
