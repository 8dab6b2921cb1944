import type { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import { DeploymentFill } from '../../domain/deployment/deployment-fill.entity.ts';
import { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import { DeploymentSignal } from '../../domain/deployment/deployment-signal.entity.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { PnlSnapshot } from '../../domain/deployment/pnl-snapshot.entity.ts';
import type { PretradeRule } from '../../domain/deployment/pretrade-rules.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { PromotionEvidenceInput, ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { dataIntegrityKinds, type DataIntegrityKind } from '../../domain/promotion/promotion-policy.ts';

/** Pre-trade refusals that are risk denials (§1.C "risk denial rate"); the others (kill switch, trading state, freshness) are safety stops. */
const riskDenialRules: ReadonlySet<PretradeRule> = new Set(['max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance', 'invalid_order']);

/** Where a deployment's evidence window starts and what "now" is on its clock. */
export interface EvidenceClock {
  /** When the deployment entered its current stage on its own clock (market time for a replay, wall time live), ms. */
  stageEnteredAtMs: number;
  /** Now on the deployment's clock: a replay's last accepted bar close, the wall clock live, ms. */
  nowMs: number;
  /** `market` for a replay (its bars' time), `wall` for a live feed. */
  kind: 'market' | 'wall';
}

/**
 * How a deployment entered its current stage: `record` — a promotion record's effective time (promotion, demotion,
 * freeze); the stage change ran in one transaction with the deployment row locked, so a signal or event stamped at
 * that very instant belongs to the stage it left and only strictly later ones count; `start` — its first bar job, which
 * stamps `activationStartedAt` and computes its first signals at the same instant: those count.
 */
export type StageEntry = 'record' | 'start';

/**
 * Reads one deployment's evidence records (its strategy populated: the regulatory hold is read from it) from the runtime's rows (read-only) into `PromotionEvidenceInput`, for the
 * pure `buildPromotionEvidence` / `evaluatePromotionGates`. Only records since the deployment entered its current
 * stage count:
 * - the stage entry is `stageEnteredAt` (wall time: its last promotion record's effective time, else its start); signals
 *   and data-integrity events count from it — strictly after it when it is a record's time (see {@link StageEntry}); on
 *   a replay it is translated to market time as the first signal counted (a replay's "time at stage" is its bars' time,
 *   DESIGN.md §3 "time from an injected clock");
 * - signals: each bar's target (value) and close (price), decided at the bar's close; the runtime reports no confidence;
 * - orders: decided at the bar's close; DENIED ones by their rule (risk or safety); submitted ones carry the simulated
 *   latency as decision-to-order time; fills carry the order's reference price as expected price and fill time − bar
 *   open as quote age;
 * - P&L marks at each bar's close, their exposure measured against the deployment's share of the portfolio and the
 *   book's same-asset position (`context.concentration`, from `concentrationBasis`); monitoring incidents of the
 *   deployment or its strategy detected strictly after the stage entry (the incident of the demotion that made the
 *   entry is detected at it and is not evidence against the new stage; by detection time, wall clock, counted whole for
 *   a replay); data-integrity events by kind.
 * Health history is not recorded by the runtime (only the current health): `healthChanges` is empty, which the gates
 * do not read (only the demotion triggers do).
 */
export async function loadDeploymentEvidence(
  em: EntityManager,
  deployment: Deployment,
  context: {
    stageEnteredAt: Date;
    /** How the stage was entered (`stageFacts`): after a `record`, only records stamped strictly after `stageEnteredAt` count. */
    stageEntry: StageEntry;
    wallNowMs: number;
    frozen: boolean;
    scorecard: ScorecardEvidence | null;
    /** The concentration check's basis in portfolio terms (`concentrationBasis`). */
    concentration: { capitalAllocation: number | null; portfolioSameAssetConcentration: number };
    /** The deployment's protective exits on the platform clock, ms (`stageFacts`; the re-entry cool-down's evidence). */
    protectiveExitsMs: readonly number[];
  },
): Promise<{ input: PromotionEvidenceInput; clock: EvidenceClock }> {
  const barMs = deployment.timeframe === 'tick' ? 1_000 : timeframeMilliseconds[deployment.timeframe];
  const replay = deployment.feedKind === 'replay';
  const sinceEntry = context.stageEntry === 'record' ? { $gt: context.stageEnteredAt } : { $gte: context.stageEnteredAt };
  const signals = await em.find(DeploymentSignal, { deployment: deployment.id, computedAt: sinceEntry }, { orderBy: { barAt: 'asc' } });
  const firstBarMs = signals[0]?.barAt.getTime() ?? null;
  const lastCloseMs = signals.length > 0 ? signals[signals.length - 1].barAt.getTime() + barMs : null;
  const clock: EvidenceClock = replay
    ? { stageEnteredAtMs: firstBarMs ?? 0, nowMs: lastCloseMs ?? 0, kind: 'market' }
    : { stageEnteredAtMs: context.stageEnteredAt.getTime(), nowMs: context.wallNowMs, kind: 'wall' };
  const fromBar = new Date(replay ? (firstBarMs ?? 0) : context.stageEnteredAt.getTime() - barMs);
  const [orders, fills, marks, events, incidents] = await Promise.all([
    em.find(DeploymentOrder, { deployment: deployment.id, decisionBarAt: { $gte: fromBar } }, { orderBy: { decisionBarAt: 'asc' } }),
    em.find(DeploymentFill, { deployment: deployment.id, barAt: { $gte: fromBar } }, { populate: ['order'], orderBy: { filledAt: 'asc' } }),
    em.find(PnlSnapshot, { deployment: deployment.id, barAt: { $gte: fromBar } }, { orderBy: { barAt: 'asc' } }),
    em.find(DeploymentEvent, { deployment: deployment.id, category: 'data_integrity', occurredAt: sinceEntry }),
    // Opened after the stage entry: a demotion's own incident is detected at the entry (its record's effective time).
    em.find(MonitoringIncident, { $or: [{ deployment: deployment.id }, { strategy: deployment.strategy.id }], detectedAt: { $gt: context.stageEnteredAt } }),
  ]);
  const window = { startMs: clock.stageEnteredAtMs, endMs: Math.max(clock.nowMs, clock.stageEnteredAtMs) };
  // A replay's incidents and events are dated on the wall clock: they count inside its market-time window.
  const inWindowTime = (wallMs: number) => (replay ? window.endMs : wallMs);
  const input: PromotionEvidenceInput = {
    deploymentId: deployment.id,
    strategyId: deployment.strategy.id,
    stage: deployment.stage,
    stageEnteredAtMs: clock.stageEnteredAtMs,
    frozen: context.frozen,
    regulatoryHold: deployment.strategy.regulatoryHoldAt != null,
    capitalAllocation: context.concentration.capitalAllocation,
    portfolioSameAssetConcentration: context.concentration.portfolioSameAssetConcentration,
    evaluationIntervalMs: barMs,
    window,
    signals: signals.map((signal) => ({ decidedAtMs: signal.barAt.getTime() + barMs, outcome: 'valid', value: signal.target, confidence: null, price: signal.close })),
    orders: orders.map((order) => ({
      createdAtMs: order.decisionBarAt.getTime() + barMs,
      state: order.state,
      denialCategory: order.state === 'denied' ? (order.refusalRule && riskDenialRules.has(order.refusalRule) ? 'risk' : 'safety') : null,
      venueError: false,
      decisionToOrderMs: order.state === 'denied' ? null : deployment.latencyMs,
    })),
    fills: fills.map((fill) => ({ filledAtMs: fill.filledAt.getTime(), quantity: fill.quantity, price: fill.price, expectedPrice: fill.order.referencePrice, quoteAgeMs: Math.max(fill.filledAt.getTime() - fill.barAt.getTime(), 0) })),
    pnlSnapshots: marks.map((mark) => ({ atMs: mark.barAt.getTime() + barMs, equity: mark.equity, exposure: mark.exposure })),
    incidents: incidents.map((incident) => ({ occurredAtMs: inWindowTime(incident.detectedAt.getTime()), severity: incident.severity, type: incident.incidentType })),
    dataIntegrityEvents: events
      .filter((event): event is DeploymentEvent & { kind: DataIntegrityKind } => (dataIntegrityKinds as readonly string[]).includes(event.kind))
      .map((event) => ({ occurredAtMs: replay ? (event.barAt ? event.barAt.getTime() + barMs : window.endMs) : event.occurredAt.getTime(), kind: event.kind })),
    healthChanges: [],
    scorecard: context.scorecard,
    protectiveExitsMs: context.protectiveExitsMs,
  };
  return { input, clock };
}
