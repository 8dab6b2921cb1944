import type { DeploymentStage } from '../../deployment/deployment-stage.lifecycle.ts';

/**
 * What an automatic monitoring action does, most severe first (lifecycle-spec FR-026/FR-029/FR-030,
 * promotion-framework §2 and §5, issue 13 "Actions"):
 * - `observe_freeze`: move to OBSERVE and freeze promotions (data integrity, §5);
 * - `rollback`: leave LIVE/PAPER for a safer stage, cancel orders, flatten, reallocate capital, re-validate;
 * - `deactivate`: stop the deployment, its capital back to the reserve;
 * - `demote`: one move down the ladder (e.g. daily loss limit → SHADOW, §2.A);
 * - `pause`: the runner stops processing the deployment's bars (activation ACTIVE → PAUSED, as the desk's pause);
 *   nothing is cancelled, the position is held; a person resumes it. No default rule pauses; a policy may;
 * - `throttle`: multiply position sizes by `positionSizeFactor` and alert;
 * - `drift_alert`: live diverges from the backtest's expectation, re-backtest;
 * - `redundancy_flag`: two live strategies move together, suggest deactivating the lower-ranked;
 * - `re_rank`: the volatility regime band changed, re-rank the affected strategies;
 * - `warning`: a warning incident, nothing else.
 */
export const monitoringActionKinds = ['observe_freeze', 'rollback', 'deactivate', 'demote', 'pause', 'throttle', 'drift_alert', 'redundancy_flag', 're_rank', 'warning'] as const;
export type MonitoringActionKind = (typeof monitoringActionKinds)[number];

/** Incident severity an action opens (the monitoring incident's words). */
export type MonitoringSeverity = 'warning' | 'critical';

/** The action a rule takes once its breach is sustained. */
export interface MonitoringAction {
  kind: MonitoringActionKind;
  severity: MonitoringSeverity;
  /** The stage the deployment moves to (required for `observe_freeze` = OBSERVE, `rollback`, `demote`); null otherwise. */
  toStage: DeploymentStage | null;
  /** Multiplier of position sizes for `throttle`, in (0, 1) (0.5 = halve); null otherwise. */
  positionSizeFactor: number | null;
  /** Schedule a re-validation (re-backtest) linked to the incident (FR-030). */
  revalidate: boolean;
  /** Freeze promotions until a person unfreezes (promotion-framework §5). */
  freeze: boolean;
}

/**
 * "Sustained for N bars / T time" (FR-026): a rule acts once its breach has held on at least `minBars` consecutive
 * evaluated marks AND for at least `minDurationMs` since the first breaching mark. `minBars: 1, minDurationMs: 0`
 * acts on the first breaching mark.
 */
export interface MonitoringPersistence {
  /** Consecutive breaching marks, integer ≥ 1. */
  minBars: number;
  /** Milliseconds from the first breaching mark to the current one, ≥ 0. */
  minDurationMs: number;
}

/** What every rule has: on/off, its window, its persistence condition and its action. */
export interface MonitoringRuleBase {
  enabled: boolean;
  /** Trailing window in whole days (24 h) ending at the evaluated mark, integer ≥ 1. */
  windowDays: number;
  persistence: MonitoringPersistence;
  action: MonitoringAction;
}

/**
 * The monitoring policy (issue 13, DESIGN.md §2 "policies are versioned rows"). Units: returns, drawdowns, VaR and
 * active returns are signed fractions of equity (−0.02 = a 2 % loss / 200 bps behind the basket), ratios are plain
 * numbers, durations in ms, windows in whole days, counts as integers. A rule's threshold is the limit the measured
 * value must stay within; the rule breaches when it does not.
 */
export interface MonitoringPolicy {
  /** e.g. `2026.12.1`; every evaluation records it. */
  version: string;
  benchmark: {
    /** The basket's top alt; null = the bundled non-BTC/ETH asset with the largest trailing quote volume (no market-cap feed). */
    topAltSymbol: string | null;
    /** Window of the top-alt volume rule, whole days. */
    topAltVolumeWindowDays: number;
    /** The basket is stale (rules comparing with it are unknown) when its last bar is older than this many bar durations before the mark. */
    maxAgeBars: number;
  };
  rules: {
    /** 30-day active return (live − basket) below −200 bps → rollback (FR-026). */
    benchmarkLag: MonitoringRuleBase & { minActiveReturn: number };
    /** Live max drawdown deeper than `maxDrawdownMultiple` × the basket's over the window → rollback (FR-026), once the live drawdown is at least `minLiveDrawdown` deep. */
    drawdownVsBenchmark: MonitoringRuleBase & { maxDrawdownMultiple: number; minLiveDrawdown: number };
    /** 30-day active return below −15 % → deactivate, capital to reserve (orchestration-spec decision). */
    underperformance: MonitoringRuleBase & { minActiveReturn: number };
    /** Current drawdown from the window's peak below −20 % → halve position sizes and alert. */
    drawdown: MonitoringRuleBase & { minDrawdown: number };
    /** Return since the start of the UTC day below −2 % of that day's starting equity → demote to SHADOW (promotion-framework §2.A). */
    dailyLoss: MonitoringRuleBase & { minDailyReturn: number };
    /** Historical VaR 95 % of the daily returns over the window below the limit → warning incident (US6). */
    valueAtRisk: MonitoringRuleBase & { minValueAtRisk: number; minObservations: number };
    /** Historical CVaR 95 % of the daily returns over the window below the limit → warning incident (US6). */
    conditionalValueAtRisk: MonitoringRuleBase & { minConditionalValueAtRisk: number; minObservations: number };
    /** Live annualized daily Sharpe over the window (due after `windowDays` live) below this fraction of the backtest's → drift alert + re-backtest. */
    drift: MonitoringRuleBase & { minSharpeRatioToExpected: number };
    /** Pearson correlation of two live strategies' daily returns over the window above the limit → redundancy flag. */
    correlation: MonitoringRuleBase & { maxCorrelation: number; minOverlapDays: number };
    /** The volatility regime band moved by at least `minBandSteps` bands (1 = any change) → re-rank (orchestration FR-007). */
    regimeChange: MonitoringRuleBase & { minBandSteps: number };
    /**
     * Stale feed, clock skew or non-finite marks → OBSERVE + freeze (promotion-framework §2.C, §5). "Stale" has no
     * threshold here: it is the deployment's own freshness limit (`limits.maxBarAgeMs`, the runtime's gate), so a
     * deployment the runtime considers fresh is never frozen by the monitor for staleness.
     */
    dataIntegrity: MonitoringRuleBase & { maxClockSkewMs: number; maxNonFiniteMarks: number };
  };
}

