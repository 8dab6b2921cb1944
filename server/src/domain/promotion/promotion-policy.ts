import type { Role } from '../auth/roles.ts';
import type { ExchangeVenue } from '../deployment/venues.ts';
import type { DeploymentEventKind, deploymentEventKinds } from '../deployment/deployment-event-kinds.ts';
import type { PromotionTransition } from './promotion-transitions.ts';

/**
 * The promotion policy (promotion-framework §1 and §3.A, DESIGN.md §2 "policies are versioned rows"): stability
 * windows, signal-quality, risk and operational thresholds per transition, the approval matrix, the portfolio limits
 * (live cap, template diversity, correlation), the candidate rule and the demotion triggers. Every threshold is a
 * number in the unit its TSDoc states; `null` means "this rule does not apply at this transition" — it must be
 * written out (a missing field is an invalid policy, and an invalid policy keeps everything at OBSERVE).
 *
 * Units used throughout: fractions (0.9 = 90 %), returns and drawdowns as signed fractions of equity (−0.02 = a
 * 2 % loss), durations in milliseconds or whole UTC days ("sessions": crypto trades 24/7), counts as integers.
 */

/**
 * Minimum time and activity at the current stage before its promotion can pass (promotion-framework §1 "Stability
 * window"). All counts are over the evidence window.
 */
export interface StabilityWindow {
  /** Whole UTC days (sessions) since the deployment entered its current stage. */
  minSessions: number;
  /** Valid signal evaluations; null = not required. */
  minEvaluations: number | null;
  /** Fills (simulated in SHADOW, paper in PAPER); null = not required. */
  minFills: number | null;
  /**
   * For low-turnover strategies: this many valid signal evaluations satisfy the fill minimum instead (§1.B "≥ 50
   * simulated fills (or ≥ 1,000 signals if low-turnover)"); null = no alternative.
   */
  minEvaluationsInsteadOfFills: number | null;
  /** Orders submitted to the venue (local pre-trade denials excluded); null = not required. */
  minOrders: number | null;
}

/** "Is the signal worth trading?" (promotion-framework §1, signal quality). Null = not checked at this transition. */
export interface SignalQualityThresholds {
  /** Share of scheduled evaluations that produced a valid signal, fraction 0–1 (§1.A coverage). */
  minCoverage: number | null;
  /** Directional hit rate, fraction 0–1 (§1.A). */
  minHitRate: number | null;
  /** Mean daily information coefficient (Spearman), −1…1; applies to scored signals (§1.A IC). */
  minMeanInformationCoefficient: number | null;
  /** Largest share of days with a negative IC, fraction 0–1; applies to scored signals (§1.A). */
  maxNegativeInformationCoefficientDayShare: number | null;
  /**
   * Lift over the hold baseline, fraction of price per forward horizon; the measured lift must EXCEED it (an
   * improvement); applies to discrete signals instead of the IC (§1.A "lift vs baseline").
   */
  minLift: number | null;
  /** Confidence buckets (of `measurement.calibrationBuckets`) that must pass monotonicity; applies when signals carry a confidence (§1.A calibration). */
  minCalibrationMonotonicBuckets: number | null;
  /** Equity return over the window, signed fraction (§1.B/C "window return ≥ 0 %"). */
  minWindowReturn: number | null;
  /** Annualized Sharpe ratio of the daily returns (√365), rf = 0 (§1.B "Sharpe (daily) ≥ 0.2"). */
  minSharpe: number | null;
  /** Average daily turnover: traded notional per day ÷ average equity, multiples of equity (§1.B "≤ 1.5×"). */
  maxAverageDailyTurnover: number | null;
}

/** "Does it stay within limits?" (promotion-framework §1, risk). */
export interface RiskThresholds {
  /** Daily loss limit: the worst UTC-day equity return must be at least this, signed fraction (−0.02 = −2 %); null = not checked. */
  minWorstDailyReturn: number | null;
  /** Drawdown limit: the maximum drawdown of the equity marks must be at least this, signed fraction (−0.03 = 3 %); null = not checked. */
  minMaxDrawdown: number | null;
  /** Allowed concentration episodes (see `measurement.concentrationLimit`); null = not checked. */
  maxConcentrationViolations: number | null;
  /** Critical incidents allowed in the window (the spec's "zero critical"): 0 by default. */
  maxCriticalIncidents: number;
  /** Warning incidents allowed in the window (§1.B "warning budget"); null = not checked. */
  maxWarningIncidents: number | null;
}

