import { millisecondsPerDay } from '../../engine/index.ts';
import { stageLevel, transitionStages, type PromotionTransition } from './promotion-transitions.ts';
import { makeCheck, notApplicableCheck, type GateCheck } from './gate-check.ts';
import type { EvidenceRecordKind, PromotionEvidence } from './promotion-evidence.ts';
import type { PromotionPolicy, ReentryCooldown } from './promotion-policy.ts';

/** The verdict of one transition's gates. */
export interface GateEvaluation {
  transition: PromotionTransition;
  /** The policy version that decided; null when no valid policy existed (then nothing passes). */
  policyVersion: string | null;
  /** True when no check failed. */
  passed: boolean;
  /** Every check, in order: state, scorecard, stability window, signal quality, risk, operational. */
  checks: GateCheck[];
  /** The failed checks (each names its rule, threshold, measured value and window). */
  refusals: GateCheck[];
}

/**
 * Does this evidence pass this promotion under this policy, and if not, why (promotion-framework §1: stability window,
 * no critical violations, signal-quality / risk / operational thresholds; DESIGN.md §2 scorecard completeness)? Pure:
 * the service calls it before opening or executing a request, a whole-history simulation calls the same function.
 *
 * Fail closed: no policy (`null`) refuses everything (promotion-framework §5); a threshold whose measurement is
 * unavailable refuses; a deployment that is frozen, on regulatory hold or not at the transition's from-stage refuses.
 * Human approvals are not part of the gates (see `approval-matrix.ts`), nor are the portfolio constraints (see
 * `portfolio-constraints.ts`).
 *
 * @param nowMs now on the deployment's clock, ms since epoch (time at stage = now − stage entry): a replay's market time
 *   (its last bar's close), the injected clock live.
 * @param platformNowMs now on the platform's injected clock, ms since epoch — the clock the scorecard was dated on, so
 *   the scorecard's age is measured on it (a replay's market clock would make a current scorecard look future-dated
 *   and a stale one young). Defaults to `nowMs` (live: both clocks agree).
 */
