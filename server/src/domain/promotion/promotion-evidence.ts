import type { DeploymentHealth } from '../deployment/deployment-health.lifecycle.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import type { OrderState } from '../deployment/order-state.lifecycle.ts';
import type { DataIntegrityKind } from './promotion-policy.ts';

/**
 * What a promotion decision reads: plain records of one deployment (the runtime's rows, or a simulation's in-memory
 * state, mapped to these shapes) and the measured evidence built from them (`buildPromotionEvidence`). Times are ms
 * since the epoch; prices in the quote currency; equity in the account currency.
 */

/** One evaluation tick: a closed bar the deployment was due to evaluate. */
export interface SignalRecord {
  /** Close time of the bar the signal was decided at. */
  decidedAtMs: number;
  /** `valid`: a signal was produced; `missing_fields`: missing/NaN input fields; `error`: the evaluation raised. */
  outcome: 'valid' | 'missing_fields' | 'error';
  /** The signal: target position as a fraction of equity (−1…1) or a score; null unless `valid`. */
  value: number | null;
  /** The strategy's confidence in it, 0–1; null when the strategy reports none. */
  confidence: number | null;
  /** Market price at the decision (the bar close); null when unknown. Forward returns are measured from it. */
  price: number | null;
}

/** One order (or a local pre-trade refusal). */
export interface OrderRecord {
  createdAtMs: number;
  /** The runtime's order state (`denied` = refused locally by a pre-trade check, never sent). */
  state: OrderState;
  /** For `denied`: `risk` (max notional, capital allocation, position fraction, balance) or `safety` (kill switch, trading state, freshness); null otherwise. */
  denialCategory: 'risk' | 'safety' | null;
  /** A venue call for this order failed (5xx, timeout, network error). */
  venueError: boolean;
  /** Decision (bar close) to submission, ms; null when never submitted. */
  decisionToOrderMs: number | null;
}

/** One fill (simulated, paper or live). */
export interface FillRecord {
  filledAtMs: number;
  /** Filled quantity, base units (sign ignored). */
  quantity: number;
  /** Fill price. */
  price: number;
  /** The price expected for it (the fill model's reference, e.g. the next open); null when unknown. */
  expectedPrice: number | null;
  /** Age of the quote it was priced on at fill time, ms; null when unknown (counts as stale). */
  quoteAgeMs: number | null;
}

/** One P&L mark of the deployment. */
export interface PnlSnapshotRecord {
  atMs: number;
  /** Deployment equity (cash + positions at mark). */
  equity: number;
  /** Position notional ÷ deployment equity, signed fraction (1 = fully invested long). */
  exposure: number;
}

/**
 * A monitoring incident or risk-layer event attributed to the deployment (critical breaker, kill switch event,
 * unauthorized execution attempt, VIX-guard warning…).
 */
export interface IncidentRecord {
  /** When it was opened (detected), ms. */
  occurredAtMs: number;
  /**
   * True for the incident whose action moved the deployment into its current stage (a demotion's or rollback's own
   * incident): the reason for the new stage, not evidence against it — never counted. The runtime reads only incidents
   * detected after the stage entry, so it never has one; the simulation marks it.
   */
  causedStageEntry?: boolean;
  severity: 'warning' | 'critical';
  /** e.g. `drawdown`, `risk_threshold`, `daily_loss_limit`, `unauthorized_execution`. */
  type: string;
}

/** A data-integrity event recorded by the runtime (promotion-framework §2.C). */
export interface DataIntegrityEventRecord {
  occurredAtMs: number;
  kind: DataIntegrityKind;
}

/** A change of the deployment's health (`degraded` = stale/skewed feed, connector unavailable, reconciliation pending). */
export interface HealthChangeRecord {
  atMs: number;
  health: DeploymentHealth;
}