/** "Does it behave reliably?" (promotion-framework §1, operational stability). */
export interface OperationalThresholds {
  /** Share of fills whose quote age ≤ `measurement.maxQuoteAgeMs`, fraction 0–1 (§1.B quote freshness). */
  minFreshQuoteFillShare: number | null;
  /** Evaluations with missing/NaN input fields ÷ evaluations, fraction (§1.B). */
  maxMissingFieldRate: number | null;
  /** Evaluations that raised an error ÷ evaluations, fraction (§1.B strategy evaluation exceptions). */
  maxEvaluationErrorRate: number | null;
  /** Orders that failed at the venue (rejected, unresolved, API error) ÷ orders submitted, fraction (§1.B simulated fill failures, §1.C order API error rate). */
  maxOrderErrorRate: number | null;
  /** Orders denied by a risk check ÷ orders attempted (submitted + denied), fraction (§1.C risk denial rate). */
  maxRiskDenialRate: number | null;
  /** Median decision-to-order latency, ms (§1.C "within SLO"). */
  maxMedianDecisionToOrderMs: number | null;
  /** Median |fill price ÷ expected price − 1| of the fills, basis points (§1.C "paper fills consistent with expected fills"). */
  maxMedianFillDeviationBps: number | null;
  /** Data-integrity events allowed in the window (`dataIntegrityKinds`: stale feed, clock skew, out-of-order, invalid bars, gaps); null = not checked. */
  maxDataIntegrityEvents: number | null;
}

/** Everything a promotion out of one stage must show. */
export interface TransitionGates {
  stabilityWindow: StabilityWindow;
  signalQuality: SignalQualityThresholds;
  risk: RiskThresholds;
  operational: OperationalThresholds;
}

/** How evidence is measured (the definitions behind the numbers the gates compare). */
export interface EvidenceMeasurement {
  /** Forward-return horizon of hit rate, IC, lift and calibration, in evaluations (1 = the next bar). */
  forwardHorizonEvaluations: number;
  /** Evaluations a day needs for its IC to count. */
  informationCoefficientMinObservations: number;
  /** Confidence buckets of the calibration check (§1.A "4/5 confidence buckets"). */
  calibrationBuckets: number;
  /** A signal with at most this many distinct values is discrete (lift applies instead of the IC; §1.A). */
  discreteSignalMaxDistinctValues: number;
  /** A fill whose quote is older than this is stale, ms (§1.B "quote age ≤ configured max age"). */
  maxQuoteAgeMs: number;
  /** Position notional as a fraction of portfolio value above which a P&L mark is a concentration violation (§1.B "> 20 % position"). */
  concentrationLimit: number;
}

/** Scorecard conditions of every promotion (DESIGN.md §2 "incomplete scoring inputs ⇒ no deployment"). */
export interface ScorecardRequirements {
  /** The latest scorecard entry must be complete (no missing input). */
  requireComplete: boolean;
  /** The latest scorecard entry must meet the minimum production standard (not research-only). */
  requireProductionStandard: boolean;
  /** The latest scorecard entry may be at most this many days older than now. */
  maxAgeDays: number;
}

/**
 * One sign-off of a transition: a person holding one of `roles` approves as `key` (e.g. `riskApprover`). A step with
 * `afterOtherSteps` can only be given once every other step is approved (the final authorizer of §1.C).
 */
export interface ApprovalStep {
  key: string;
  roles: Role[];
  afterOtherSteps: boolean;
}

/**
 * The approvals a transition needs (promotion-framework §1 "human approval checkpoints", §3.A `approval_matrix`).
 * Always: no approver is the requester, and each step is given by a different person.
 */
export interface ApprovalRequirement {
  steps: ApprovalStep[];
  /** The platform approves by itself (§1.A "auto-approve for non-production tenants"); allowed only for OBSERVE → SHADOW. */
  autoApprove: boolean;
}

/** Portfolio-level limits on the LIVE set (orchestration FR-006, SC-006, SC-010; README decision "live cap"). */
export interface PortfolioLimits {
  /** Maximum concurrent LIVE deployments; a better candidate demotes the lowest-ranked (FR-006). */
  liveCap: number;
  /** Largest share of LIVE deployments one template may hold, fraction (SC-010: 30 %); a template's first live deployment is always allowed. */
  maxTemplateShare: number;
  /** Daily-return correlation with any LIVE strategy must stay below this, −1…1 (SC-006: 0.7). */
  maxPairwiseCorrelation: number;
  /** Trailing window of the correlation, UTC days. */
  correlationWindowDays: number;
  /** Fewer common days than this: the correlation is not measured and the promotion is refused (fail closed). */
  minCorrelationOverlapDays: number;
}

