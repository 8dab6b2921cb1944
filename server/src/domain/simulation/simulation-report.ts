import { calculateMaxDrawdown, calculateSharpeRatio, replayTargets, sliceBarFrame, defaultFillModelConfig } from '../../engine/index.ts';
import type { LiveStint, PortfolioDay, SimulationRun } from './governance-simulation.ts';
import type { SimulationDecision, SimulationDecisionKind } from './simulation-decision.ts';
import { countAtOrBefore, type SimulationMarket } from './simulation-market.ts';

const dayMs = 86_400_000;
/** Horizon of the counterfactual "had it run on" after a rollback, days (the SC-002 horizon). */
export const counterfactualHorizonDays = 90;
/** Exits the monitor or the demotion triggers decided (the ones SC-003 asks about). */
const protectiveExits: ReadonlySet<SimulationDecisionKind> = new Set(['rollback', 'deactivation', 'demotion', 'observe_freeze']);

/** One protective exit from LIVE and its counterfactual (SC-003). Amounts in quote currency. */
export interface RollbackOutcome {
  deploymentId: string;
  strategyId: string;
  exitedAtMs: number;
  kind: SimulationDecisionKind;
  rule: string | null;
  /** Capital the exit returned to the reserve. */
  capitalKept: number;
  /** P&L of that capital had the deployment run on for the horizon (or to the end), same targets and fill model. */
  counterfactualPnl: number;
  /** Deepest loss of that counterfactual from the exit, signed fraction ≤ 0. */
  counterfactualWorstLoss: number;
  /** max(0, −counterfactualPnl): what the exit saved. */
  lossPrevented: number;
  /** max(0, counterfactualPnl): what the exit gave up. */
  gainGivenUp: number;
}

/** The report of one simulated arm (issue 15). Fractions are signed (−0.1 = −10 %), amounts in quote currency. */
export interface SimulationReport {
  policyVersions: SimulationRun['policyVersions'];
  period: { startMs: number; endMs: number };
  seed: number;
  cancelled: boolean;
  counts: {
    evaluationCycles: number;
    candidates: number;
    promotionRequests: number;
    promotionsToShadow: number;
    promotionsToPaper: number;
    promotionsToLive: number;
    gateRefusals: number;
    blockedAtExecution: number;
    rejections: number;
    /** Approval signatures given by the simulated people: the human workload (SC-009). */
    approvalsSigned: number;
    demotions: number;
    rollbacks: number;
    deactivations: number;
    throttles: number;
    liveCapDemotions: number;
    incidents: number;
  };
  /** SC-002: promotions to LIVE at least 90 days before the end that were still LIVE 90 days later. */
  sc002: { evaluated: number; stillActive: number; successRate: number | null; target: number };
  /** SC-003: protective exits, their counterfactuals, and the worst loss any LIVE stint took from its entry. */
  sc003: { exits: RollbackOutcome[]; totalLossPrevented: number; totalGainGivenUp: number; worstLiveLossFromEntry: number | null; stintsLosingMoreThan20Percent: number };
  /**
   * Orchestration SC-004 (drift detected within an hour): breach start → monitoring action, hours, and how many
   * actions came within the hour. The simulated clock marks deployments once a bar (1 h), so lags are whole bars.
   */
  sc004: { actions: number; meanLagHours: number | null; maxLagHours: number | null; withinTarget: number; targetHours: number };
  /**
   * Lifecycle SC-004 (rollback-worthy incidents roll back within 2 minutes of the breach): the monitoring rollbacks,
   * breach start → rollback, minutes, and how many were within 2 minutes (at the mark that confirmed the breach).
   */
  lifecycleSc004: { rollbacks: number; meanLagMinutes: number | null; maxLagMinutes: number | null; withinTarget: number; targetMinutes: number };
  /** SC-006: pairwise daily-return correlation of the live set. */
  sc006: { maxCorrelation: number | null; meanCorrelation: number | null; daysAbove: number; limit: number };
  /** SC-010: largest template share of the live set. */
  sc010: { maxTemplateShare: number | null; daysAbove: number; limit: number; templatesEverLive: number };
  /** The portfolio over the whole period; the benchmark from the basket's first close in the period. */
  portfolio: ReturnSummary & { benchmark: ReturnSummary; maxLiveCount: number };
  days: PortfolioDay[];
  stints: LiveStint[];
  decisions: SimulationDecision[];
  timings: SimulationRun['timings'];
}

