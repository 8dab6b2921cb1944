import { describe, expect, it } from 'vitest';
import { millisecondsPerDay } from '../../engine/index.ts';
import { buildPromotionEvidence } from './build-promotion-evidence.ts';
import type { PromotionTransition } from './promotion-transitions.ts';
import { evidenceRecordKinds, type EvidenceRecordKind, type PromotionEvidence, type PromotionEvidenceInput } from './promotion-evidence.ts';
import { evaluatePromotionGates, gateRecordsRead } from './promotion-gates.ts';
import { defaultPromotionPolicy as policy, type PromotionPolicy } from './promotion-policy.ts';
import { makeSyntheticEvidenceInput, makeSyntheticEvidenceInputWithEveryRecord } from './testing/synthetic-deployment-records.ts';

/** Synthetic deployments with a planted edge that pass each transition under the default policy (seed 1). */
const passing = {
  observeToShadow: { stage: 'observe', days: 21 },
  shadowToPaper: { stage: 'shadow', days: 11 },
  paperToLive: { stage: 'paper', days: 21 },
} as const;

function evidenceFor(transition: PromotionTransition, change: (evidence: PromotionEvidence) => void = () => {}) {
  const input = makeSyntheticEvidenceInput(1, passing[transition]);
  const evidence = buildPromotionEvidence(input, policy.measurement);
  change(evidence);
  return { evidence, nowMs: input.window.endMs };
}

function refusalsOf(transition: PromotionTransition, change: (evidence: PromotionEvidence) => void) {
  const { evidence, nowMs } = evidenceFor(transition, change);
  return evaluatePromotionGates(transition, evidence, policy, nowMs).refusals;
}