/** When a strategy becomes a promotion candidate (orchestration FR-005). */
export interface CandidateRule {
  /** Top share of the scorecard (by rank), fraction: rank ≤ max(1, ⌊topFraction × ranked strategies⌋). */
  topFraction: number;
  /** Consecutive evaluation dates (dates with a scorecard) in the top share, ending at the latest one. */
  consecutiveEvaluationDays: number;
  /** Each of those days' entries must also be complete and meet the minimum production standard. */
  requireProductionStandard: boolean;
  /**
   * Whether the platform starts a new candidate's OBSERVE deployment by itself (issue 12 "the platform opens its
   * promotion request into OBSERVE by itself"; OBSERVE places no order): null = it does not, production is notified to
   * start it. Versions stored before the field existed read null.
   */
  observeStart: CandidateObserveStart | null;
}

/**
 * How the platform starts a candidate's OBSERVE deployment: the strategy version of its qualifying scorecard entry, the
 * best configuration of that strategy in the entry's evaluation cycle (highest out-of-sample Sharpe), on the market of
 * the cycle's first dataset, with the runtime's default fill model and limits.
 */
export type CandidateObserveStart =
  /** A replay of that dataset (demos and tests on synthetic data); `asFastAsPossible`: a bar per bar job instead of the replay's default interval. */
  | { feed: 'replay'; asFastAsPossible: boolean }
  /** The exchange's public OHLCV of that dataset's symbol and timeframe, polled on `venue` (an exchange id). */
  | { feed: 'live'; venue: ExchangeVenue };

/**
 * Kinds of data-integrity event the policy counts (promotion-framework §2.C) — the runtime's `data_integrity` deployment
 * events (deployment-event-kinds.ts) except `feed_recovered`: `stale_feed` (stale market data), `clock_skew` (time
 * skew), `out_of_order_bar` (replay/out-of-order), `invalid_bar` (missing/NaN quote fields, schema drift),
 * `feed_gap`. An explicit list, so a kind the runtime adds later does not invalidate stored policies.
 */