/** The strategy's latest scorecard entry. */
export interface ScorecardEvidence {
  /** Evaluation date, `YYYY-MM-DD` (UTC). */
  evaluationDate: string;
  /** Competition rank within the date (1 = best); null when unranked. */
  rank: number | null;
  /** Entries ranked on that date. */
  rankCount: number;
  /** Unified score, 0–100. */
  normalizedScore: number;
  /** No required scoring input was missing. */
  complete: boolean;
  /** Below the minimum production standard (or incomplete). */
  researchOnly: boolean;
  scoringPolicyVersion: string;
}

/** The record lists of a {@link PromotionEvidenceInput} (what a deployment's history holds besides its state). */
export const evidenceRecordKinds = ['signals', 'orders', 'fills', 'pnlSnapshots', 'incidents', 'dataIntegrityEvents', 'healthChanges'] as const;
export type EvidenceRecordKind = (typeof evidenceRecordKinds)[number];

/** Inputs of `buildPromotionEvidence`: one deployment's state and records. Records outside the window are ignored. */
export interface PromotionEvidenceInput {
  deploymentId: string;
  strategyId: string;
  stage: DeploymentStage;
  /** When the deployment entered its current stage. */
  stageEnteredAtMs: number;
  /** Promotions frozen (data integrity, critical breaker) until a person unfreezes. */
  frozen: boolean;
  /** A compliance hold freezes every automated action. */
  regulatoryHold: boolean;
  /**
   * The deployment's share of the portfolio its concentration is measured against, fraction: the allocation it holds
   * in its stage's book (PAPER, LIVE), or the one it would hold in the next book (SHADOW → PAPER: its recommended
   * allocation) — never its own equity as if it were the whole portfolio; null when it has none (OBSERVE).
   */
  capitalAllocation: number | null;
  /**
   * The rest of that book's position in the same asset, fraction of portfolio (Σ |exposure| × allocation of the other
   * deployments on the symbol at their latest mark); added to each mark's own. 0 when none (or omitted).
   */
  portfolioSameAssetConcentration?: number;
  /** Bar period the deployment evaluates on, ms (1h = 3 600 000): scheduled evaluations = ⌊window length ÷ period⌋. */
  evaluationIntervalMs: number;
  /** Evidence window `[startMs, endMs]`, usually from the stage entry to now. */
  window: { startMs: number; endMs: number };
  signals: readonly SignalRecord[];
  orders: readonly OrderRecord[];
  fills: readonly FillRecord[];
  pnlSnapshots: readonly PnlSnapshotRecord[];
  incidents: readonly IncidentRecord[];
  dataIntegrityEvents: readonly DataIntegrityEventRecord[];
  /** Health changes; one before the window (if any) sets the health at its start, else healthy. */
  healthChanges: readonly HealthChangeRecord[];
  scorecard: ScorecardEvidence | null;
  /**
   * When the deployment left a stage by a protective exit (a rollback, or a demotion by monitoring or the demotion
   * triggers — not a live-cap displacement), ms on the platform clock, any order. Read by the re-entry cool-down
   * (`PromotionPolicy.reentryCooldown`); omitted = not read, and a policy with a cool-down then refuses (fail closed).
   */
  protectiveExitsMs?: readonly number[];
}

/**
 * Measured evidence of one deployment over a window. Every measurement is `null` when it cannot be measured (no data
 * of that kind in the window); a gate that needs it then refuses (fail closed).
 */