describe('evaluatePromotionGates', () => {
  it.each(['observeToShadow', 'shadowToPaper', 'paperToLive'] as const)('passes synthetic evidence with a planted edge for %s, recording every check', (transition) => {
    const { evidence, nowMs } = evidenceFor(transition);
    const result = evaluatePromotionGates(transition, evidence, policy, nowMs);
    expect(result.refusals).toEqual([]);
    expect(result).toMatchObject({ transition, policyVersion: '2026.12.1', passed: true });
    expect(result.checks.every((check) => check.status !== 'fail')).toBe(true);
    expect(result.checks.map((check) => check.rule)).toContain('state.stage');
  });

  it('refuses everything without a valid policy (fail closed: everything stays OBSERVE)', () => {
    const { evidence, nowMs } = evidenceFor('observeToShadow');
    const result = evaluatePromotionGates('observeToShadow', evidence, null, nowMs);
    expect(result).toMatchObject({ passed: false, policyVersion: null });
    expect(result.refusals[0].message).toContain('everything stays OBSERVE');
  });

  it('refuses a deployment at another stage, frozen, on hold, or with evidence from the future', () => {
    expect(refusalsOf('shadowToPaper', (e) => (e.stage = 'observe')).map((r) => [r.rule, r.threshold, r.measured])).toContainEqual(['state.stage', 1, 0]);
    expect(refusalsOf('shadowToPaper', (e) => (e.frozen = true)).map((r) => r.rule)).toEqual(['state.frozen']);
    expect(refusalsOf('shadowToPaper', (e) => (e.regulatoryHold = true)).map((r) => r.rule)).toEqual(['state.regulatoryHold']);
    expect(refusalsOf('shadowToPaper', (e) => (e.window = { ...e.window, endMs: e.window.endMs + 1 })).map((r) => r.rule)).toEqual(['state.evidenceWindow']);
  });

  it('refuses an incomplete, research-only, missing or stale scorecard entry', () => {
    expect(refusalsOf('observeToShadow', (e) => (e.scorecard = { ...e.scorecard!, complete: false })).map((r) => r.rule)).toEqual(['scorecard.requireComplete']);
    expect(refusalsOf('observeToShadow', (e) => (e.scorecard = { ...e.scorecard!, researchOnly: true })).map((r) => r.rule)).toEqual(['scorecard.requireProductionStandard']);
    expect(refusalsOf('observeToShadow', (e) => (e.scorecard = null)).map((r) => [r.rule, r.measured])).toEqual([
      ['scorecard.requireComplete', null],
      ['scorecard.requireProductionStandard', null],
      ['scorecard.maxAgeDays', null],
    ]);
    const stale = refusalsOf('observeToShadow', (e) => (e.scorecard = { ...e.scorecard!, evaluationDate: '2025-12-01' }));
    expect(stale.map((r) => [r.rule, r.threshold, r.measured])).toEqual([['scorecard.maxAgeDays', 7, 52]]);
  });

  it('measures the scorecard’s age on the platform clock, not a replay’s market clock', () => {
    const { evidence, nowMs } = evidenceFor('observeToShadow');
    const evaluated = Date.parse(`${evidence.scorecard!.evaluationDate}T00:00:00Z`);
    // A replay of last year's bars: its market clock is a year before the scorecard was computed.
    const replayNowMs = nowMs - 365 * millisecondsPerDay;
    const replayEvidence = { ...evidence, stageEnteredAtMs: evidence.stageEnteredAtMs - 365 * millisecondsPerDay, window: { startMs: evidence.window.startMs - 365 * millisecondsPerDay, endMs: replayNowMs } };
    // Scored 2 days ago on the platform clock: fresh, whatever the replay's clock says.
    const fresh = evaluatePromotionGates('observeToShadow', replayEvidence, policy, replayNowMs, evaluated + 2.5 * millisecondsPerDay);
    expect(fresh.checks.find((c) => c.rule === 'scorecard.maxAgeDays')).toMatchObject({ status: 'pass', measured: 2 });
    // Scored 30 days ago on the platform clock: stale. Measured on the replay clock it read −335 days and passed.
    const stale = evaluatePromotionGates('observeToShadow', replayEvidence, policy, replayNowMs, evaluated + 30.5 * millisecondsPerDay);
    expect(stale.refusals.map((r) => [r.rule, r.threshold, r.measured])).toEqual([['scorecard.maxAgeDays', 7, 30]]);
    // A scorecard dated after the platform's now is refused.
    const future = evaluatePromotionGates('observeToShadow', evidence, policy, nowMs, evaluated - 1.5 * millisecondsPerDay);
    expect(future.refusals.map((r) => [r.rule, r.measured])).toEqual([['scorecard.notFutureDated', -2]]);
  });

  it('refuses before the stability window (time), naming sessions with the stage window', () => {
    const { evidence, nowMs } = evidenceFor('paperToLive');
    const early = evaluatePromotionGates('paperToLive', evidence, policy, evidence.stageEnteredAtMs + 19.5 * millisecondsPerDay);
    const sessions = early.refusals.find((r) => r.rule === 'gates.paperToLive.stabilityWindow.minSessions')!;
    expect(sessions).toMatchObject({ threshold: 20, measured: 19, unit: 'days', window: { startMs: evidence.stageEnteredAtMs } });
    expect(sessions.message).toBe('Sessions (UTC days) at the stage: 19 days, must be at least 20 days (gates.paperToLive.stabilityWindow.minSessions)');
    expect(evaluatePromotionGates('paperToLive', evidence, policy, nowMs).passed).toBe(true);
  });

  it('refuses too few evaluations, fills or orders — and accepts the low-turnover alternative for fills', () => {
    expect(refusalsOf('observeToShadow', (e) => (e.activity.evaluations = 499)).map((r) => [r.rule, r.threshold, r.measured])).toEqual([['gates.observeToShadow.stabilityWindow.minEvaluations', 500, 499]]);
    expect(refusalsOf('paperToLive', (e) => (e.activity.ordersSubmitted = 99)).map((r) => [r.rule, r.measured])).toEqual([['gates.paperToLive.stabilityWindow.minOrders', 99]]);
    expect(refusalsOf('shadowToPaper', (e) => (e.activity.fills = 49)).map((r) => [r.rule, r.threshold, r.measured])).toEqual([['gates.shadowToPaper.stabilityWindow.minFills', 50, 49]]);
    const { evidence, nowMs } = evidenceFor('shadowToPaper', (e) => {
      e.activity.fills = 3;
      e.activity.evaluations = 1000;
    });
    const lowTurnover = evaluatePromotionGates('shadowToPaper', evidence, policy, nowMs);
    expect(lowTurnover.passed).toBe(true);
    expect(lowTurnover.checks.find((c) => c.rule.endsWith('minFills'))!.message).toContain('passes as low-turnover');
  });

  it.each([
    ['coverage', (e: PromotionEvidence) => (e.signalQuality.coverage = 0.89), 'gates.observeToShadow.signalQuality.minCoverage', 0.9, 0.89],
    ['hit rate', (e: PromotionEvidence) => (e.signalQuality.hitRate = 0.51), 'gates.observeToShadow.signalQuality.minHitRate', 0.52, 0.51],
    ['mean IC', (e: PromotionEvidence) => (e.signalQuality.meanInformationCoefficient = 0.019), 'gates.observeToShadow.signalQuality.minMeanInformationCoefficient', 0.02, 0.019],
    ['negative IC days', (e: PromotionEvidence) => (e.signalQuality.negativeInformationCoefficientDayShare = 0.61), 'gates.observeToShadow.signalQuality.maxNegativeInformationCoefficientDayShare', 0.6, 0.61],
    ['calibration', (e: PromotionEvidence) => (e.signalQuality.calibrationMonotonicBuckets = 3), 'gates.observeToShadow.signalQuality.minCalibrationMonotonicBuckets', 4, 3],
    ['critical incidents', (e: PromotionEvidence) => (e.risk.criticalIncidents = 1), 'gates.observeToShadow.risk.maxCriticalIncidents', 0, 1],
    ['repeated data-integrity events', (e: PromotionEvidence) => (e.operational.dataIntegrityEvents = 3), 'gates.observeToShadow.operational.maxDataIntegrityEvents', 2, 3],
  ])('OBSERVE → SHADOW refuses low %s with rule, threshold and measured value', (_, change, rule, threshold, measured) => {
    const refusals = refusalsOf('observeToShadow', change);
    expect(refusals.map((r) => ({ rule: r.rule, threshold: r.threshold, measured: r.measured }))).toEqual([{ rule, threshold, measured }]);
    expect(refusals[0].window).toEqual(evidenceFor('observeToShadow').evidence.window);
  });

  it('a discrete signal is judged by lift (must exceed 0), the IC then does not apply', () => {
    const discrete = (e: PromotionEvidence) => {
      e.signalQuality.signalKind = 'discrete';
      e.signalQuality.meanInformationCoefficient = -0.5;
    };
    const { evidence, nowMs } = evidenceFor('observeToShadow', discrete);
    const result = evaluatePromotionGates('observeToShadow', evidence, policy, nowMs);
    expect(result.passed).toBe(true);
    expect(result.checks.find((c) => c.rule.endsWith('minMeanInformationCoefficient'))!.status).toBe('not_applicable');
    const noLift = refusalsOf('observeToShadow', (e) => {
      discrete(e);
      e.signalQuality.lift = 0;
    });
    expect(noLift.map((r) => [r.rule, r.comparator, r.threshold, r.measured])).toEqual([['gates.observeToShadow.signalQuality.minLift', '>', 0, 0]]);
  });

  it('calibration does not apply to a strategy without confidences, and an unmeasurable IC refuses', () => {
    const { evidence, nowMs } = evidenceFor('observeToShadow', (e) => {
      e.signalQuality.confidenceSignals = 0;
      e.signalQuality.calibrationMonotonicBuckets = null;
    });
    expect(evaluatePromotionGates('observeToShadow', evidence, policy, nowMs).checks.find((c) => c.rule.endsWith('minCalibrationMonotonicBuckets'))!.status).toBe('not_applicable');
    const unmeasured = refusalsOf('observeToShadow', (e) => (e.signalQuality.meanInformationCoefficient = null));
    expect(unmeasured[0]).toMatchObject({ rule: 'gates.observeToShadow.signalQuality.minMeanInformationCoefficient', measured: null });
    expect(unmeasured[0].message).toContain('not measurable');
  });

  it.each([
    ['window return', (e: PromotionEvidence) => (e.performance.windowReturn = -0.001), 'gates.shadowToPaper.signalQuality.minWindowReturn', 0, -0.001],
    ['Sharpe', (e: PromotionEvidence) => (e.performance.sharpe = 0.19), 'gates.shadowToPaper.signalQuality.minSharpe', 0.2, 0.19],
    ['turnover', (e: PromotionEvidence) => (e.performance.averageDailyTurnover = 1.6), 'gates.shadowToPaper.signalQuality.maxAverageDailyTurnover', 1.5, 1.6],
    ['daily loss', (e: PromotionEvidence) => (e.performance.worstDailyReturn = -0.021), 'gates.shadowToPaper.risk.minWorstDailyReturn', -0.02, -0.021],
    ['drawdown', (e: PromotionEvidence) => (e.performance.maxDrawdown = -0.031), 'gates.shadowToPaper.risk.minMaxDrawdown', -0.03, -0.031],
    ['concentration', (e: PromotionEvidence) => (e.risk.concentrationViolations = 3), 'gates.shadowToPaper.risk.maxConcentrationViolations', 2, 3],
    ['warnings', (e: PromotionEvidence) => (e.risk.warningIncidents = 4), 'gates.shadowToPaper.risk.maxWarningIncidents', 3, 4],
    ['quote freshness', (e: PromotionEvidence) => (e.operational.freshQuoteFillShare = 0.98), 'gates.shadowToPaper.operational.minFreshQuoteFillShare', 0.99, 0.98],
    ['NaN rate', (e: PromotionEvidence) => (e.operational.missingFieldRate = 0.006), 'gates.shadowToPaper.operational.maxMissingFieldRate', 0.005, 0.006],
    ['evaluation errors', (e: PromotionEvidence) => (e.operational.evaluationErrorRate = 0.002), 'gates.shadowToPaper.operational.maxEvaluationErrorRate', 0.001, 0.002],
    ['fill failures', (e: PromotionEvidence) => (e.operational.orderErrorRate = 0.002), 'gates.shadowToPaper.operational.maxOrderErrorRate', 0.001, 0.002],
  ])('SHADOW → PAPER refuses %s with rule, threshold and measured value', (_, change, rule, threshold, measured) => {
    expect(refusalsOf('shadowToPaper', change).map((r) => ({ rule: r.rule, threshold: r.threshold, measured: r.measured }))).toEqual([{ rule, threshold, measured }]);
  });

  it.each([
    ['a −1.1 % day', (e: PromotionEvidence) => (e.performance.worstDailyReturn = -0.011), 'gates.paperToLive.risk.minWorstDailyReturn', -0.01, -0.011],
    ['a 2.1 % drawdown', (e: PromotionEvidence) => (e.performance.maxDrawdown = -0.021), 'gates.paperToLive.risk.minMaxDrawdown', -0.02, -0.021],
    ['risk denials', (e: PromotionEvidence) => (e.operational.riskDenialRate = 0.021), 'gates.paperToLive.operational.maxRiskDenialRate', 0.02, 0.021],
    ['order API errors', (e: PromotionEvidence) => (e.operational.orderErrorRate = 0.006), 'gates.paperToLive.operational.maxOrderErrorRate', 0.005, 0.006],
    ['latency', (e: PromotionEvidence) => (e.operational.medianDecisionToOrderMs = 5_001), 'gates.paperToLive.operational.maxMedianDecisionToOrderMs', 5_000, 5_001],
    ['fill deviation', (e: PromotionEvidence) => (e.operational.medianFillDeviationBps = 30), 'gates.paperToLive.operational.maxMedianFillDeviationBps', 25, 30],
    ['a data-integrity incident', (e: PromotionEvidence) => (e.operational.dataIntegrityEvents = 1), 'gates.paperToLive.operational.maxDataIntegrityEvents', 0, 1],
    ['a concentration episode', (e: PromotionEvidence) => (e.risk.concentrationViolations = 1), 'gates.paperToLive.risk.maxConcentrationViolations', 0, 1],
  ])('PAPER → LIVE refuses %s with rule, threshold and measured value', (_, change, rule, threshold, measured) => {
    expect(refusalsOf('paperToLive', change).map((r) => ({ rule: r.rule, threshold: r.threshold, measured: r.measured }))).toEqual([{ rule, threshold, measured }]);
  });

  it('a threshold at exactly its limit passes (limits are inclusive, lift excepted)', () => {
    const { evidence, nowMs } = evidenceFor('shadowToPaper', (e) => {
      e.performance.maxDrawdown = -0.03;
      e.performance.sharpe = 0.2;
      e.performance.averageDailyTurnover = 1.5;
      e.operational.freshQuoteFillShare = 0.99;
    });
    expect(evaluatePromotionGates('shadowToPaper', evidence, policy, nowMs).passed).toBe(true);
  });

  it('a demoted deployment can pass again: the demotion’s own incident is not counted, an incident opened after it (or any other in the window) still refuses', () => {
    // PAPER → SHADOW by a critical daily-loss breach at the stage entry; 11 clean days of SHADOW evidence follow.
    const input = makeSyntheticEvidenceInput(1, passing.shadowToPaper);
    const entry = input.stageEnteredAtMs;
    const demotion = { occurredAtMs: entry, severity: 'critical' as const, type: 'dailyLoss', causedStageEntry: true };
    const earlier = { occurredAtMs: entry - 3_600_000, severity: 'critical' as const, type: 'drawdown' }; // in PAPER, before the demotion
    const clean = buildPromotionEvidence({ ...input, incidents: [earlier, demotion] }, policy.measurement);
    expect(clean.risk).toMatchObject({ criticalIncidents: 0, warningIncidents: 0 });
    const passes = evaluatePromotionGates('shadowToPaper', clean, policy, input.window.endMs);
    expect(passes.refusals).toEqual([]);
    expect(passes.checks.find((c) => c.rule === 'gates.shadowToPaper.risk.maxCriticalIncidents')).toMatchObject({ status: 'pass', measured: 0 });
    // The same evidence with one more incident at the entry (not the demotion's), 1 ms or a day after it: refused, named.
    for (const after of [0, 1, millisecondsPerDay]) {
      const later = { occurredAtMs: entry + after, severity: 'critical' as const, type: 'drawdown' };
      const evidence = buildPromotionEvidence({ ...input, incidents: [earlier, demotion, later] }, policy.measurement);
      expect(evidence.risk.criticalIncidents).toBe(1);
      const refused = evaluatePromotionGates('shadowToPaper', evidence, policy, input.window.endMs);
      expect(refused.refusals.map((r) => [r.rule, r.threshold, r.measured])).toEqual([['gates.shadowToPaper.risk.maxCriticalIncidents', 0, 1]]);
      expect(refused.refusals[0].message).toBe('Critical incidents: 1, must be at most 0 (gates.shadowToPaper.risk.maxCriticalIncidents)');
    }
    // Warnings after the entry count against the warning budget the same way.
    const warnings = Array.from({ length: 4 }, (_, k) => ({ occurredAtMs: entry + (k + 1) * 3_600_000, severity: 'warning' as const, type: 'valueAtRisk' }));
    const warned = buildPromotionEvidence({ ...input, incidents: [demotion, ...warnings] }, policy.measurement);
    expect(evaluatePromotionGates('shadowToPaper', warned, policy, input.window.endMs).refusals.map((r) => [r.rule, r.measured])).toEqual([['gates.shadowToPaper.risk.maxWarningIncidents', 4]]);
  });

  describe('re-entry cool-down (optional rule)', () => {
    const cooldown = { days: 30, escalationFactor: 2, lookbackDays: 180, requireScorecardAfterExit: true };
    const withCooldown = { ...policy, version: 'cooldown-test', reentryCooldown: cooldown };
    const gateWith = (exitsDaysAgo: number[] | null, transition: PromotionTransition = 'shadowToPaper', change: (evidence: PromotionEvidence) => void = () => {}) => {
      const { evidence, nowMs: at } = evidenceFor(transition, (e) => {
        e.protectiveExitsMs = exitsDaysAgo === null ? null : exitsDaysAgo.map((days) => e.window.endMs - days * millisecondsPerDay);
        change(e);
      });
      return evaluatePromotionGates(transition, evidence, withCooldown, at);
    };
    const { nowMs } = evidenceFor('shadowToPaper');

    it('does not apply without an exit; a policy without the rule never checks it', () => {
      const result = gateWith([]);
      expect(result.passed).toBe(true);
      expect(result.checks.find((check) => check.rule === 'reentryCooldown.days')?.status).toBe('not_applicable');
      const { evidence } = evidenceFor('shadowToPaper', (e) => (e.protectiveExitsMs = [nowMs - millisecondsPerDay]));
      expect(evaluatePromotionGates('shadowToPaper', evidence, policy, nowMs).checks.some((check) => check.rule.startsWith('reentryCooldown'))).toBe(false);
    });

    it('refuses inside the cool-down naming the rule, the threshold and the days measured; passes once it has passed', () => {
      const refused = gateWith([10.5]);
      expect(refused.passed).toBe(false);
      expect(refused.refusals.map((check) => [check.rule, check.threshold, check.measured, check.unit])).toEqual([['reentryCooldown.days', 30, 10, 'days']]);
      expect(refused.refusals[0].message).toContain('must be at least 30 days (reentryCooldown.days)');
      expect(gateWith([30]).passed).toBe(true);
      expect(gateWith([29.9]).refusals.map((check) => check.measured)).toEqual([29]);
    });

    it('escalates for repeat exits inside the lookback (30 × 2^(k − 1)); exits before the lookback do not count', () => {
      expect(gateWith([40, 100]).refusals.map((check) => [check.threshold, check.measured])).toEqual([[60, 40]]);
      expect(gateWith([40, 100, 150]).refusals[0].message).toContain('3 exits within 180 days: 30 × 2^2');
      expect(gateWith([40, 100, 150]).refusals[0].threshold).toBe(120);
      expect(gateWith([40, 200, 400]).passed).toBe(true);
    });

    it('requires a scorecard dated after the exit when the policy says so, and applies at every transition', () => {
      const stale = gateWith([31], 'paperToLive', (e) => (e.scorecard = { ...e.scorecard!, evaluationDate: new Date(nowMs - 40 * millisecondsPerDay).toISOString().slice(0, 10) }));
      expect(stale.refusals.map((check) => check.rule)).toContain('reentryCooldown.requireScorecardAfterExit');
      expect(gateWith([31], 'paperToLive').refusals.map((check) => check.rule)).not.toContain('reentryCooldown.requireScorecardAfterExit');
      expect(gateWith([3], 'observeToShadow').refusals.map((check) => check.rule)).toEqual(['reentryCooldown.days']);
    });

    it('fails closed when the exits were not read, and ignores exits after now', () => {
      expect(gateWith(null).refusals.map((check) => [check.rule, check.measured])).toEqual([['reentryCooldown.days', null]]);
      expect(gateWith([-2]).passed).toBe(true);
    });
  });

  it('evaluates the gates of 200 strategies against the full policy', () => {
    const inputs = Array.from({ length: 200 }, (_, index) => makeSyntheticEvidenceInput(index + 1, { stage: 'paper', days: 21 }));
    const results = inputs.map((input) => evaluatePromotionGates('paperToLive', buildPromotionEvidence(input, policy.measurement), policy, input.window.endMs));
    expect(results).toHaveLength(200);
    expect(results.every((result) => result.checks.length > 20 && result.policyVersion === '2026.12.1')).toBe(true);
  });
});