export function evaluatePromotionGates(transition: PromotionTransition, evidence: PromotionEvidence, policy: PromotionPolicy | null, nowMs: number, platformNowMs: number = nowMs): GateEvaluation {
  const window = evidence.window;
  if (policy === null) {
    const check = makeCheck('policy', 'state', '==', 1, 0, 'flag', window, 'A valid promotion policy exists (none: everything stays OBSERVE)');
    return { transition, policyVersion: null, passed: false, checks: [check], refusals: [check] };
  }
  const gates = policy.gates[transition];
  const prefix = `gates.${transition}`;
  const stageWindow = { startMs: evidence.stageEnteredAtMs, endMs: nowMs };
  const checks: GateCheck[] = [];

  // State.
  checks.push(makeCheck('state.stage', 'state', '==', stageLevel(transitionStages[transition].from), stageLevel(evidence.stage), 'stage', stageWindow, 'Deployment stage'));
  checks.push(makeCheck('state.frozen', 'state', '==', 0, evidence.frozen ? 1 : 0, 'flag', stageWindow, 'Promotions frozen'));
  checks.push(makeCheck('state.regulatoryHold', 'state', '==', 0, evidence.regulatoryHold ? 1 : 0, 'flag', stageWindow, 'Regulatory hold'));
  checks.push(makeCheck('state.evidenceWindow', 'state', '<=', nowMs, window.endMs, 'ms', window, 'Evidence window end (not after now)'));

  // Scorecard.
  const card = evidence.scorecard;
  if (policy.scorecard.requireComplete) checks.push(makeCheck('scorecard.requireComplete', 'scorecard', '==', 1, card === null ? null : card.complete ? 1 : 0, 'flag', window, 'Latest scorecard entry complete'));
  if (policy.scorecard.requireProductionStandard) {
    checks.push(makeCheck('scorecard.requireProductionStandard', 'scorecard', '==', 1, card === null ? null : card.researchOnly ? 0 : 1, 'flag', window, 'Latest scorecard entry meets the minimum production standard'));
  }
  const cardAgeDays = card === null ? null : Math.floor((platformNowMs - Date.parse(`${card.evaluationDate}T00:00:00Z`)) / millisecondsPerDay);
  const measuredAge = cardAgeDays !== null && Number.isFinite(cardAgeDays) ? cardAgeDays : null;
  const cardWindow = { startMs: card === null ? platformNowMs : Date.parse(`${card.evaluationDate}T00:00:00Z`), endMs: platformNowMs };
  checks.push(makeCheck('scorecard.maxAgeDays', 'scorecard', '<=', policy.scorecard.maxAgeDays, measuredAge, 'days', cardWindow, 'Age of the latest scorecard entry (platform clock)'));
  // A scorecard dated after the platform's now is not evidence (fail closed).
  if (measuredAge !== null) checks.push(makeCheck('scorecard.notFutureDated', 'scorecard', '>=', 0, measuredAge, 'days', cardWindow, 'Age of the latest scorecard entry (not dated after now)'));

  // Stability window.
  const stability = gates.stabilityWindow;
  const sessions = Math.floor(Math.max(nowMs - evidence.stageEnteredAtMs, 0) / millisecondsPerDay);
  checks.push(makeCheck(`${prefix}.stabilityWindow.minSessions`, 'stability', '>=', stability.minSessions, sessions, 'days', stageWindow, 'Sessions (UTC days) at the stage'));
  if (stability.minEvaluations !== null) checks.push(makeCheck(`${prefix}.stabilityWindow.minEvaluations`, 'stability', '>=', stability.minEvaluations, evidence.activity.evaluations, 'count', window, 'Valid signal evaluations'));
  if (stability.minFills !== null) {
    const fills = makeCheck(`${prefix}.stabilityWindow.minFills`, 'stability', '>=', stability.minFills, evidence.activity.fills, 'count', window, 'Fills');
    const alternative = stability.minEvaluationsInsteadOfFills;
    if (fills.status === 'fail' && alternative !== null && evidence.activity.evaluations >= alternative) {
      checks.push({ ...fills, status: 'pass', message: `${fills.message}; passes as low-turnover: ${evidence.activity.evaluations} valid evaluations ≥ ${alternative} (${prefix}.stabilityWindow.minEvaluationsInsteadOfFills)` });
    } else checks.push(fills);
  }
  if (stability.minOrders !== null) checks.push(makeCheck(`${prefix}.stabilityWindow.minOrders`, 'stability', '>=', stability.minOrders, evidence.activity.ordersSubmitted, 'count', window, 'Orders submitted'));

  // Re-entry cool-down after a protective exit (optional rule; measured on the platform clock, like the exits).
  const cooldown = policy.reentryCooldown;
  if (cooldown) checks.push(...reentryCooldownChecks(cooldown, evidence, platformNowMs));

  // Signal quality.
  const quality = gates.signalQuality;
  const measured = evidence.signalQuality;
  const signalRule = (field: keyof typeof quality) => `${prefix}.signalQuality.${field}`;
  if (quality.minCoverage !== null) checks.push(makeCheck(signalRule('minCoverage'), 'signalQuality', '>=', quality.minCoverage, measured.coverage, 'fraction', window, 'Coverage (valid ÷ scheduled evaluations)'));
  if (quality.minHitRate !== null) checks.push(makeCheck(signalRule('minHitRate'), 'signalQuality', '>=', quality.minHitRate, measured.hitRate, 'fraction', window, `Directional hit rate over ${measured.directionalSignals} signals`));
  const discrete = measured.signalKind === 'discrete';
  if (quality.minMeanInformationCoefficient !== null) {
    checks.push(
      discrete
        ? notApplicableCheck(signalRule('minMeanInformationCoefficient'), 'signalQuality', '>=', quality.minMeanInformationCoefficient, 'ratio', window, 'Discrete signal: lift vs baseline replaces the IC')
        : makeCheck(signalRule('minMeanInformationCoefficient'), 'signalQuality', '>=', quality.minMeanInformationCoefficient, measured.meanInformationCoefficient, 'ratio', window, `Mean daily IC over ${measured.informationCoefficientDays} days`),
    );
  }
  if (quality.maxNegativeInformationCoefficientDayShare !== null) {
    checks.push(
      discrete
        ? notApplicableCheck(signalRule('maxNegativeInformationCoefficientDayShare'), 'signalQuality', '<=', quality.maxNegativeInformationCoefficientDayShare, 'fraction', window, 'Discrete signal: lift vs baseline replaces the IC')
        : makeCheck(signalRule('maxNegativeInformationCoefficientDayShare'), 'signalQuality', '<=', quality.maxNegativeInformationCoefficientDayShare, measured.negativeInformationCoefficientDayShare, 'fraction', window, 'Share of days with a negative IC'),
    );
  }
  if (quality.minLift !== null) {
    checks.push(
      measured.signalKind === 'scored'
        ? notApplicableCheck(signalRule('minLift'), 'signalQuality', '>', quality.minLift, 'fraction', window, 'Scored signal: the IC applies instead of lift')
        : makeCheck(signalRule('minLift'), 'signalQuality', '>', quality.minLift, measured.lift, 'fraction', window, 'Lift over the hold baseline per horizon'),
    );
  }
  if (quality.minCalibrationMonotonicBuckets !== null) {
    checks.push(
      measured.confidenceSignals === 0
        ? notApplicableCheck(signalRule('minCalibrationMonotonicBuckets'), 'signalQuality', '>=', quality.minCalibrationMonotonicBuckets, 'count', window, 'The strategy reports no confidence: calibration does not apply')
        : makeCheck(signalRule('minCalibrationMonotonicBuckets'), 'signalQuality', '>=', quality.minCalibrationMonotonicBuckets, measured.calibrationMonotonicBuckets, 'count', window, `Monotonic confidence buckets of ${policy.measurement.calibrationBuckets}`),
    );
  }
  const performance = evidence.performance;
  if (quality.minWindowReturn !== null) checks.push(makeCheck(signalRule('minWindowReturn'), 'signalQuality', '>=', quality.minWindowReturn, performance.windowReturn, 'fraction', window, 'Window return'));
  if (quality.minSharpe !== null) checks.push(makeCheck(signalRule('minSharpe'), 'signalQuality', '>=', quality.minSharpe, performance.sharpe, 'ratio', window, 'Sharpe ratio of daily returns (annualized)'));
  if (quality.maxAverageDailyTurnover !== null) checks.push(makeCheck(signalRule('maxAverageDailyTurnover'), 'signalQuality', '<=', quality.maxAverageDailyTurnover, performance.averageDailyTurnover, 'multiple', window, 'Average daily turnover'));

  // Risk.
  const risk = gates.risk;
  const riskRule = (field: keyof typeof risk) => `${prefix}.risk.${field}`;
  if (risk.minWorstDailyReturn !== null) checks.push(makeCheck(riskRule('minWorstDailyReturn'), 'risk', '>=', risk.minWorstDailyReturn, performance.worstDailyReturn, 'fraction', window, 'Worst daily return (daily loss limit)'));
  if (risk.minMaxDrawdown !== null) checks.push(makeCheck(riskRule('minMaxDrawdown'), 'risk', '>=', risk.minMaxDrawdown, performance.maxDrawdown, 'fraction', window, 'Max drawdown'));
  if (risk.maxConcentrationViolations !== null) {
    checks.push(makeCheck(riskRule('maxConcentrationViolations'), 'risk', '<=', risk.maxConcentrationViolations, evidence.risk.concentrationViolations, 'count', window, `Concentration episodes above ${policy.measurement.concentrationLimit * 100} % of portfolio`));
  }
  checks.push(makeCheck(riskRule('maxCriticalIncidents'), 'risk', '<=', risk.maxCriticalIncidents, evidence.risk.criticalIncidents, 'count', window, 'Critical incidents'));
  if (risk.maxWarningIncidents !== null) checks.push(makeCheck(riskRule('maxWarningIncidents'), 'risk', '<=', risk.maxWarningIncidents, evidence.risk.warningIncidents, 'count', window, 'Warning incidents'));

  // Operational.
  const operational = gates.operational;
  const ops = evidence.operational;
  const opsRule = (field: keyof typeof operational) => `${prefix}.operational.${field}`;
  if (operational.minFreshQuoteFillShare !== null) {
    checks.push(makeCheck(opsRule('minFreshQuoteFillShare'), 'operational', '>=', operational.minFreshQuoteFillShare, ops.freshQuoteFillShare, 'fraction', window, `Fills on a quote ≤ ${policy.measurement.maxQuoteAgeMs} ms old`));
  }
  if (operational.maxMissingFieldRate !== null) checks.push(makeCheck(opsRule('maxMissingFieldRate'), 'operational', '<=', operational.maxMissingFieldRate, ops.missingFieldRate, 'fraction', window, 'Evaluations with missing/NaN fields'));
  if (operational.maxEvaluationErrorRate !== null) checks.push(makeCheck(opsRule('maxEvaluationErrorRate'), 'operational', '<=', operational.maxEvaluationErrorRate, ops.evaluationErrorRate, 'fraction', window, 'Evaluation error rate'));
  if (operational.maxOrderErrorRate !== null) checks.push(makeCheck(opsRule('maxOrderErrorRate'), 'operational', '<=', operational.maxOrderErrorRate, ops.orderErrorRate, 'fraction', window, 'Order error rate'));
  if (operational.maxRiskDenialRate !== null) checks.push(makeCheck(opsRule('maxRiskDenialRate'), 'operational', '<=', operational.maxRiskDenialRate, ops.riskDenialRate, 'fraction', window, 'Risk denial rate'));
  if (operational.maxMedianDecisionToOrderMs !== null) {
    checks.push(makeCheck(opsRule('maxMedianDecisionToOrderMs'), 'operational', '<=', operational.maxMedianDecisionToOrderMs, ops.medianDecisionToOrderMs, 'ms', window, 'Median decision-to-order latency'));
  }
  if (operational.maxMedianFillDeviationBps !== null) {
    checks.push(makeCheck(opsRule('maxMedianFillDeviationBps'), 'operational', '<=', operational.maxMedianFillDeviationBps, ops.medianFillDeviationBps, 'bps', window, 'Median fill deviation from the expected price'));
  }
  if (operational.maxDataIntegrityEvents !== null) {
    checks.push(makeCheck(opsRule('maxDataIntegrityEvents'), 'operational', '<=', operational.maxDataIntegrityEvents, ops.dataIntegrityEvents, 'count', window, 'Data-integrity events'));
  }

  const refusals = checks.filter((check) => check.status === 'fail');
  return { transition, policyVersion: policy.version, passed: refusals.length === 0, checks, refusals };
}