export interface ReturnSummary {
  finalEquity: number;
  totalReturn: number;
  maxDrawdown: number;
  /** Annualized Sharpe of daily returns (√365). */
  sharpe: number | null;
}

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

function summarize(series: number[]): ReturnSummary {
  const returns = new Float64Array(Math.max(series.length - 1, 0));
  for (let k = 1; k < series.length; k++) returns[k - 1] = series[k] / series[k - 1] - 1;
  const sharpe = calculateSharpeRatio(returns, 365);
  return { finalEquity: series.at(-1) ?? 0, totalReturn: series.length > 0 ? series.at(-1)! / series[0] - 1 : 0, maxDrawdown: returns.length > 0 ? calculateMaxDrawdown(returns) : 0, sharpe: Number.isFinite(sharpe) ? sharpe : null };
}

/**
 * Builds the report of a run. The counterfactual of a protective exit replays the deployment's own targets (same
 * configuration, position-size factor and fill model, `replayTargets`) from the bar after the exit for
 * {@link counterfactualHorizonDays} days (or to the period's end) on the capital the exit kept; the exit itself kept
 * that capital flat. Reading bars after the exit is the report's hindsight, never a decision's.
 */
export function summarizeSimulation(run: SimulationRun, market: SimulationMarket): SimulationReport {
  const count = (kind: SimulationDecisionKind, filter: (decision: SimulationDecision) => boolean = () => true) => run.decisions.filter((decision) => decision.kind === kind && filter(decision)).length;
  const endMs = run.days.at(-1)?.atMs ?? run.input.endMs;
  const fill = defaultFillModelConfig('binanceus', { takerFeeBps: 10, slippageBps: 5 });
  const exits: RollbackOutcome[] = [];
  for (const stint of run.stints) {
    if (stint.exitedAtMs === null || stint.exitKind === null || !protectiveExits.has(stint.exitKind) || stint.exitRow === null) continue;
    const instrument = market.instruments.find((candidate) => candidate.symbol === stint.instrument)!;
    const targets = run.counterfactualTargets.get(`${stint.configurationKey}@${stint.instrument}`)!;
    const from = stint.exitRow + 1;
    const to = Math.min(countAtOrBefore(instrument.frame.timestamp, Math.min(endMs, stint.exitedAtMs + counterfactualHorizonDays * dayMs)), instrument.frame.length);
    let pnl = 0;
    let worst = 0;
    if (to - from >= 2 && stint.capitalAtExit > 0) {
      const scaled = Float64Array.from(targets.subarray(from, to), (target) => target * stint.positionSizeFactor);
      const replay = replayTargets(sliceBarFrame(instrument.frame, from, to), scaled, fill, { barDurationMs: market.barDurationMs, initialEquity: stint.capitalAtExit });
      pnl = replay.equity[replay.equity.length - 1] - stint.capitalAtExit;
      for (const equity of replay.equity) worst = Math.min(worst, equity / stint.capitalAtExit - 1);
    }
    exits.push({ deploymentId: stint.deploymentId, strategyId: stint.strategyId, exitedAtMs: stint.exitedAtMs, kind: stint.exitKind, rule: stint.exitRule, capitalKept: stint.capitalAtExit, counterfactualPnl: pnl, counterfactualWorstLoss: worst, lossPrevented: Math.max(0, -pnl), gainGivenUp: Math.max(0, pnl) });
  }
  const evaluated = run.stints.filter((stint) => stint.enteredAtMs + counterfactualHorizonDays * dayMs <= endMs);
  const stillActive = evaluated.filter((stint) => stint.exitedAtMs === null || stint.exitedAtMs >= stint.enteredAtMs + counterfactualHorizonDays * dayMs).length;
  const lags = run.monitoringActions.map((action) => (action.actedAtMs - action.breachStartMs) / 3_600_000);
  const rollbackLags = run.monitoringActions.filter((action) => action.kind === 'rollback').map((action) => (action.actedAtMs - action.breachStartMs) / 60_000);
  const correlations = run.days.map((day) => day.maxCorrelation).filter((value): value is number => value !== null);
  const means = run.days.map((day) => day.meanCorrelation).filter((value): value is number => value !== null);
  const shares = run.days.map((day) => day.maxTemplateShare).filter((value): value is number => value !== null);
  const worstLosses = run.stints.map((stint) => stint.worstLossFromEntry);
  return {
    policyVersions: run.policyVersions,
    period: { startMs: run.input.startMs, endMs: run.input.endMs },
    seed: run.input.seed,
    cancelled: run.cancelled,
    counts: {
      evaluationCycles: run.evaluationCycles,
      candidates: count('candidate'),
      promotionRequests: count('promotion_requested'),
      promotionsToShadow: count('promotion_executed', (decision) => decision.toStage === 'shadow'),
      promotionsToPaper: count('promotion_executed', (decision) => decision.toStage === 'paper'),
      promotionsToLive: count('promotion_executed', (decision) => decision.toStage === 'live'),
      gateRefusals: count('gate_refused'),
      blockedAtExecution: count('promotion_blocked'),
      rejections: count('promotion_rejected'),
      approvalsSigned: count('approval_signed'),
      demotions: count('demotion'),
      rollbacks: count('rollback'),
      deactivations: count('deactivation'),
      throttles: count('throttle'),
      liveCapDemotions: count('live_cap_demotion'),
      incidents: count('incident'),
    },
    sc002: { evaluated: evaluated.length, stillActive, successRate: evaluated.length === 0 ? null : stillActive / evaluated.length, target: 0.75 },
    sc003: {
      exits,
      totalLossPrevented: exits.reduce((sum, exit) => sum + exit.lossPrevented, 0),
      totalGainGivenUp: exits.reduce((sum, exit) => sum + exit.gainGivenUp, 0),
      worstLiveLossFromEntry: worstLosses.length === 0 ? null : Math.min(...worstLosses),
      stintsLosingMoreThan20Percent: worstLosses.filter((loss) => loss < -0.2).length,
    },
    sc004: { actions: lags.length, meanLagHours: mean(lags), maxLagHours: lags.length === 0 ? null : Math.max(...lags), withinTarget: lags.filter((lag) => lag <= 1).length, targetHours: 1 },
    lifecycleSc004: { rollbacks: rollbackLags.length, meanLagMinutes: mean(rollbackLags), maxLagMinutes: rollbackLags.length === 0 ? null : Math.max(...rollbackLags), withinTarget: rollbackLags.filter((lag) => lag <= 2).length, targetMinutes: 2 },
    sc006: { maxCorrelation: correlations.length === 0 ? null : Math.max(...correlations), meanCorrelation: means.length === 0 ? null : means.reduce((sum, value) => sum + value, 0) / means.length, daysAbove: correlations.filter((value) => value >= 0.7).length, limit: 0.7 },
    sc010: { maxTemplateShare: shares.length === 0 ? null : Math.max(...shares), daysAbove: shares.filter((share) => share > 0.3).length, limit: 0.3, templatesEverLive: new Set(run.stints.map((stint) => stint.templateId)).size },
    portfolio: { ...summarize(run.days.map((day) => day.equity)), benchmark: summarize(run.days.map((day) => day.benchmarkEquity).filter((value): value is number => value !== null)), maxLiveCount: Math.max(0, ...run.days.map((day) => day.liveCount)) },
    days: run.days,
    stints: run.stints,
    decisions: run.decisions,
    timings: run.timings,
  };
}