describe('gateRecordsRead', () => {
  const transitions = ['observeToShadow', 'shadowToPaper', 'paperToLive'] as const;
  const sections = ['stabilityWindow', 'signalQuality', 'risk', 'operational'] as const;
  /** The input with every record list not in `read` emptied. */
  const only = (input: PromotionEvidenceInput, read: ReadonlySet<EvidenceRecordKind>): PromotionEvidenceInput => ({ ...input, ...Object.fromEntries(evidenceRecordKinds.filter((kind) => !read.has(kind)).map((kind) => [kind, []])) });
  /** The default policy with every nullable threshold of `transition` null, then the one named set (at a default value). */
  const withOnly = (transition: PromotionTransition, section: (typeof sections)[number] | null, field: string | null): PromotionPolicy => {
    const variant = structuredClone(policy);
    const gates = variant.gates[transition] as unknown as Record<string, Record<string, number | null>>;
    for (const name of sections) for (const key of Object.keys(gates[name])) if (!(name === 'risk' && key === 'maxCriticalIncidents') && !(name === 'stabilityWindow' && key === 'minSessions')) gates[name][key] = null;
    if (section !== null && field !== null) {
      const values = transitions.map((other) => (policy.gates[other] as unknown as Record<string, Record<string, number | null>>)[section][field]);
      gates[section][field] = (policy.gates[transition] as unknown as Record<string, Record<string, number | null>>)[section][field] ?? values.find((value) => value !== null) ?? 0;
      if (field === 'minEvaluationsInsteadOfFills') gates[section].minFills = 1_000_000; // the alternative applies only when the fills check fails
    }
    return variant;
  };
  const variantsOf = (transition: PromotionTransition) => [
    policy,
    withOnly(transition, null, null),
    ...sections.flatMap((section) => Object.keys(policy.gates[transition][section]).map((field) => withOnly(transition, section, field))),
  ];
  const verdict = (transition: PromotionTransition, input: PromotionEvidenceInput, gatePolicy: PromotionPolicy) => evaluatePromotionGates(transition, buildPromotionEvidence(input, gatePolicy.measurement), gatePolicy, input.window.endMs);

  it.each(transitions)('the verdict, checks and messages from only the records read equal those from every record, threshold by threshold (%s)', (transition) => {
    for (const shape of [passing[transition], { ...passing[transition], stage: 'paper' as const }]) {
      const input = makeSyntheticEvidenceInputWithEveryRecord(1, shape);
      for (const variant of variantsOf(transition)) expect(verdict(transition, only(input, gateRecordsRead(transition, variant)), variant)).toEqual(verdict(transition, input, variant));
    }
  });

  it('every record list but the health changes is read by some threshold, and leaving it out there changes the verdict', () => {
    const changed = new Set<EvidenceRecordKind>();
    for (const transition of transitions) {
      const input = makeSyntheticEvidenceInputWithEveryRecord(1, { ...passing[transition], stage: 'paper' });
      for (const variant of variantsOf(transition)) {
        const read = gateRecordsRead(transition, variant);
        for (const kind of read) if (JSON.stringify(verdict(transition, only(input, new Set([...read].filter((other) => other !== kind))), variant)) !== JSON.stringify(verdict(transition, input, variant))) changed.add(kind);
      }
    }
    expect([...changed].sort()).toEqual(evidenceRecordKinds.filter((kind) => kind !== 'healthChanges').sort());
  });
});