export const dataIntegrityKinds = ['stale_feed', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap'] as const satisfies readonly DataIntegrityEventKind[];
export type DataIntegrityKind = (typeof dataIntegrityKinds)[number];

/** The runtime's deployment event kinds of category `data_integrity`. */
type DataIntegrityEventKind = { [Kind in DeploymentEventKind]: (typeof deploymentEventKinds)[Kind] extends 'data_integrity' ? Kind : never }[DeploymentEventKind];

/** Automatic demotion (promotion-framework §2): risk breaches → SHADOW, data integrity → OBSERVE + freeze. */
export interface DemotionTriggers {
  /** Evidence window of the triggers: the last this many days at the current stage. */
  lookbackDays: number;
  /** Daily loss breaker: a UTC-day return below this demotes to SHADOW, signed fraction (§2.A: −2 %). */
  minDailyReturn: number;
  /** Drawdown breaker: a high-water-mark drawdown below this demotes to SHADOW, signed fraction (§2.A: e.g. 5 %). */
  minDrawdown: number;
  /** More concentration episodes than this demote to SHADOW (§2.A "repeated concentration violations"). */
  maxConcentrationViolations: number;
  /** More warning incidents than this demote to SHADOW (§2.B warning counter). */
  maxWarningIncidents: number;
  /** Order error rate (PAPER/LIVE) above this demotes to SHADOW, fraction (§2.D broker instability)… */
  maxOrderErrorRate: number;
  /** …once at least this many orders were submitted. */
  minOrdersForErrorRate: number;
  /** Longest DEGRADED stretch while PAPER/LIVE above this demotes to SHADOW, ms (§2.D "execution agent not READY"). */
  maxDegradedMs: number;
  /** More events of a kind than its allowance demote to OBSERVE and freeze (§2.C). */
  maxDataIntegrityEvents: Record<DataIntegrityKind, number>;
}

/**
 * Re-entry cool-down (issue 15, added after version 2026.12.1; optional): after a protective exit — a rollback or a
 * demotion by monitoring or the demotion triggers, not a live-cap displacement — the deployment may not be promoted
 * again until the cool-down has passed. The governance simulation showed why: without it, a permissive policy cycled
 * its deployments PAPER → rollback → PAPER hundreds of times. Applies to every transition out of every stage.
 */
export interface ReentryCooldown {
  /** Whole UTC days after the deployment's latest protective exit (platform clock) before a promotion can pass. */
  days: number;
  /**
   * Escalation for repeat exits: the cool-down is `days × escalationFactor^(k − 1)` where k is the number of the
   * deployment's protective exits within the last `lookbackDays` (1 = no escalation).
   */
  escalationFactor: number;
  /** Window of the repeat count, whole UTC days. */
  lookbackDays: number;
  /** The strategy's latest scorecard must be dated after the exit (re-validated since; evaluation dates are UTC days). */
  requireScorecardAfterExit: boolean;
}

/** A versioned promotion policy. */
export interface PromotionPolicy {
  /** e.g. `2026.12.1`; copied into every request and record. A permissive demo policy says so in its version. */
  version: string;
  measurement: EvidenceMeasurement;
  scorecard: ScorecardRequirements;
  gates: Record<PromotionTransition, TransitionGates>;
  approvalMatrix: Record<PromotionTransition, ApprovalRequirement>;
  portfolio: PortfolioLimits;
  candidate: CandidateRule;
  demotion: DemotionTriggers;
  /**
   * Whole days a promotion request stays open for approvals after it is opened (its `expiresAt`); an approval after
   * that is refused and the expiry sweep closes it. 7 (our default); versions stored before the field existed read 7.
   */
  requestValidityDays: number;
  /** Re-entry cool-down after a rollback or demotion; absent or null = none (every version stored before it existed). */
  reentryCooldown?: ReentryCooldown | null;
}

/**
 * The default promotion policy, version `2026.12.1`: the thresholds of promotion-framework §1.A–C and §2, the caps of
 * orchestration FR-005/FR-006/SC-006/SC-010. Where the spec leaves a number to the tenant, the choice is marked
 * "(our default)". Strict on purpose: never loosen it to make a demo move — add a permissive version that says so.
 */
export const defaultPromotionPolicy: PromotionPolicy = {
  version: '2026.12.1',
  measurement: {
    forwardHorizonEvaluations: 1, // §1.A horizon H: the next bar (our default)
    informationCoefficientMinObservations: 5, // (our default)
    calibrationBuckets: 5, // §1.A "4/5 confidence buckets"
    discreteSignalMaxDistinctValues: 3, // §1.A BUY/SELL/HOLD
    maxQuoteAgeMs: 60_000, // §1.B "configured max age" (our default: one minute)
    concentrationLimit: 0.2, // §1.B "> 20 % position"
  },
  scorecard: { requireComplete: true, requireProductionStandard: true, maxAgeDays: 7 }, // DESIGN.md §2 fail closed; age (our default)
  gates: {
    // §1.A OBSERVE → SHADOW
    observeToShadow: {
      stabilityWindow: { minSessions: 5, minEvaluations: 500, minFills: null, minEvaluationsInsteadOfFills: null, minOrders: null },
      signalQuality: {
        minCoverage: 0.9,
        minHitRate: 0.52,
        minMeanInformationCoefficient: 0.02,
        maxNegativeInformationCoefficientDayShare: 0.6,
        minLift: 0,
        minCalibrationMonotonicBuckets: 4,
        minWindowReturn: null,
        minSharpe: null,
        maxAverageDailyTurnover: null,
      },
      // OBSERVE has no P&L: breaker events arrive as critical incidents.
      risk: { minWorstDailyReturn: null, minMaxDrawdown: null, maxConcentrationViolations: null, maxCriticalIncidents: 0, maxWarningIncidents: null },
      operational: {
        minFreshQuoteFillShare: null,
        maxMissingFieldRate: null,
        maxEvaluationErrorRate: null,
        maxOrderErrorRate: null,
        maxRiskDenialRate: null,
        maxMedianDecisionToOrderMs: null,
        maxMedianFillDeviationBps: null,
        maxDataIntegrityEvents: 2, // §1.A "repeated" staleness / parse errors (our default: more than 2)
      },
    },
    // §1.B SHADOW → PAPER
    shadowToPaper: {
      stabilityWindow: { minSessions: 10, minEvaluations: null, minFills: 50, minEvaluationsInsteadOfFills: 1000, minOrders: null },
      signalQuality: {
        minCoverage: null,
        minHitRate: null,
        minMeanInformationCoefficient: null,
        maxNegativeInformationCoefficientDayShare: null,
        minLift: null,
        minCalibrationMonotonicBuckets: null,
        minWindowReturn: 0,
        minSharpe: 0.2,
        maxAverageDailyTurnover: 1.5,
      },
      risk: { minWorstDailyReturn: -0.02, minMaxDrawdown: -0.03, maxConcentrationViolations: 2, maxCriticalIncidents: 0, maxWarningIncidents: 3 }, // allowance / warning budget (our defaults)
      operational: {
        minFreshQuoteFillShare: 0.99,
        maxMissingFieldRate: 0.005,
        maxEvaluationErrorRate: 0.001,
        maxOrderErrorRate: 0.001,
        maxRiskDenialRate: null,
        maxMedianDecisionToOrderMs: null,
        maxMedianFillDeviationBps: null,
        maxDataIntegrityEvents: 2,
      },
    },
    // §1.C PAPER → LIVE
    paperToLive: {
      stabilityWindow: { minSessions: 20, minEvaluations: null, minFills: null, minEvaluationsInsteadOfFills: null, minOrders: 100 },
      signalQuality: {
        minCoverage: null,
        minHitRate: null,
        minMeanInformationCoefficient: null,
        maxNegativeInformationCoefficientDayShare: null,
        minLift: null,
        minCalibrationMonotonicBuckets: null,
        minWindowReturn: 0,
        minSharpe: null,
        maxAverageDailyTurnover: null,
      },
      // "no single-day loss worse than −1 %" (stricter than the −2 % breaker), max drawdown ≤ 2 %, hard gates.
      risk: { minWorstDailyReturn: -0.01, minMaxDrawdown: -0.02, maxConcentrationViolations: 0, maxCriticalIncidents: 0, maxWarningIncidents: 3 },
      operational: {
        minFreshQuoteFillShare: 0.99,
        maxMissingFieldRate: 0.005,
        maxEvaluationErrorRate: 0.001,
        maxOrderErrorRate: 0.005,
        maxRiskDenialRate: 0.02,
        maxMedianDecisionToOrderMs: 5_000, // "within SLO (tenant-defined)" (our default)
        maxMedianFillDeviationBps: 25, // "no systematic pricing bugs" (our default)
        maxDataIntegrityEvents: 0, // "no data integrity incidents"
      },
    },
  },
  approvalMatrix: {
    // §1.A one Strategy Reviewer; §1.B Risk + Ops; §1.C Risk, Ops, then a Final Authorizer who is neither.
    observeToShadow: { steps: [{ key: 'strategyReviewer', roles: ['production'], afterOtherSteps: false }], autoApprove: false },
    shadowToPaper: {
      steps: [
        { key: 'riskApprover', roles: ['risk'], afterOtherSteps: false },
        { key: 'opsApprover', roles: ['production'], afterOtherSteps: false },
      ],
      autoApprove: false,
    },
    paperToLive: {
      steps: [
        { key: 'riskApprover', roles: ['risk'], afterOtherSteps: false },
        { key: 'opsApprover', roles: ['production'], afterOtherSteps: false },
        { key: 'finalAuthorizer', roles: ['production'], afterOtherSteps: true },
      ],
      autoApprove: false,
    },
  },
  // FR-006 (README decision: default 35), SC-010 30 %, SC-006 0.7; window and overlap (our defaults).
  portfolio: { liveCap: 35, maxTemplateShare: 0.3, maxPairwiseCorrelation: 0.7, correlationWindowDays: 90, minCorrelationOverlapDays: 30 },
  // FR-005; the OBSERVE deployment is started by production (our default: the venue of a live feed is an operator's choice).
  candidate: { topFraction: 0.1, consecutiveEvaluationDays: 30, requireProductionStandard: true, observeStart: null },
  demotion: {
    lookbackDays: 30, // (our default)
    minDailyReturn: -0.02, // §2.A daily loss breaker
    minDrawdown: -0.05, // §2.A "HWM drawdown > 5 %"
    maxConcentrationViolations: 2, // §2.A "repeated" (our default)
    maxWarningIncidents: 3, // §2.B (our default)
    maxOrderErrorRate: 0.05, // §2.D "elevated 5xx, timeouts" (our default)
    minOrdersForErrorRate: 20,
    maxDegradedMs: 15 * 60_000, // §2.D "not READY" (our default: 15 minutes)
    // §2.C: stale data and clock skew at once; invalid bars (missing fields, schema drift), out-of-order bars and gaps
    // when repeated (our default: more than 2).
    maxDataIntegrityEvents: { stale_feed: 0, clock_skew: 0, out_of_order_bar: 2, invalid_bar: 2, feed_gap: 2 },
  },
  requestValidityDays: 7, // (our default)
};
