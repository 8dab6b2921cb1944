import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { buildPromotionEvidence } from './build-promotion-evidence.ts';
import type { PromotionEvidenceInput } from './promotion-evidence.ts';
import { defaultPromotionPolicy } from './promotion-policy.ts';
import { makeSyntheticEvidenceInput } from './testing/synthetic-deployment-records.ts';

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.UTC(2026, 2, 1);
const measurement = defaultPromotionPolicy.measurement;

/** Two days of a SHADOW deployment on 6-hour bars, every field hand-computed in the assertions. */
function smallInput(): PromotionEvidenceInput {
  return {
    deploymentId: 'd1',
    strategyId: 's1',
    stage: 'shadow',
    stageEnteredAtMs: start,
    frozen: false,
    regulatoryHold: false,
    capitalAllocation: 0.5,
    evaluationIntervalMs: 6 * hour,
    window: { startMs: start, endMs: start + 2 * day },
    signals: [
      { decidedAtMs: start + 6 * hour, outcome: 'valid', value: 1, confidence: null, price: 100 },
      { decidedAtMs: start + 12 * hour, outcome: 'valid', value: 1, confidence: null, price: 102 },
      { decidedAtMs: start + 18 * hour, outcome: 'valid', value: 0, confidence: null, price: 101 },
      { decidedAtMs: start + 24 * hour, outcome: 'missing_fields', value: null, confidence: null, price: 103 },
      { decidedAtMs: start + 30 * hour, outcome: 'valid', value: -1, confidence: null, price: 104 },
      { decidedAtMs: start + 36 * hour, outcome: 'error', value: null, confidence: null, price: 103 },
      { decidedAtMs: start + 42 * hour, outcome: 'valid', value: 1, confidence: null, price: 103 },
      { decidedAtMs: start - hour, outcome: 'valid', value: 1, confidence: null, price: 99 }, // before the window: ignored
    ],
    orders: [
      { createdAtMs: start + 6 * hour, state: 'filled', denialCategory: null, venueError: false, decisionToOrderMs: 100 },
      { createdAtMs: start + 18 * hour, state: 'rejected', denialCategory: null, venueError: false, decisionToOrderMs: 300 },
      { createdAtMs: start + 30 * hour, state: 'filled', denialCategory: null, venueError: true, decisionToOrderMs: 200 },
      { createdAtMs: start + 31 * hour, state: 'denied', denialCategory: 'risk', venueError: false, decisionToOrderMs: null },
      { createdAtMs: start + 32 * hour, state: 'denied', denialCategory: 'safety', venueError: false, decisionToOrderMs: null },
      { createdAtMs: start + 33 * hour, state: 'new', denialCategory: null, venueError: false, decisionToOrderMs: null },
    ],
    fills: [
      { filledAtMs: start + 6 * hour, quantity: 10, price: 100.1, expectedPrice: 100, quoteAgeMs: 500 },
      { filledAtMs: start + 30 * hour, quantity: -20, price: 103.896, expectedPrice: 104, quoteAgeMs: 90_000 },
    ],
    pnlSnapshots: [
      { atMs: start + 6 * hour, equity: 1000, exposure: 0.2 },
      { atMs: start + 12 * hour, equity: 1100, exposure: 0.5 },
      { atMs: start + 23 * hour, equity: 990, exposure: 0.5 },
      { atMs: start + 30 * hour, equity: 1039.5, exposure: 0.1 },
      { atMs: start + 47 * hour, equity: 1000, exposure: 0.5 },
    ],
    incidents: [
      { occurredAtMs: start + hour, severity: 'warning', type: 'vix_guard' },
      { occurredAtMs: start + 3 * day, severity: 'critical', type: 'daily_loss_limit' }, // after the window
    ],
    dataIntegrityEvents: [
      { occurredAtMs: start + 2 * hour, kind: 'stale_feed' },
      { occurredAtMs: start + 3 * hour, kind: 'invalid_bar' },
      { occurredAtMs: start + 4 * hour, kind: 'invalid_bar' },
    ],
    healthChanges: [
      { atMs: start - hour, health: 'degraded' },
      { atMs: start + hour, health: 'healthy' },
      { atMs: start + 40 * hour, health: 'degraded' },
      { atMs: start + 45 * hour, health: 'healthy' },
    ],
    scorecard: null,
  };
}

