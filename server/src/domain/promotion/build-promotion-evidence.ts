import {
  calculateCalibrationMonotonicity,
  calculateDailyInformationCoefficient,
  calculateDailyReturns,
  calculateDirectionalHitRate,
  calculateForwardReturns,
  calculateMaxDrawdown,
  calculateSharpeRatio,
  calculateSignalLift,
  calculateSortedPercentile,
  millisecondsPerDay,
  utcDayOf,
} from '../../engine/index.ts';
import { ValidationError } from '../errors.ts';
import type { PromotionEvidence, PromotionEvidenceInput } from './promotion-evidence.ts';
import { dataIntegrityKinds, type DataIntegrityKind, type EvidenceMeasurement } from './promotion-policy.ts';

/** Days in a year of a 24/7 market: the annualization of daily Sharpe ratios (metrics-conventions §2). */
const daysPerYear = 365;

/**
 * Builds the measured evidence of one deployment from its plain records (pure; the runtime's rows or a simulation's
 * in-memory state). Only records inside `input.window` count (incidents except the one that caused the stage entry,
 * `causedStageEntry`: it is not evidence against the new stage). The definitions of each number are on
 * `PromotionEvidence`; the statistics are the engine's (hit rate, IC, lift, calibration, daily returns, Sharpe,
 * drawdown).
 *
 * @param measurement the policy's measurement settings (forward horizon, calibration buckets, quote age, concentration limit…).
 * @throws ValidationError naming the record and field (e.g. `pnlSnapshots[3].equity`) when a record holds a
 *   non-finite time or number, or the window/period is invalid.
 */
