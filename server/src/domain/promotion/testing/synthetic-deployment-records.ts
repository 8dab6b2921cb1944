import { makeMulberry32, makeStandardNormalSampler, millisecondsPerDay } from '../../../engine/index.ts';
import type { DeploymentStage } from '../../deployment/deployment-stage.lifecycle.ts';
import type { FillRecord, OrderRecord, PnlSnapshotRecord, PromotionEvidenceInput, SignalRecord } from '../promotion-evidence.ts';

/** Shape of a synthetic deployment (every field optional). */
export interface SyntheticDeploymentShape {
  stage?: DeploymentStage;
  /** Stage entry = window start, ms (default 2026-01-01T00:00Z). */
  startMs?: number;
  /** Days of records (default 30). */
  days?: number;
  /** Hourly bars by default. */
  barsPerDay?: number;
  /** Per-bar σ of the price's simple returns (default 0.01). */
  volatility?: number;
  /** Planted edge: P(signal sign = next return sign) = 0.5 + edge × confidence² (default 0.45; 0 = no edge). */
  edge?: number;
  /** Position held, fraction of deployment equity, long or short by the signal's sign (default 0.05). */
  exposure?: number;
  /** Capital allocation, fraction of portfolio (default 0.03). */
  capitalAllocation?: number;
  /** Whether the signals carry a confidence (default true). */
  withConfidence?: boolean;
}

/**
 * SYNTHETIC, seeded records of one deployment with a planted edge (issue 12 "real data is honest": the ladder is
 * exercised on labelled synthetic data, never by loosening a default). Each bar: a score in [−1, 1] whose sign
 * predicts the next bar's return with probability `0.5 + edge × score²` (so confidence = |score| is calibrated), a
 * position of `exposure × sign(score)`, an order and a fill at each sign change (fee 10 bps, fill 5 bps off the
 * expected price, quote 1 s old, 200 ms decision-to-order), a P&L mark per bar, and a complete, top-ranked scorecard
 * entry. Same seed and shape → the same records.
 */
export function makeSyntheticEvidenceInput(seed: number, shape: SyntheticDeploymentShape = {}): PromotionEvidenceInput {
  const stage = shape.stage ?? 'observe';
  const startMs = shape.startMs ?? Date.UTC(2026, 0, 1);
  const days = shape.days ?? 30;
  const barsPerDay = shape.barsPerDay ?? 24;
  const volatility = shape.volatility ?? 0.01;
  const edge = shape.edge ?? 0.45;
  const exposure = shape.exposure ?? 0.05;
  const withConfidence = shape.withConfidence ?? true;
  const intervalMs = millisecondsPerDay / barsPerDay;
  const bars = days * barsPerDay;
  const uniform = makeMulberry32(seed);
  const normal = makeStandardNormalSampler(uniform);

  const returns = Array.from({ length: bars + 1 }, () => normal() * volatility);
  const signals: SignalRecord[] = [];
  const orders: OrderRecord[] = [];
  const fills: FillRecord[] = [];
  const pnlSnapshots: PnlSnapshotRecord[] = [];
  let price = 100;
  let equity = 10_000;
  let position = 0;
  for (let bar = 0; bar < bars; bar++) {
    const decidedAtMs = startMs + (bar + 1) * intervalMs - 1;
    const magnitude = 0.2 + 0.8 * uniform();
    const nextReturn = returns[bar + 1];
    const correct = uniform() < 0.5 + edge * magnitude * magnitude;
    const direction = (nextReturn >= 0) === correct ? 1 : -1;
    const score = direction * magnitude;
    signals.push({ decidedAtMs, outcome: 'valid', value: score, confidence: withConfidence ? magnitude : null, price });
    const target = exposure * direction;
    if (stage !== 'observe' && target !== position) {
      const quantity = (Math.abs(target - position) * equity) / price;
      const fillPrice = price * (1 + (target > position ? 5 : -5) / 10_000);
      equity -= quantity * fillPrice * 0.001;
      orders.push({ createdAtMs: decidedAtMs + 200, state: 'filled', denialCategory: null, venueError: false, decisionToOrderMs: 200 });
      fills.push({ filledAtMs: decidedAtMs + 250, quantity, price: fillPrice, expectedPrice: price, quoteAgeMs: 1_000 });
      position = target;
    }
    price *= 1 + nextReturn;
    if (stage !== 'observe') {
      equity *= 1 + position * nextReturn;
      pnlSnapshots.push({ atMs: decidedAtMs + intervalMs, equity, exposure: position });
    }
  }
  const endMs = startMs + days * millisecondsPerDay;
  const endDate = new Date(endMs - 1).toISOString().slice(0, 10);
  return {
    deploymentId: `synthetic-deployment-${seed}`,
    strategyId: `synthetic-strategy-${seed}`,
    stage,
    stageEnteredAtMs: startMs,
    frozen: false,
    regulatoryHold: false,
    capitalAllocation: stage === 'observe' ? null : (shape.capitalAllocation ?? 0.03),
    evaluationIntervalMs: intervalMs,
    window: { startMs, endMs },
    signals,
    orders,
    fills,
    pnlSnapshots,
    incidents: [],
    dataIntegrityEvents: [],
    healthChanges: [],
    scorecard: { evaluationDate: endDate, rank: 1, rankCount: 80, normalizedScore: 82, complete: true, researchOnly: false, scoringPolicyVersion: '2026.11.1' },
  };
}

/**
 * {@link makeSyntheticEvidenceInput} with every record list populated, for tests that must see each list's effect:
 * denied, rejected and venue-error orders, a stale fill, critical and warning incidents (one that caused the stage
 * entry), data-integrity events of two kinds and a DEGRADED stretch, all inside the window.
 */
export function makeSyntheticEvidenceInputWithEveryRecord(seed: number, shape: SyntheticDeploymentShape = {}): PromotionEvidenceInput {
  const input = makeSyntheticEvidenceInput(seed, shape);
  const { startMs } = input.window;
  const at = (hours: number) => startMs + hours * 3_600_000;
  return {
    ...input,
    signals: [...input.signals.slice(0, 5).map((signal) => ({ ...signal, outcome: 'missing_fields' as const, value: null })), ...input.signals.slice(5, 7).map((signal) => ({ ...signal, outcome: 'error' as const, value: null })), ...input.signals.slice(7)],
    orders: [
      ...input.orders,
      { createdAtMs: at(3), state: 'denied', denialCategory: 'risk', venueError: false, decisionToOrderMs: null },
      { createdAtMs: at(4), state: 'rejected', denialCategory: null, venueError: true, decisionToOrderMs: 9_000 },
    ],
    fills: [...input.fills, { filledAtMs: at(5), quantity: 1, price: 101, expectedPrice: 100, quoteAgeMs: 120_000 }],
    incidents: [
      { occurredAtMs: at(1), severity: 'critical', type: 'dailyLoss', causedStageEntry: true },
      { occurredAtMs: at(6), severity: 'critical', type: 'drawdown' },
      { occurredAtMs: at(7), severity: 'warning', type: 'valueAtRisk' },
      { occurredAtMs: at(8), severity: 'warning', type: 'drift' },
    ],
    dataIntegrityEvents: [
      { occurredAtMs: at(9), kind: 'stale_feed' },
      { occurredAtMs: at(10), kind: 'feed_gap' },
    ],
    healthChanges: [
      { atMs: at(11), health: 'degraded' },
      { atMs: at(13), health: 'healthy' },
    ],
  };
}