export interface PromotionEvidence {
  deploymentId: string;
  strategyId: string;
  stage: DeploymentStage;
  stageEnteredAtMs: number;
  frozen: boolean;
  regulatoryHold: boolean;
  /** The deployment's protective exits, ms on the platform clock (`PromotionEvidenceInput.protectiveExitsMs`); null = not read. */
  protectiveExitsMs: readonly number[] | null;
  window: { startMs: number; endMs: number };
  activity: {
    /** Valid signal evaluations. */
    evaluations: number;
    /** Evaluation ticks recorded (valid, missing fields or error). */
    evaluationTicks: number;
    /** Evaluations the schedule called for: max(⌊window ÷ evaluation period⌋, ticks recorded). */
    scheduledEvaluations: number;
    fills: number;
    /** Orders that reached the venue (not `new`, not `denied`). */
    ordersSubmitted: number;
    /** Submitted plus locally denied orders. */
    ordersAttempted: number;
    /** UTC days with at least one P&L mark. */
    markedDays: number;
  };
  signalQuality: {
    /** Valid evaluations ÷ scheduled evaluations, fraction. */
    coverage: number | null;
    /** `discrete` when the valid signals take at most `measurement.discreteSignalMaxDistinctValues` values, else `scored`; null without valid signals. */
    signalKind: 'scored' | 'discrete' | null;
    /** Directional hit rate, fraction (engine `calculateDirectionalHitRate`). */
    hitRate: number | null;
    /** Signals the hit rate rests on. */
    directionalSignals: number;
    /** Mean daily Spearman IC, −1…1 (engine `calculateDailyInformationCoefficient`). */
    meanInformationCoefficient: number | null;
    /** Share of IC days below zero, fraction. */
    negativeInformationCoefficientDayShare: number | null;
    informationCoefficientDays: number;
    /** Lift over the hold baseline, fraction of price per horizon (engine `calculateSignalLift`). */
    lift: number | null;
    /** Valid signals that carry a confidence (calibration applies only when > 0). */
    confidenceSignals: number;
    /** Confidence buckets passing monotonicity (engine `calculateCalibrationMonotonicity`); null without confidences or with fewer directional ones than buckets. */
    calibrationMonotonicBuckets: number | null;
  };
  performance: {
    /** Last mark ÷ first mark − 1, signed fraction. */
    windowReturn: number | null;
    /** Annualized Sharpe of the daily returns (√365, rf = 0); null when undefined (fewer than 2 days, zero volatility). */
    sharpe: number | null;
    /** Max drawdown of the marks from the first mark, signed fraction ≤ 0. */
    maxDrawdown: number | null;
    /** Worst UTC-day return, signed fraction. */
    worstDailyReturn: number | null;
    /** Traded notional ÷ average equity ÷ window days, multiples of equity per day. */
    averageDailyTurnover: number | null;
  };
  risk: {
    /** Critical incidents inside the window, except the one that caused the stage entry (`IncidentRecord.causedStageEntry`). */
    criticalIncidents: number;
    /** Warning incidents, counted as the critical ones. */
    warningIncidents: number;
    /** Episodes (runs of consecutive marks) with |exposure| × allocation + the book's same-asset position above `measurement.concentrationLimit`; null without allocation or marks. */
    concentrationViolations: number | null;
    /** Largest |exposure| × allocation + the book's same-asset position, fraction of portfolio. */
    maxConcentration: number | null;
  };
  operational: {
    /** Fills with a quote age ≤ `measurement.maxQuoteAgeMs` ÷ fills, fraction. */
    freshQuoteFillShare: number | null;
    /** Ticks with missing fields ÷ ticks, fraction. */
    missingFieldRate: number | null;
    /** Ticks that raised ÷ ticks, fraction. */
    evaluationErrorRate: number | null;
    /** Submitted orders `rejected`, `unresolved` or with a venue error ÷ submitted, fraction. */
    orderErrorRate: number | null;
    /** Orders `denied` by a risk check ÷ attempted, fraction. */
    riskDenialRate: number | null;
    medianDecisionToOrderMs: number | null;
    /** Median |fill ÷ expected − 1| in basis points. */
    medianFillDeviationBps: number | null;
    dataIntegrityEvents: number;
    dataIntegrityEventsByKind: Record<DataIntegrityKind, number>;
    /** Longest stretch in `degraded` health within the window, ms. */
    longestDegradedMs: number;
  };
  scorecard: ScorecardEvidence | null;
}