export function buildPromotionEvidence(input: PromotionEvidenceInput, measurement: EvidenceMeasurement): PromotionEvidence {
  const { startMs, endMs } = input.window;
  requireFinite(startMs, 'window.startMs');
  requireFinite(endMs, 'window.endMs');
  if (endMs < startMs) throw new ValidationError('window.endMs: the window must not end before it starts', 'window.endMs');
  if (!(input.evaluationIntervalMs > 0) || !Number.isFinite(input.evaluationIntervalMs)) throw new ValidationError('evaluationIntervalMs: must be a positive number of ms', 'evaluationIntervalMs');
  if (input.capitalAllocation !== null && !(input.capitalAllocation >= 0 && input.capitalAllocation <= 1)) throw new ValidationError('capitalAllocation: must be a fraction 0–1', 'capitalAllocation');
  const sameAsset = input.portfolioSameAssetConcentration ?? 0;
  if (!(sameAsset >= 0 && Number.isFinite(sameAsset))) throw new ValidationError('portfolioSameAssetConcentration: must be a finite fraction ≥ 0', 'portfolioSameAssetConcentration');
  const inWindow = (time: number) => time >= startMs && time <= endMs;

  // Signals, in time order.
  input.signals.forEach((signal, index) => requireFinite(signal.decidedAtMs, `signals[${index}].decidedAtMs`));
  const signals = input.signals.filter((signal) => inWindow(signal.decidedAtMs)).sort((a, b) => a.decidedAtMs - b.decidedAtMs);
  const ticks = signals.length;
  const values = new Float64Array(ticks);
  const prices = new Float64Array(ticks);
  const confidences = new Float64Array(ticks);
  const days = new Float64Array(ticks);
  let evaluations = 0;
  let missingFields = 0;
  let errors = 0;
  let confidenceSignals = 0;
  const distinct = new Set<number>();
  signals.forEach((signal, index) => {
    const valid = signal.outcome === 'valid' && signal.value !== null && Number.isFinite(signal.value);
    if (valid) {
      evaluations++;
      if (distinct.size <= measurement.discreteSignalMaxDistinctValues) distinct.add(signal.value!);
    } else if (signal.outcome === 'missing_fields') missingFields++;
    else if (signal.outcome === 'error') errors++;
    values[index] = valid ? signal.value! : Number.NaN;
    prices[index] = signal.price !== null && signal.price > 0 && Number.isFinite(signal.price) ? signal.price : Number.NaN;
    const confidence = signal.confidence;
    confidences[index] = valid && confidence !== null && Number.isFinite(confidence) ? confidence : Number.NaN;
    if (confidences[index] === confidences[index]) confidenceSignals++;
    days[index] = utcDayOf(signal.decidedAtMs);
  });
  const forwardReturns = calculateForwardReturns(prices, measurement.forwardHorizonEvaluations);
  const hitRate = calculateDirectionalHitRate(values, forwardReturns);
  const informationCoefficient = calculateDailyInformationCoefficient(days, values, forwardReturns, measurement.informationCoefficientMinObservations);
  const calibration = confidenceSignals > 0 ? calculateCalibrationMonotonicity(confidences, values, forwardReturns, measurement.calibrationBuckets) : null;
  const scheduledEvaluations = Math.max(Math.floor((endMs - startMs) / input.evaluationIntervalMs), ticks);

  // P&L marks.
  input.pnlSnapshots.forEach((snapshot, index) => {
    requireFinite(snapshot.atMs, `pnlSnapshots[${index}].atMs`);
    requireFinite(snapshot.equity, `pnlSnapshots[${index}].equity`);
    requireFinite(snapshot.exposure, `pnlSnapshots[${index}].exposure`);
  });
  const marks = input.pnlSnapshots.filter((snapshot) => inWindow(snapshot.atMs)).sort((a, b) => a.atMs - b.atMs);
  const markTimes = Float64Array.from(marks, (mark) => mark.atMs);
  const equity = Float64Array.from(marks, (mark) => mark.equity);
  const daily = calculateDailyReturns(markTimes, equity);
  const markReturns = new Float64Array(Math.max(marks.length - 1, 0));
  for (let index = 1; index < marks.length; index++) markReturns[index - 1] = equity[index - 1] > 0 ? equity[index] / equity[index - 1] - 1 : Number.NaN;
  const averageEquity = marks.length === 0 ? Number.NaN : equity.reduce((sum, value) => sum + value, 0) / marks.length;
  let worstDailyReturn = Number.POSITIVE_INFINITY;
  for (const value of daily.returns) if (value < worstDailyReturn) worstDailyReturn = value;

  // Fills.
  input.fills.forEach((fill, index) => {
    requireFinite(fill.filledAtMs, `fills[${index}].filledAtMs`);
    requireFinite(fill.quantity, `fills[${index}].quantity`);
    requireFinite(fill.price, `fills[${index}].price`);
  });
  const fills = input.fills.filter((fill) => inWindow(fill.filledAtMs));
  let tradedNotional = 0;
  let freshFills = 0;
  const deviations: number[] = [];
  for (const fill of fills) {
    tradedNotional += Math.abs(fill.quantity * fill.price);
    if (fill.quoteAgeMs !== null && fill.quoteAgeMs <= measurement.maxQuoteAgeMs) freshFills++;
    if (fill.expectedPrice !== null && fill.expectedPrice > 0) deviations.push(Math.abs(fill.price / fill.expectedPrice - 1) * 10_000);
  }
  const windowDays = Math.max((endMs - startMs) / millisecondsPerDay, 1);

  // Orders.
  input.orders.forEach((order, index) => requireFinite(order.createdAtMs, `orders[${index}].createdAtMs`));
  let submitted = 0;
  let denied = 0;
  let riskDenied = 0;
  let orderErrors = 0;
  const latencies: number[] = [];
  for (const order of input.orders) {
    if (!inWindow(order.createdAtMs)) continue;
    if (order.state === 'denied') {
      denied++;
      if (order.denialCategory === 'risk') riskDenied++;
      continue;
    }
    if (order.state === 'new') continue;
    submitted++;
    if (order.state === 'rejected' || order.state === 'unresolved' || order.venueError) orderErrors++;
    if (order.decisionToOrderMs !== null && Number.isFinite(order.decisionToOrderMs)) latencies.push(order.decisionToOrderMs);
  }

  // Concentration in portfolio terms: |exposure| × the deployment's share of the portfolio, plus the rest of the book's
  // position in the same asset, per mark; episodes above the limit.
  let concentrationViolations: number | null = null;
  let maxConcentration: number | null = null;
  if (input.capitalAllocation !== null && marks.length > 0) {
    concentrationViolations = 0;
    maxConcentration = 0;
    let above = false;
    for (const mark of marks) {
      const concentration = Math.abs(mark.exposure) * input.capitalAllocation + sameAsset;
      if (concentration > maxConcentration) maxConcentration = concentration;
      const isAbove = concentration > measurement.concentrationLimit;
      if (isAbove && !above) concentrationViolations++;
      above = isAbove;
    }
  }

  // Incidents and data integrity. The incident that caused the stage entry (a demotion's or rollback's own incident,
  // `causedStageEntry`) was acted on by that move and is not evidence against the new stage: the stability window
  // restarts after it (promotion-framework §1 "no critical violations within window", §2 "demote"). Counting it would
  // refuse the demoted deployment forever (maxCriticalIncidents 0). Every other incident in the window counts.
  let criticalIncidents = 0;
  let warningIncidents = 0;
  input.incidents.forEach((incident, index) => {
    requireFinite(incident.occurredAtMs, `incidents[${index}].occurredAtMs`);
    if (!inWindow(incident.occurredAtMs) || incident.causedStageEntry === true) return;
    if (incident.severity === 'critical') criticalIncidents++;
    else warningIncidents++;
  });
  const byKind = Object.fromEntries(dataIntegrityKinds.map((kind) => [kind, 0])) as Record<DataIntegrityKind, number>;
  let dataIntegrityEvents = 0;
  input.dataIntegrityEvents.forEach((event, index) => {
    requireFinite(event.occurredAtMs, `dataIntegrityEvents[${index}].occurredAtMs`);
    if (!inWindow(event.occurredAtMs)) return;
    byKind[event.kind]++;
    dataIntegrityEvents++;
  });

  return {
    deploymentId: input.deploymentId,
    strategyId: input.strategyId,
    stage: input.stage,
    stageEnteredAtMs: input.stageEnteredAtMs,
    frozen: input.frozen,
    regulatoryHold: input.regulatoryHold,
    protectiveExitsMs: input.protectiveExitsMs ?? null,
    window: { startMs, endMs },
    activity: { evaluations, evaluationTicks: ticks, scheduledEvaluations, fills: fills.length, ordersSubmitted: submitted, ordersAttempted: submitted + denied, markedDays: daily.days.length },
    signalQuality: {
      coverage: scheduledEvaluations === 0 ? null : evaluations / scheduledEvaluations,
      signalKind: evaluations === 0 ? null : distinct.size <= measurement.discreteSignalMaxDistinctValues ? 'discrete' : 'scored',
      hitRate: finiteOrNull(hitRate.hitRate),
      directionalSignals: hitRate.directionalCount,
      meanInformationCoefficient: finiteOrNull(informationCoefficient.mean),
      negativeInformationCoefficientDayShare: finiteOrNull(informationCoefficient.negativeDayShare),
      informationCoefficientDays: informationCoefficient.dayCount,
      lift: finiteOrNull(calculateSignalLift(values, forwardReturns)),
      confidenceSignals,
      calibrationMonotonicBuckets: calibration === null ? null : finiteOrNull(calibration.monotonicBuckets),
    },
    performance: {
      windowReturn: marks.length < 2 || !(equity[0] > 0) ? null : finiteOrNull(equity[marks.length - 1] / equity[0] - 1),
      sharpe: finiteOrNull(calculateSharpeRatio(daily.returns, daysPerYear)),
      maxDrawdown: marks.length < 2 ? null : finiteOrNull(calculateMaxDrawdown(markReturns)),
      worstDailyReturn: finiteOrNull(worstDailyReturn),
      averageDailyTurnover: averageEquity > 0 ? tradedNotional / averageEquity / windowDays : null,
    },
    risk: { criticalIncidents, warningIncidents, concentrationViolations, maxConcentration },
    operational: {
      freshQuoteFillShare: fills.length === 0 ? null : freshFills / fills.length,
      missingFieldRate: ticks === 0 ? null : missingFields / ticks,
      evaluationErrorRate: ticks === 0 ? null : errors / ticks,
      orderErrorRate: submitted === 0 ? null : orderErrors / submitted,
      riskDenialRate: submitted + denied === 0 ? null : riskDenied / (submitted + denied),
      medianDecisionToOrderMs: median(latencies),
      medianFillDeviationBps: median(deviations),
      dataIntegrityEvents,
      dataIntegrityEventsByKind: byKind,
      longestDegradedMs: longestDegradedStretch(input.healthChanges, startMs, endMs),
    },
    scorecard: input.scorecard,
  };
}

/** Longest DEGRADED stretch within `[startMs, endMs]`; the last change at or before the start sets the initial health. */
function longestDegradedStretch(changes: PromotionEvidenceInput['healthChanges'], startMs: number, endMs: number): number {
  changes.forEach((change, index) => requireFinite(change.atMs, `healthChanges[${index}].atMs`));
  const ordered = [...changes].sort((a, b) => a.atMs - b.atMs);
  let degradedSince: number | null = null;
  let longest = 0;
  for (const change of ordered) {
    if (change.atMs > endMs) break;
    const at = Math.max(change.atMs, startMs);
    if (change.health === 'degraded') degradedSince ??= at;
    else if (degradedSince !== null) {
      longest = Math.max(longest, at - degradedSince);
      degradedSince = null;
    }
  }
  if (degradedSince !== null) longest = Math.max(longest, endMs - degradedSince);
  return longest;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return calculateSortedPercentile(Float64Array.from(values).sort(), 0.5);
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw new ValidationError(`${field}: must be a finite number (got ${value})`, field);
}