/** Names of the rules, in the order they are evaluated and reported. */
export const monitoringRuleNames = [
  'dataIntegrity',
  'benchmarkLag',
  'drawdownVsBenchmark',
  'underperformance',
  'drawdown',
  'dailyLoss',
  'valueAtRisk',
  'conditionalValueAtRisk',
  'drift',
  'correlation',
  'regimeChange',
] as const satisfies readonly (keyof MonitoringPolicy['rules'])[];
export type MonitoringRuleName = (typeof monitoringRuleNames)[number];

const immediately: MonitoringPersistence = { minBars: 1, minDurationMs: 0 };
const sustained: MonitoringPersistence = { minBars: 3, minDurationMs: 0 };
const warning: MonitoringAction = { kind: 'warning', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false };

/**
 * The default monitoring policy (specs decisions table, issue 13's table, promotion-framework §2). Frozen as data in
 * the migrations: 2026.12.1 had its own stale-mark limit (`dataIntegrity.maxMarkAgeBars`, 2 bars) that froze paced
 * replays the runtime still considered fresh; 2026.12.2 uses the deployment's freshness limit instead.
 */
export const defaultMonitoringPolicy: MonitoringPolicy = {
  version: '2026.12.2',
  benchmark: { topAltSymbol: null, topAltVolumeWindowDays: 30, maxAgeBars: 2 },
  rules: {
    benchmarkLag: { enabled: true, windowDays: 30, minActiveReturn: -0.02, persistence: { ...sustained }, action: { kind: 'rollback', severity: 'critical', toStage: 'shadow', positionSizeFactor: null, revalidate: true, freeze: false } },
    drawdownVsBenchmark: { enabled: true, windowDays: 30, maxDrawdownMultiple: 1.5, minLiveDrawdown: -0.05, persistence: { ...sustained }, action: { kind: 'rollback', severity: 'critical', toStage: 'shadow', positionSizeFactor: null, revalidate: true, freeze: false } },
    underperformance: { enabled: true, windowDays: 30, minActiveReturn: -0.15, persistence: { ...sustained }, action: { kind: 'deactivate', severity: 'critical', toStage: null, positionSizeFactor: null, revalidate: true, freeze: false } },
    drawdown: { enabled: true, windowDays: 30, minDrawdown: -0.2, persistence: { ...immediately }, action: { kind: 'throttle', severity: 'warning', toStage: null, positionSizeFactor: 0.5, revalidate: false, freeze: false } },
    dailyLoss: { enabled: true, windowDays: 1, minDailyReturn: -0.02, persistence: { ...immediately }, action: { kind: 'demote', severity: 'critical', toStage: 'shadow', positionSizeFactor: null, revalidate: false, freeze: false } },
    valueAtRisk: { enabled: true, windowDays: 30, minValueAtRisk: -0.05, minObservations: 20, persistence: { ...immediately }, action: { ...warning } },
    conditionalValueAtRisk: { enabled: true, windowDays: 30, minConditionalValueAtRisk: -0.08, minObservations: 20, persistence: { ...immediately }, action: { ...warning } },
    drift: { enabled: true, windowDays: 90, minSharpeRatioToExpected: 0.5, persistence: { ...immediately }, action: { kind: 'drift_alert', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: true, freeze: false } },
    correlation: { enabled: true, windowDays: 30, maxCorrelation: 0.8, minOverlapDays: 20, persistence: { ...immediately }, action: { kind: 'redundancy_flag', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false } },
    regimeChange: { enabled: true, windowDays: 30, minBandSteps: 1, persistence: { ...sustained }, action: { kind: 're_rank', severity: 'warning', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false } },
    dataIntegrity: { enabled: true, windowDays: 1, maxClockSkewMs: 5_000, maxNonFiniteMarks: 0, persistence: { ...immediately }, action: { kind: 'observe_freeze', severity: 'critical', toStage: 'observe', positionSizeFactor: null, revalidate: false, freeze: true } },
  },
};