describe('buildPromotionEvidence', () => {
  const evidence = buildPromotionEvidence(smallInput(), measurement);

  it('counts activity inside the window only', () => {
    expect(evidence.activity).toEqual({ evaluations: 5, evaluationTicks: 7, scheduledEvaluations: 8, fills: 2, ordersSubmitted: 3, ordersAttempted: 5, markedDays: 2 });
  });

  it('measures signal quality with the engine’s definitions', () => {
    // 5 valid of 8 scheduled (48 h of 6-hour bars). Forward returns (h = 1) of the ticks: 102/100−1, 101/102−1,
    // 103/101−1, 104/103−1, 103/104−1, 0, NaN; valid values 1, 1, 0, −, −1, −, 1.
    // Directional: (1, +) hit, (1, −) miss, (−1, −) hit; the last has no forward return → 2 / 3.
    expect(evidence.signalQuality).toMatchObject({ coverage: 5 / 8, signalKind: 'discrete', hitRate: 2 / 3, directionalSignals: 3, confidenceSignals: 0, calibrationMonotonicBuckets: null });
    // Lift: mean signed outcome of the 3 directional signals − mean outcome of the 4 valid signals with an outcome.
    const [f0, f1, f2, f4] = [102 / 100 - 1, 101 / 102 - 1, 103 / 101 - 1, 103 / 104 - 1];
    expect(evidence.signalQuality.lift).toBeCloseTo((f0 + f1 - f4) / 3 - (f0 + f1 + f2 + f4) / 4, 12);
  });

  it('measures performance from the P&L marks', () => {
    expect(evidence.performance.windowReturn).toBeCloseTo(0, 15);
    // day 1 closes at 990 (from 1000), day 2 at 1000: −1 %, +1.0101 %
    expect(evidence.performance.worstDailyReturn).toBeCloseTo(-0.01, 15);
    expect(evidence.performance.maxDrawdown).toBeCloseTo(990 / 1100 - 1, 12);
    // traded notional 10·100.1 + 20·103.896 = 3078.92 over average equity 1025.9 and 2 days
    expect(evidence.performance.averageDailyTurnover).toBeCloseTo(3078.92 / 1025.9 / 2, 12);
    expect(evidence.performance.sharpe).toBeCloseTo(((-0.01 + 1000 / 990 - 1) / 2 / Math.sqrt(((-0.01 - (1000 / 990 - 1)) ** 2) / 2)) * Math.sqrt(365), 10);
  });

  it('counts concentration episodes as |exposure| × allocation above the limit', () => {
    // concentrations 0.1, 0.25, 0.25, 0.05, 0.25 against 0.2 → two episodes
    expect(evidence.risk).toEqual({ criticalIncidents: 0, warningIncidents: 1, concentrationViolations: 2, maxConcentration: 0.25 });
  });

  it('measures concentration in portfolio terms: the deployment’s share of the book, plus the book’s position in the same asset', () => {
    // The same marks (exposures 0.2, 0.5, 0.5, 0.1, 0.5) at a 2 % share of the portfolio: at most 1 %, no episode.
    const small = buildPromotionEvidence({ ...smallInput(), capitalAllocation: 0.02 }, measurement);
    expect(small.risk).toMatchObject({ concentrationViolations: 0, maxConcentration: 0.01 });
    // The rest of the book already holds 19.5 % of the portfolio in that asset: the marks at 0.5 push it over 20 %.
    const crowded = buildPromotionEvidence({ ...smallInput(), capitalAllocation: 0.02, portfolioSameAssetConcentration: 0.195 }, measurement);
    expect(crowded.risk.concentrationViolations).toBe(2);
    expect(crowded.risk.maxConcentration).toBeCloseTo(0.205, 12);
    expect(() => buildPromotionEvidence({ ...smallInput(), portfolioSameAssetConcentration: -0.1 }, measurement)).toThrow(/portfolioSameAssetConcentration/);
  });

  it('measures operational stability', () => {
    expect(evidence.operational).toEqual({
      freshQuoteFillShare: 0.5,
      missingFieldRate: 1 / 7,
      evaluationErrorRate: 1 / 7,
      orderErrorRate: 2 / 3,
      riskDenialRate: 1 / 5,
      medianDecisionToOrderMs: 200,
      medianFillDeviationBps: expect.closeTo(10, 9),
      dataIntegrityEvents: 3,
      dataIntegrityEventsByKind: { stale_feed: 1, clock_skew: 0, out_of_order_bar: 0, invalid_bar: 2, feed_gap: 0 },
      longestDegradedMs: 5 * hour,
    });
  });

  it('reads the health before the window and a DEGRADED stretch open at the end', () => {
    const input = { ...smallInput(), healthChanges: [{ atMs: start - day, health: 'degraded' as const }, { atMs: start + 3 * hour, health: 'healthy' as const }, { atMs: start + 40 * hour, health: 'degraded' as const }] };
    expect(buildPromotionEvidence(input, measurement).operational.longestDegradedMs).toBe(8 * hour);
  });

  it('gives null (not measurable) where a stage has no data of a kind', () => {
    const observe = buildPromotionEvidence({ ...smallInput(), stage: 'observe', capitalAllocation: null, orders: [], fills: [], pnlSnapshots: [] }, measurement);
    expect(observe.performance).toEqual({ windowReturn: null, sharpe: null, maxDrawdown: null, worstDailyReturn: null, averageDailyTurnover: null });
    expect(observe.risk.concentrationViolations).toBeNull();
    expect(observe.operational).toMatchObject({ freshQuoteFillShare: null, orderErrorRate: null, riskDenialRate: null, medianDecisionToOrderMs: null, medianFillDeviationBps: null });
  });

  it('classifies a signal with more distinct values than the discrete limit as scored', () => {
    const input = makeSyntheticEvidenceInput(7, { days: 3 });
    expect(buildPromotionEvidence(input, measurement).signalQuality.signalKind).toBe('scored');
  });

  it.each([
    ['pnlSnapshots[1].equity', (input: PromotionEvidenceInput) => (input.pnlSnapshots = input.pnlSnapshots.map((mark, index) => (index === 1 ? { ...mark, equity: Number.NaN } : mark)))],
    ['signals[0].decidedAtMs', (input: PromotionEvidenceInput) => (input.signals = input.signals.map((signal, index) => (index === 0 ? { ...signal, decidedAtMs: Number.POSITIVE_INFINITY } : signal)))],
    ['fills[1].price', (input: PromotionEvidenceInput) => (input.fills = input.fills.map((fill, index) => (index === 1 ? { ...fill, price: Number.NaN } : fill)))],
    ['window.endMs', (input: PromotionEvidenceInput) => (input.window = { startMs: start, endMs: start - 1 })],
    ['evaluationIntervalMs', (input: PromotionEvidenceInput) => (input.evaluationIntervalMs = 0)],
    ['capitalAllocation', (input: PromotionEvidenceInput) => (input.capitalAllocation = 1.5)],
  ])('refuses a bad record, naming %s', (field, change) => {
    const input = smallInput();
    change(input);
    expect(() => buildPromotionEvidence(input, measurement)).toThrow(ValidationError);
    expect(() => buildPromotionEvidence(input, measurement)).toThrow(expect.objectContaining({ field }));
  });

  it('is deterministic for the same records', () => {
    const input = makeSyntheticEvidenceInput(3, { stage: 'paper', days: 5 });
    expect(buildPromotionEvidence(input, measurement)).toEqual(buildPromotionEvidence(makeSyntheticEvidenceInput(3, { stage: 'paper', days: 5 }), measurement));
  });
});