/**
 * The record lists whose evidence the gates of `transition` read under `policy`: a null threshold reads nothing, and
 * the critical-incident check always reads the incidents. The lists not named may be passed empty to
 * `buildPromotionEvidence` without changing {@link evaluatePromotionGates}' verdict, checks or messages — a caller
 * holding a long stage window (a simulation whose deployment waits years at PAPER) builds only what is read. Which
 * evidence field comes from which records is `buildPromotionEvidence`'s (see `PromotionEvidence`); the test locks this
 * list to it, threshold by threshold.
 */
export function gateRecordsRead(transition: PromotionTransition, policy: PromotionPolicy): ReadonlySet<EvidenceRecordKind> {
  const gates = policy.gates[transition];
  const read = new Set<EvidenceRecordKind>(['incidents']);
  const when = (threshold: number | null, ...kinds: EvidenceRecordKind[]) => {
    if (threshold !== null) for (const kind of kinds) read.add(kind);
  };
  const { stabilityWindow: stability, signalQuality: quality, risk, operational } = gates;
  when(stability.minEvaluations, 'signals');
  when(stability.minFills, 'fills');
  if (stability.minFills !== null) when(stability.minEvaluationsInsteadOfFills, 'signals');
  when(stability.minOrders, 'orders');
  for (const threshold of [quality.minCoverage, quality.minHitRate, quality.minMeanInformationCoefficient, quality.maxNegativeInformationCoefficientDayShare, quality.minLift, quality.minCalibrationMonotonicBuckets]) when(threshold, 'signals');
  when(quality.minWindowReturn, 'pnlSnapshots');
  when(quality.minSharpe, 'pnlSnapshots');
  when(quality.maxAverageDailyTurnover, 'fills', 'pnlSnapshots');
  when(risk.minWorstDailyReturn, 'pnlSnapshots');
  when(risk.minMaxDrawdown, 'pnlSnapshots');
  when(risk.maxConcentrationViolations, 'pnlSnapshots');
  when(operational.minFreshQuoteFillShare, 'fills');
  when(operational.maxMissingFieldRate, 'signals');
  when(operational.maxEvaluationErrorRate, 'signals');
  when(operational.maxOrderErrorRate, 'orders');
  when(operational.maxRiskDenialRate, 'orders');
  when(operational.maxMedianDecisionToOrderMs, 'orders');
  when(operational.maxMedianFillDeviationBps, 'fills');
  when(operational.maxDataIntegrityEvents, 'dataIntegrityEvents');
  return read;
}

/**
 * The re-entry cool-down's checks (`PromotionPolicy.reentryCooldown`): `reentryCooldown.days` — whole UTC days since
 * the latest protective exit ≥ `days × escalationFactor^(k − 1)`, k = protective exits within `lookbackDays` — and,
 * when required, `reentryCooldown.requireScorecardAfterExit` — the latest scorecard dated after that exit. No exit:
 * not applicable. Exits not read: the days check is not measurable and refuses (fail closed).
 */
function reentryCooldownChecks(cooldown: ReentryCooldown, evidence: PromotionEvidence, platformNowMs: number): GateCheck[] {
  const exits = evidence.protectiveExitsMs;
  const unread = { startMs: platformNowMs, endMs: platformNowMs };
  if (exits === null) return [makeCheck('reentryCooldown.days', 'stability', '>=', cooldown.days, null, 'days', unread, 'Days since the latest rollback or demotion (exits not read)')];
  const past = exits.filter((atMs) => atMs <= platformNowMs);
  if (past.length === 0) return [notApplicableCheck('reentryCooldown.days', 'stability', '>=', cooldown.days, 'days', unread, 'No rollback or demotion: no re-entry cool-down')];
  const lastExitMs = Math.max(...past);
  const repeats = Math.max(1, past.filter((atMs) => atMs > platformNowMs - cooldown.lookbackDays * millisecondsPerDay).length);
  const required = Math.ceil(cooldown.days * cooldown.escalationFactor ** (repeats - 1));
  const elapsed = Math.floor((platformNowMs - lastExitMs) / millisecondsPerDay);
  const window = { startMs: lastExitMs, endMs: platformNowMs };
  const escalation = repeats > 1 ? ` (${repeats} exits within ${cooldown.lookbackDays} days: ${cooldown.days} × ${cooldown.escalationFactor}^${repeats - 1})` : '';
  const checks = [makeCheck('reentryCooldown.days', 'stability', '>=', required, elapsed, 'days', window, `Days since the latest rollback or demotion${escalation}`)];
  if (cooldown.requireScorecardAfterExit) {
    const card = evidence.scorecard;
    const after = card === null ? null : Date.parse(`${card.evaluationDate}T00:00:00Z`) > lastExitMs ? 1 : 0;
    checks.push(makeCheck('reentryCooldown.requireScorecardAfterExit', 'stability', '==', 1, after, 'flag', window, 'Latest scorecard dated after the latest rollback or demotion (re-validated)'));
  }
  return checks;
}
