import {
  calculateDailyReturns,
  calculateScorecard,
  defaultFillModelConfig,
  deriveSeed,
  evaluateConfigurations,
  executionBarAt,
  generateConfigurations,
  makeDeploymentAccount,
  makeMulberry32,
  parseParameters,
  periodsPerYear,
  rankScorecards,
  regimeBands,
  sliceBarFrame,
  stepDeployment,
  strategyTemplates,
  type BenchmarkBasket,
  type CycleEvaluation,
  type DeploymentAccount,
  type FillModelConfig,
  type GeneratedConfiguration,
  type StepContext,
  type StrategyTemplate,
} from '../../engine/index.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import { evaluateMonitoringRules } from '../monitoring/policy/evaluate-monitoring-rules.ts';
import { initialMonitoringState, type MonitoringState, type RulePersistenceState } from '../monitoring/policy/monitoring-state.ts';
import { evaluateStrategyRedundancy, redundancyMarksStart } from '../monitoring/policy/strategy-redundancy.ts';
import { buildPromotionEvidence } from '../promotion/build-promotion-evidence.ts';
import { allocateCapital, type CurrentAllocation } from '../promotion/capital-allocation.ts';
import { demotionRecordsRead, evaluateDemotionTriggers } from '../promotion/demotion-triggers.ts';
import type { GateCheck } from '../promotion/gate-check.ts';
import { selectPromotionCandidates, type ScorecardHistoryEntry } from '../promotion/promotion-candidates.ts';
import type { EvidenceRecordKind, FillRecord, IncidentRecord, OrderRecord, PnlSnapshotRecord, PromotionEvidenceInput, ScorecardEvidence, SignalRecord } from '../promotion/promotion-evidence.ts';
import { evaluatePromotionGates, gateRecordsRead } from '../promotion/promotion-gates.ts';
import { stageLevel, type PromotionTransition } from '../promotion/promotion-transitions.ts';
import { correlationMarksStart, evaluatePortfolioEntry, type LiveMember, type MemberReturns } from '../promotion/portfolio-constraints.ts';
import { GrowableSeries } from './growable-series.ts';
import type { SimulationDecision, SimulationDecisionKind, SimulationEvidence } from './simulation-decision.ts';
import type { GovernanceSimulationInput } from './simulation-input.ts';
import { countAtOrBefore, type SimulationMarket } from './simulation-market.ts';
import type { SimulationPolicies } from './simulation-policies.ts';
import { simulateApprovals } from './simulated-approvals.ts';

const dayMs = 86_400_000;
/** Evidence of a gate verdict that can only stay failed while the stage window grows (extrema and counts). */
const monotoneRules = /\.(risk\.(minWorstDailyReturn|minMaxDrawdown|maxConcentrationViolations|maxCriticalIncidents|maxWarningIncidents)|operational\.maxDataIntegrityEvents)$/;
const nextTransition: Partial<Record<DeploymentStage, PromotionTransition>> = { observe: 'observeToShadow', shadow: 'shadowToPaper', paper: 'paperToLive' };
/** Stage exits that count for the re-entry cool-down (a live-cap displacement does not). */
const protectiveKinds: ReadonlySet<SimulationDecisionKind> = new Set(['rollback', 'demotion', 'observe_freeze']);
const nextStage: Partial<Record<DeploymentStage, DeploymentStage>> = { observe: 'shadow', shadow: 'paper', paper: 'live' };

/** Simulated stage of a deployment; `retired` = deactivated by monitoring (capital to the reserve, no trading). */
export type SimulatedStage = DeploymentStage | 'retired';

/** One LIVE stint of a deployment: what the report measures (SC-002, SC-003). */
export interface LiveStint {
  deploymentId: string;
  strategyId: string;
  templateId: string;
  instrument: string;
  enteredAtMs: number;
  /** Null while still LIVE at the end. */
  exitedAtMs: number | null;
  exitKind: SimulationDecisionKind | null;
  exitRule: string | null;
  /** Capital at entry and at exit (or at the end), quote currency. */
  capitalAtEntry: number;
  capitalAtExit: number;
  /** Deepest loss of the stint's capital from its entry, signed fraction ≤ 0. */
  worstLossFromEntry: number;
  /** Frame row of the exit bar (the counterfactual replays from the next row). */
  exitRow: number | null;
  /** Position-size factor in force at the exit (throttles). */
  positionSizeFactor: number;
  configurationKey: string;
}

/** A monitoring action taken: when its breach began and when it acted (detection lag). */
export interface MonitoringActionTaken {
  deploymentId: string;
  rule: string;
  kind: string;
  breachStartMs: number;
  actedAtMs: number;
}

/** One day of the portfolio: equity, the live set and its make-up (report series). */
export interface PortfolioDay {
  /** Day boundary (00:00 UTC), ms. */
  atMs: number;
  /** Portfolio equity (reserve + live capital), quote currency. */
  equity: number;
  /** Benchmark basket equity scaled to the initial equity from its first close in the period; null before the basket exists. */
  benchmarkEquity: number | null;
  liveCount: number;
  paperCount: number;
  shadowCount: number;
  observeCount: number;
  /** Largest share of the live set held by one template, fraction; null with no live deployment. */
  maxTemplateShare: number | null;
  /** Largest and mean pairwise daily-return correlation of the live set (redundancy rule's window); null when not measured. */
  maxCorrelation: number | null;
  meanCorrelation: number | null;
}

/** Everything one simulated arm produced (pure data; `summarizeSimulation` turns it into the report). */
export interface SimulationRun {
  input: GovernanceSimulationInput;
  policyVersions: { scoring: string; promotion: string; monitoring: string; capital: string };
  decisions: SimulationDecision[];
  days: PortfolioDay[];
  stints: LiveStint[];
  monitoringActions: MonitoringActionTaken[];
  /** Counterfactual inputs: the targets of each deployment's configuration per instrument (by configuration key). */
  counterfactualTargets: Map<string, Float64Array>;
  /** Simulated work, for the timing breakdown (ms of wall time per phase). */
  timings: Record<'evaluationCycles' | 'execution' | 'monitoring' | 'governance', number>;
  evaluationCycles: number;
  barsStepped: number;
  monitoringEvaluations: number;
  cancelled: boolean;
}

/** Progress callbacks: `onProgress(fraction)` now and then; `shouldCancel()` polled once a simulated day. */
export interface SimulationHooks {
  onProgress?: (fraction: number, simulatedMs: number) => void;
  shouldCancel?: () => boolean;
  /** Wall clock for the timing breakdown only (never for a decision); default performance.now. */
  wallClock?: () => number;
  /**
   * Evaluation cycles already computed for the same market, templates, configurations (seed) and lookback, by
   * simulated time (ms). The arms of a comparison share one: `evaluateConfigurations` is a pure function of the
   * configurations and the bars closed by t (no policy enters it), so the second arm reuses the first arm's cycle
   * at the same t instead of recomputing it — the same numbers, so the same decisions. Scoring (the scoring policy)
   * still runs per arm.
   */
  evaluations?: Map<number, SharedCycleEvaluation>;
}

/** What a simulation keeps of an evaluation cycle (the trial matrix is dropped). */
export type SharedCycleEvaluation = Pick<CycleEvaluation, 'configurations' | 'strategies' | 'probabilityOfBacktestOverfitting'>;

interface SimStrategy {
  id: string;
  template: StrategyTemplate;
  /**
   * Latest cycle: its deployable configurations, best first (each on its best instrument, with its out-of-sample
   * Sharpe there — the drift rule's expectation); at most `deploymentsPerStrategy` of them.
   */
  selections: StrategySelection[];
  scorecard: ScorecardEvidence | null;
}

interface StrategySelection {
  configuration: GeneratedConfiguration;
  instrument: number;
  expectedSharpe: number | null;
}

interface OpenRequest {
  transition: PromotionTransition;
  requestedAtMs: number;
  decidedAtMs: number;
  approved: boolean;
  signatures: { step: string; approverId: string; role: string; atMs: number; approved: boolean }[];
  blockedReason: string | null;
}

interface SimDeployment {
  id: string;
  strategy: SimStrategy;
  configuration: GeneratedConfiguration;
  instrument: number;
  targets: Float64Array;
  expectedSharpe: number | null;
  stage: SimulatedStage;
  stageEnteredAtMs: number;
  frozen: boolean;
  account: DeploymentAccount;
  /** Frame row of the last processed bar (its target is the next decision). */
  lastRow: number;
  positionSizeFactor: number;
  allocation: number;
  /** Live capital bookkeeping: capital at entry and the account equity then. */
  liveCapital: number;
  liveEntryEquity: number;
  stint: LiveStint | null;
  // Records (typed columns; records are built only for an evidence window).
  signalTime: GrowableSeries;
  signalValue: GrowableSeries;
  signalPrice: GrowableSeries;
  fillTime: GrowableSeries;
  fillQuantity: GrowableSeries;
  fillPrice: GrowableSeries;
  fillExpected: GrowableSeries;
  orderTime: GrowableSeries;
  orderDenied: GrowableSeries;
  markTime: GrowableSeries;
  markEquity: GrowableSeries;
  markExposure: GrowableSeries;
  /** Index of the first mark of the current stage (monitoring reads marks since the stage entry). */
  stageMarkStart: number;
  incidents: IncidentRecord[];
  monitoring: MonitoringState;
  promotionBlocked: boolean;
  request: OpenRequest | null;
  requestCount: number;
  retryAfterMs: number;
  /** The failing rules of the last gate refusal (recorded once per change) and whether it can only stay failed. */
  lastRefusalKey: string | null;
  refusalPermanent: boolean;
  /** Times of its protective exits (rollbacks, demotions; not live-cap displacements): the re-entry cool-down's evidence. */
  protectiveExitsMs: number[];
}

function checksEvidence(checks: readonly GateCheck[]): SimulationEvidence[] {
  return checks.map((check) => ({ rule: check.rule, measured: check.measured, threshold: check.threshold, status: check.status }));
}

/**
 * Runs the governance lifecycle over history on a simulated clock (issue 15), with the production decision functions:
 * the engine's evaluation cycle (`evaluateConfigurations`, walk-forward, PBO, DSR) and scorecard (`calculateScorecard`,
 * `rankScorecards`) → `selectPromotionCandidates` → a deployment in OBSERVE → daily `evaluatePromotionGates` over
 * `buildPromotionEvidence` → a request signed by simulated people (`simulateApprovals`, `checkApproval`) → gates again
 * at execution, and for LIVE `evaluatePortfolioEntry` (live cap, diversity, correlation) and `allocateCapital` →
 * hourly execution through the runtime's `stepDeployment` (fill model) → `evaluateMonitoringRules` on every PAPER/LIVE
 * mark (rollback, demotion, deactivation, throttle, freeze) and daily `evaluateDemotionTriggers` and
 * `evaluateStrategyRedundancy` → re-validation cycles after rollbacks.
 *
 * In-memory and deterministic for a seed. No look-ahead: at simulated time t a decision reads bars closed by t only
 * (evaluation frames are cut at t, monitoring and the basket at the mark; strategy targets are computed once per
 * configuration by the template, whose target at row t reads rows ≤ t — the engine's look-ahead property).
 *
 * Simplifications (stated, not hidden): the portfolio is the LIVE book (PAPER capital is allocated on its own paper
 * book and does not change the portfolio equity); a rollback or deactivation returns the live capital at the
 * breaching mark's close (production flattens at the next bar's open); a throttle scales the position target.
 */
export function runGovernanceSimulation(market: SimulationMarket, input: GovernanceSimulationInput, policies: SimulationPolicies, hooks: SimulationHooks = {}): SimulationRun {
  return drainSimulationSteps(governanceSimulationSteps(market, input, policies, hooks));
}

/** Runs a step generator to its end (the synchronous form of a simulation). */
export function drainSimulationSteps<Result>(steps: Generator<number, Result, void>): Result {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * {@link runGovernanceSimulation} one simulated day at a time: yields the fraction of the period done after each day,
 * so an asynchronous caller (the worker task) can check for a cancellation, report progress and let its event loop
 * breathe between days. Same decisions, same result.
 */
export function* governanceSimulationSteps(market: SimulationMarket, input: GovernanceSimulationInput, policies: SimulationPolicies, hooks: SimulationHooks = {}): Generator<number, SimulationRun, void> {
  const wall = hooks.wallClock ?? (() => performance.now());
  const timings = { evaluationCycles: 0, execution: 0, monitoring: 0, governance: 0 };
  const decisions: SimulationDecision[] = [];
  const record = (decision: Omit<SimulationDecision, 'sequence'>) => decisions.push({ sequence: decisions.length, ...decision });
  const barMs = market.barDurationMs;
  const fillConfig: FillModelConfig = defaultFillModelConfig('binanceus', { takerFeeBps: 10, slippageBps: 5 });
  const backtest = { feeBps: 10, slippageBps: 5, periodsPerYear: periodsPerYear('1h') };
  const templates = input.templateIds.map((id) => strategyTemplates.find((template) => template.id === id)!);
  const templatesById = new Map(templates.map((template) => [template.id, template]));
  const count = templates.length * input.configurationsPerTemplate;
  const deploymentsPerStrategy = input.deploymentsPerStrategy ?? 1;
  const configurations = generateConfigurations({ templates, count, maxTemplateShare: (input.configurationsPerTemplate + 0.5) / count, seed: deriveSeed(input.seed, 0) });
  const strategies: SimStrategy[] = templates.map((template) => ({ id: template.id, template, selections: [], scorecard: null }));
  const strategyById = new Map(strategies.map((strategy) => [strategy.id, strategy]));
  const candidateStrategies = new Map(strategies.map((strategy) => [strategy.id, { riskCategory: 'moderate' as const, capitalGuardrails: {} }]));
  const history: ScorecardHistoryEntry[] = [];
  const keepDates = Math.max(policies.promotion.candidate.consecutiveEvaluationDays + 1, 2);
  const targetsCache = new Map<string, Float64Array>();
  const targetsFor = (configuration: GeneratedConfiguration, instrument: number): Float64Array => {
    const key = `${configuration.key}@${market.instruments[instrument].symbol}`;
    let targets = targetsCache.get(key);
    if (targets === undefined) {
      const template = templatesById.get(configuration.templateId)!;
      const frame = market.instruments[instrument].frame;
      targets = new Float64Array(frame.length);
      template.computeTargets(frame, parseParameters(template, configuration.parameters), targets);
      targetsCache.set(key, targets);
    }
    return targets;
  };

  const gateRecords = Object.fromEntries((['observeToShadow', 'shadowToPaper', 'paperToLive'] as const).map((transition) => [transition, gateRecordsRead(transition, policies.promotion)])) as Record<PromotionTransition, ReadonlySet<EvidenceRecordKind>>;
  const deployments: SimDeployment[] = [];
  const active = () => deployments.filter((deployment) => deployment.stage !== 'retired');
  let reserve = input.initialEquity;
  const liveValue = (deployment: SimDeployment) => (deployment.liveEntryEquity > 0 ? (deployment.liveCapital * deployment.account.equity) / deployment.liveEntryEquity : 0);
  const portfolioEquity = () => reserve + deployments.reduce((sum, deployment) => sum + (deployment.stage === 'live' ? liveValue(deployment) : 0), 0);
  const monitoringActions: MonitoringActionTaken[] = [];
  const stints: LiveStint[] = [];
  const days: PortfolioDay[] = [];
  let evaluationCycles = 0;
  let barsStepped = 0;
  let monitoringEvaluations = 0;
  let revalidationDue = false;
  let redundancyState: Record<string, RulePersistenceState> = {};
  let lastCorrelation: { max: number | null; mean: number | null } = { max: null, mean: null };

  // ── Evaluation cycle at time t (bars closed by t) ──────────────────────────────────────────────────────────────
  const runEvaluationCycle = (t: number, reason: string) => {
    const started = wall();
    const lookbackBars = input.evaluationLookbackDays * 24;
    const frames = market.instruments.flatMap((instrument) => {
      const end = countAtOrBefore(instrument.frame.timestamp, t - barMs);
      if (end < lookbackBars) return [];
      return [{ id: instrument.symbol, timeframe: '1h', frame: sliceBarFrame(instrument.frame, end - lookbackBars, end), bandIndex: instrument.bandIndex.subarray(end - lookbackBars, end), backtest }];
    });
    if (frames.length === 0) return;
    evaluationCycles++;
    let evaluation = hooks.evaluations?.get(t);
    if (evaluation === undefined) {
      const computed = evaluateConfigurations(configurations, templatesById, frames);
      evaluation = { configurations: computed.configurations, strategies: computed.strategies, probabilityOfBacktestOverfitting: computed.probabilityOfBacktestOverfitting };
      hooks.evaluations?.set(t, evaluation);
    }
    const date = new Date(t).toISOString().slice(0, 10);
    const scored = evaluation.strategies.map((strategy) => ({ key: strategy.strategyKey, card: calculateScorecard(strategy.inputs, policies.scoring), deflatedSharpeRatio: strategy.inputs.deflatedSharpeRatio ?? null }));
    const ranked = rankScorecards(scored.map((entry) => ({ key: entry.key, normalizedScore: entry.card.normalizedScore, deflatedSharpeRatio: entry.deflatedSharpeRatio })));
    const rankOf = new Map(ranked.map((entry) => [entry.key, entry.rank]));
    for (const entry of scored) {
      const strategy = strategyById.get(entry.key)!;
      const rank = rankOf.get(entry.key) ?? null;
      history.push({ strategyId: strategy.id, strategyVersionId: strategy.id, evaluationDate: date, rank, normalizedScore: entry.card.normalizedScore, complete: entry.card.complete, researchOnly: entry.card.researchOnly });
      strategy.scorecard = { evaluationDate: date, rank, rankCount: ranked.length, normalizedScore: entry.card.normalizedScore, complete: entry.card.complete, researchOnly: entry.card.researchOnly, scoringPolicyVersion: policies.scoring.version };
      // The strategy's deployable configurations: each on its best dataset by out-of-sample Sharpe, best first (ties:
      // the earlier configuration, then the earlier dataset), the top `deploymentsPerStrategy`.
      const deployable: { configuration: GeneratedConfiguration; instrument: number; sharpe: number }[] = [];
      for (const result of evaluation.configurations) {
        if (result.configuration.templateId !== strategy.id) continue;
        let best: { configuration: GeneratedConfiguration; instrument: number; sharpe: number } | null = null;
        for (const [datasetId, metrics] of Object.entries(result.perDataset)) {
          if (Number.isFinite(metrics.sharpe) && (best === null || metrics.sharpe > best.sharpe)) {
            best = { configuration: result.configuration, instrument: market.instruments.findIndex((instrument) => instrument.symbol === datasetId), sharpe: metrics.sharpe };
          }
        }
        if (best !== null) deployable.push(best);
      }
      deployable.sort((a, b) => b.sharpe - a.sharpe);
      strategy.selections = deployable.slice(0, deploymentsPerStrategy).map((best) => ({ configuration: best.configuration, instrument: best.instrument, expectedSharpe: best.sharpe }));
    }
    const dates = [...new Set(history.map((entry) => entry.evaluationDate))];
    if (dates.length > keepDates) {
      const cutoff = dates[dates.length - keepDates];
      history.splice(0, history.findIndex((entry) => entry.evaluationDate >= cutoff));
    }
    record({
      atMs: t,
      kind: 'evaluation_cycle',
      deploymentId: null,
      strategyId: null,
      fromStage: null,
      toStage: null,
      policyVersion: policies.scoring.version,
      rule: null,
      message: `${reason}: ${configurations.length} configurations × ${frames.length} datasets walk-forward; PBO ${evaluation.probabilityOfBacktestOverfitting.toFixed(3)}; ranks ${ranked.map((entry) => `${entry.rank}. ${entry.key} ${entry.normalizedScore.toFixed(1)}`).join(', ')}`,
      evidence: scored.map((entry) => ({ rule: `scorecard.${entry.key}`, measured: entry.card.normalizedScore, threshold: policies.scoring.thresholds.promoteAt, status: entry.card.recommendation })),
    });
    timings.evaluationCycles += wall() - started;
  };

  // ── Records → evidence ─────────────────────────────────────────────────────────────────────────────────────────
  /**
   * The evidence input of a deployment over `[startMs, endMs]` with the record lists `read` (the others empty: what the
   * decision reads — `gateRecordsRead`, `demotionRecordsRead` — so a deployment waiting years at a stage does not
   * rebuild years of signals and marks daily).
   */
  const evidenceInput = (deployment: SimDeployment, startMs: number, endMs: number, read: ReadonlySet<EvidenceRecordKind>): PromotionEvidenceInput => {
    const signals: SignalRecord[] = [];
    if (read.has('signals')) for (let k = countAtOrBefore(deployment.signalTime.view(), startMs - 1); k < deployment.signalTime.length; k++) {
      signals.push({ decidedAtMs: deployment.signalTime.at(k), outcome: 'valid', value: deployment.signalValue.at(k), confidence: null, price: deployment.signalPrice.at(k) });
    }
    const fills: FillRecord[] = [];
    if (read.has('fills')) for (let k = countAtOrBefore(deployment.fillTime.view(), startMs - 1); k < deployment.fillTime.length; k++) {
      fills.push({ filledAtMs: deployment.fillTime.at(k), quantity: deployment.fillQuantity.at(k), price: deployment.fillPrice.at(k), expectedPrice: deployment.fillExpected.at(k), quoteAgeMs: 0 });
    }
    const orders: OrderRecord[] = [];
    if (read.has('orders')) for (let k = countAtOrBefore(deployment.orderTime.view(), startMs - 1); k < deployment.orderTime.length; k++) {
      const denied = deployment.orderDenied.at(k) === 1;
      orders.push({ createdAtMs: deployment.orderTime.at(k), state: denied ? 'denied' : 'filled', denialCategory: denied ? 'risk' : null, venueError: false, decisionToOrderMs: denied ? null : 0 });
    }
    const pnlSnapshots: PnlSnapshotRecord[] = [];
    if (read.has('pnlSnapshots')) for (let k = countAtOrBefore(deployment.markTime.view(), startMs - 1); k < deployment.markTime.length; k++) {
      pnlSnapshots.push({ atMs: deployment.markTime.at(k), equity: deployment.markEquity.at(k), exposure: deployment.markExposure.at(k) });
    }
    return {
      deploymentId: deployment.id,
      strategyId: deployment.strategy.id,
      stage: deployment.stage as DeploymentStage,
      stageEnteredAtMs: deployment.stageEnteredAtMs,
      frozen: deployment.frozen,
      regulatoryHold: false,
      capitalAllocation: deployment.allocation > 0 ? deployment.allocation : null,
      evaluationIntervalMs: barMs,
      window: { startMs, endMs },
      signals,
      orders,
      fills,
      pnlSnapshots,
      incidents: read.has('incidents') ? deployment.incidents : [],
      dataIntegrityEvents: [],
      healthChanges: [],
      scorecard: deployment.strategy.scorecard,
      protectiveExitsMs: deployment.protectiveExitsMs,
    };
  };

  // ── Stage changes and capital ──────────────────────────────────────────────────────────────────────────────────
  const releaseLive = (deployment: SimDeployment, t: number, kind: SimulationDecisionKind, rule: string | null, row: number) => {
    if (deployment.stage !== 'live' || deployment.stint === null) return;
    const value = liveValue(deployment);
    reserve += value;
    deployment.stint.exitedAtMs = t;
    deployment.stint.exitKind = kind;
    deployment.stint.exitRule = rule;
    deployment.stint.capitalAtExit = value;
    deployment.stint.exitRow = row;
    deployment.stint.positionSizeFactor = deployment.positionSizeFactor;
    deployment.stint = null;
    deployment.liveCapital = 0;
    deployment.liveEntryEquity = 0;
  };
  const moveStage = (deployment: SimDeployment, to: SimulatedStage, t: number, kind: SimulationDecisionKind, rule: string | null) => {
    const row = deployment.lastRow;
    if (protectiveKinds.has(kind) && to !== 'retired' && stageLevel(to) < stageLevel(deployment.stage as DeploymentStage)) deployment.protectiveExitsMs.push(t);
    if (deployment.stage === 'live' && to !== 'live') releaseLive(deployment, t, kind, rule, row);
    if (to !== 'paper' && to !== 'live') deployment.allocation = 0;
    deployment.stage = to;
    deployment.stageEnteredAtMs = t;
    deployment.stageMarkStart = deployment.markTime.length;
    deployment.monitoring = initialMonitoringState(deployment.id);
    deployment.promotionBlocked = false;
    deployment.lastRefusalKey = null;
    deployment.refusalPermanent = false;
    deployment.request = null;
  };

  const liveMembers = (): LiveMember[] =>
    active()
      .filter((deployment) => deployment.stage === 'live')
      .map((deployment) => ({ deploymentId: deployment.id, strategyId: deployment.strategy.id, templateId: deployment.strategy.template.id, rank: deployment.strategy.scorecard?.rank ?? null }));
  /** A deployment's daily returns (all its marks) on the days the correlation limit reads at `t` (its marks from `correlationMarksStart`). */
  const dailyReturnsOf = (deployment: SimDeployment, t: number) => {
    const n = deployment.markTime.length;
    const start = correlationMarksStart(policies.promotion.portfolio, t, deployment.markTime.view(0, n), deployment.markEquity.view(0, n));
    return calculateDailyReturns(deployment.markTime.view(start, n), deployment.markEquity.view(start, n));
  };

  // ── Promotion execution (request approved, gates again, portfolio and capital for PAPER/LIVE) ───────────────────
  const executeRequest = (deployment: SimDeployment, t: number) => {
    const request = deployment.request!;
    const transition = request.transition;
    const evidence = buildPromotionEvidence(evidenceInput(deployment, deployment.stageEnteredAtMs, t, gateRecords[transition]), policies.promotion.measurement);
    const gates = evaluatePromotionGates(transition, evidence, policies.promotion, t);
    const from = deployment.stage as DeploymentStage;
    const to = nextStage[from]!;
    if (!gates.passed || deployment.promotionBlocked) {
      const rule = gates.refusals[0]?.rule ?? 'monitoring.promotionBlocked';
      record({ atMs: t, kind: 'promotion_blocked', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: from, toStage: to, policyVersion: gates.policyVersion, rule, message: `approved ${transition} no longer passes at execution: ${gates.refusals.map((check) => check.message).join('; ') || 'a monitoring rule breaches or is unknown'}`, evidence: checksEvidence(gates.refusals) });
      deployment.request = null;
      deployment.retryAfterMs = t + dayMs;
      return;
    }
    const evidenceList = checksEvidence(gates.checks.filter((check) => check.status !== 'not_applicable'));
    const subject = { deploymentId: deployment.id, stage: to, rank: deployment.strategy.scorecard?.rank ?? null, rankCount: deployment.strategy.scorecard?.rankCount ?? 0, riskCategory: 'moderate' as const, capitalGuardrails: {}, rolloutWave: 'full' as const };
    let releasing: LiveMember[] = [];
    if (to === 'live') {
      const live = liveMembers();
      const liveReturns: MemberReturns[] = active()
        .filter((other) => other.stage === 'live')
        .map((other) => ({ deploymentId: other.id, returns: dailyReturnsOf(other, t) }));
      const entry = evaluatePortfolioEntry(policies.promotion.portfolio, live, { deploymentId: deployment.id, strategyId: deployment.strategy.id, templateId: deployment.strategy.template.id, rank: subject.rank }, dailyReturnsOf(deployment, t), liveReturns, t);
      evidenceList.push(...checksEvidence(entry.checks));
      if (!entry.passed) {
        record({ atMs: t, kind: 'promotion_blocked', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: from, toStage: to, policyVersion: policies.promotion.version, rule: entry.refusals[0].rule, message: `portfolio constraints refuse LIVE: ${entry.refusals.map((check) => check.message).join('; ')}`, evidence: checksEvidence(entry.refusals) });
        deployment.request = null;
        deployment.retryAfterMs = t + 7 * dayMs;
        return;
      }
      releasing = entry.demote;
    }
    const current: CurrentAllocation[] = active()
      .filter((other) => other.stage === 'paper' || other.stage === 'live')
      .map((other) => ({ deploymentId: other.id, stage: other.stage as DeploymentStage, allocation: other.allocation }));
    const capital = allocateCapital(policies.capital, subject, current, releasing.map((member) => member.deploymentId), null, t);
    evidenceList.push(...checksEvidence(capital.checks));
    if (!capital.allowed) {
      record({ atMs: t, kind: 'promotion_blocked', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: from, toStage: to, policyVersion: policies.capital.version, rule: capital.refusal.rule, message: `capital refuses: ${capital.refusal.message}`, evidence: checksEvidence([capital.refusal]) });
      deployment.request = null;
      deployment.retryAfterMs = t + 7 * dayMs;
      return;
    }
    for (const member of releasing) {
      const demoted = deployments.find((other) => other.id === member.deploymentId)!;
      record({ atMs: t, kind: 'live_cap_demotion', deploymentId: demoted.id, strategyId: demoted.strategy.id, fromStage: 'live', toStage: 'paper', policyVersion: policies.promotion.version, rule: 'portfolio.liveCap', message: `demoted to make room for ${deployment.id} (rank ${subject.rank})`, evidence: [] });
      moveStage(demoted, 'paper', t, 'live_cap_demotion', 'portfolio.liveCap');
    }
    moveStage(deployment, to, t, 'promotion_executed', null);
    deployment.allocation = capital.allocation;
    if (to === 'live') {
      const equity = portfolioEquity();
      deployment.liveCapital = Math.min(reserve, capital.allocation * equity);
      reserve -= deployment.liveCapital;
      deployment.liveEntryEquity = deployment.account.equity;
      deployment.stint = {
        deploymentId: deployment.id,
        strategyId: deployment.strategy.id,
        templateId: deployment.strategy.template.id,
        instrument: market.instruments[deployment.instrument].symbol,
        enteredAtMs: t,
        exitedAtMs: null,
        exitKind: null,
        exitRule: null,
        capitalAtEntry: deployment.liveCapital,
        capitalAtExit: deployment.liveCapital,
        worstLossFromEntry: 0,
        exitRow: null,
        positionSizeFactor: deployment.positionSizeFactor,
        configurationKey: deployment.configuration.key,
      };
      stints.push(deployment.stint);
    }
    record({ atMs: t, kind: 'promotion_executed', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: from, toStage: to, policyVersion: policies.promotion.version, rule: transition, message: `${transition} executed after ${request.signatures.length} signatures; allocation ${(capital.allocation * 100).toFixed(2)} %`, evidence: evidenceList });
  };

  // ── Monitoring actions on a PAPER/LIVE mark ────────────────────────────────────────────────────────────────────
  /** The basket as of a mark (its bars up to the mark's), shared by the deployments marked at the same bar. */
  let basketCut: { end: number; basket: BenchmarkBasket } | null = null;
  const basketUntil = (markMs: number): BenchmarkBasket => {
    const end = countAtOrBefore(market.basket.timestamp, markMs);
    if (basketCut === null || basketCut.end !== end) {
      basketCut = { end, basket: { ...market.basket, timestamp: market.basket.timestamp.subarray(0, end), equity: market.basket.equity.subarray(0, end), returns: market.basket.returns.subarray(0, end), drawdown: market.basket.drawdown.subarray(0, end) } };
    }
    return basketCut.basket;
  };
  const actOnMonitoring = (deployment: SimDeployment, t: number, row: number) => {
    const started = wall();
    const start = deployment.stageMarkStart;
    const n = deployment.markTime.length;
    const instrument = market.instruments[deployment.instrument];
    const basket = basketUntil(deployment.markTime.at(n - 1));
    const band = instrument.bandIndex[row];
    const evaluation = evaluateMonitoringRules(
      {
        deploymentId: deployment.id,
        stage: deployment.stage as DeploymentStage,
        barDurationMs: barMs,
        maxBarAgeMs: barMs,
        timestamp: deployment.markTime.view(start, n),
        equity: deployment.markEquity.view(start, n),
        expectedSharpe: deployment.expectedSharpe,
        regimeBand: band >= 0 ? regimeBands[band] : null,
        dataIntegrityEvents: 0,
      },
      basket,
      policies.monitoring,
      deployment.monitoring,
      t,
    );
    monitoringEvaluations++;
    deployment.monitoring = evaluation.state;
    deployment.promotionBlocked = evaluation.promotionBlocked;
    timings.monitoring += wall() - started;
    for (const action of evaluation.actions) {
      if (deployment.stage === 'retired') break;
      const result = evaluation.results.find((candidate) => candidate.rule === action.rule);
      const evidence: SimulationEvidence[] = [{ rule: `rules.${action.rule}`, measured: action.measured, threshold: action.threshold, status: result?.status ?? 'breach' }];
      const breachStartMs = result?.breach?.startMs ?? t;
      const from = deployment.stage;
      // The incident of an action that moves the deployment is the reason for its next stage, not evidence against it.
      const movesStage = ((action.kind === 'rollback' || action.kind === 'demote' || action.kind === 'observe_freeze') && action.toStage !== null && stageLevel(action.toStage) < stageLevel(from as DeploymentStage)) || action.kind === 'deactivate';
      deployment.incidents.push({ occurredAtMs: t, severity: action.severity, type: action.rule, ...(movesStage ? { causedStageEntry: true } : {}) });
      const base = { atMs: t, deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: from, policyVersion: policies.monitoring.version, rule: `rules.${action.rule}`, message: action.message, evidence };
      const taken = () => monitoringActions.push({ deploymentId: deployment.id, rule: action.rule, kind: action.kind, breachStartMs, actedAtMs: t });
      if ((action.kind === 'rollback' || action.kind === 'demote' || action.kind === 'observe_freeze') && action.toStage !== null && stageLevel(action.toStage) < stageLevel(from as DeploymentStage)) {
        taken();
        const kind: SimulationDecisionKind = action.kind === 'rollback' ? 'rollback' : action.kind === 'demote' ? 'demotion' : 'observe_freeze';
        record({ ...base, kind, toStage: action.toStage });
        moveStage(deployment, action.toStage, t, kind, `rules.${action.rule}`);
        if (action.freeze) deployment.frozen = true;
        if (action.revalidate) revalidationDue = true;
        break;
      }
      if (action.kind === 'deactivate') {
        taken();
        record({ ...base, kind: 'deactivation', toStage: 'retired' });
        moveStage(deployment, 'retired', t, 'deactivation', `rules.${action.rule}`);
        if (action.revalidate) revalidationDue = true;
        break;
      }
      if (action.kind === 'throttle' && action.positionSizeFactor !== null) {
        taken();
        deployment.positionSizeFactor *= action.positionSizeFactor;
        record({ ...base, kind: 'throttle', toStage: from, message: `${action.message}; position size × ${action.positionSizeFactor} → ${deployment.positionSizeFactor}` });
        continue;
      }
      record({ ...base, kind: 'incident', toStage: from, message: `${action.kind} (${action.severity}): ${action.message}` });
      if (action.revalidate) revalidationDue = true;
    }
  };

  // ── Daily governance at the day boundary t ─────────────────────────────────────────────────────────────────────
  const governDay = (t: number, cycleDay: boolean) => {
    if (cycleDay || revalidationDue) {
      const reason = cycleDay ? 'scheduled evaluation cycle' : 're-validation after a monitoring incident';
      if (!cycleDay) record({ atMs: t, kind: 'revalidation', deploymentId: null, strategyId: null, fromStage: null, toStage: null, policyVersion: policies.monitoring.version, rule: null, message: 're-validation cycle triggered by a monitoring incident', evidence: [] });
      revalidationDue = false;
      runEvaluationCycle(t, reason);
    }
    const started = wall();
    // Candidates → new deployments in OBSERVE: each of the strategy's selected configurations not already deployed,
    // up to `deploymentsPerStrategy` active deployments per strategy.
    const activeOf = (strategy: SimStrategy) => deployments.filter((deployment) => deployment.strategy === strategy && deployment.stage !== 'retired');
    const exclude = new Set(strategies.filter((strategy) => activeOf(strategy).length >= deploymentsPerStrategy).map((strategy) => strategy.id));
    for (const candidate of selectPromotionCandidates(history, policies.promotion.candidate, policies.capital, candidateStrategies, exclude)) {
      const strategy = strategyById.get(candidate.strategyId)!;
      for (const { configuration, instrument, expectedSharpe } of strategy.selections) {
        const running = activeOf(strategy);
        if (running.length >= deploymentsPerStrategy) break;
        if (running.some((deployment) => deployment.configuration.key === configuration.key && deployment.instrument === instrument)) continue;
        const deployment: SimDeployment = {
          id: `sim-${strategy.id}-${deployments.filter((other) => other.strategy === strategy).length + 1}`,
          strategy,
          configuration,
          instrument,
          targets: targetsFor(configuration, instrument),
          expectedSharpe,
          stage: 'observe',
          stageEnteredAtMs: t,
          frozen: false,
          account: makeDeploymentAccount(1),
          lastRow: countAtOrBefore(market.instruments[instrument].frame.timestamp, t - barMs) - 1,
          positionSizeFactor: 1,
          allocation: 0,
          liveCapital: 0,
          liveEntryEquity: 0,
          stint: null,
          signalTime: new GrowableSeries(),
          signalValue: new GrowableSeries(),
          signalPrice: new GrowableSeries(),
          fillTime: new GrowableSeries(),
          fillQuantity: new GrowableSeries(),
          fillPrice: new GrowableSeries(),
          fillExpected: new GrowableSeries(),
          orderTime: new GrowableSeries(),
          orderDenied: new GrowableSeries(),
          markTime: new GrowableSeries(),
          markEquity: new GrowableSeries(),
          markExposure: new GrowableSeries(),
          stageMarkStart: 0,
          incidents: [],
          monitoring: initialMonitoringState(''),
          promotionBlocked: false,
          request: null,
          requestCount: 0,
          retryAfterMs: t,
          lastRefusalKey: null,
          refusalPermanent: false,
          protectiveExitsMs: [],
        };
        deployment.monitoring = initialMonitoringState(deployment.id);
        deployments.push(deployment);
        record({
          atMs: t,
          kind: 'candidate',
          deploymentId: deployment.id,
          strategyId: strategy.id,
          fromStage: null,
          toStage: 'observe',
          policyVersion: policies.promotion.version,
          rule: 'candidate',
          message: `rank ${candidate.rank}/${candidate.rankCount} for ${candidate.consecutiveEvaluationDays} evaluation dates (${candidate.firstDate} … ${candidate.lastDate}); deploys ${configuration.key} on ${market.instruments[instrument].symbol}`,
          evidence: [
            { rule: 'candidate.topFraction', measured: candidate.rank, threshold: policies.promotion.candidate.topFraction, status: 'pass' },
            { rule: 'candidate.consecutiveEvaluationDays', measured: candidate.consecutiveEvaluationDays, threshold: policies.promotion.candidate.consecutiveEvaluationDays, status: 'pass' },
          ],
        });
      }
    }
    for (const deployment of active()) {
      const stage = deployment.stage as DeploymentStage;
      // Automatic demotion triggers (promotion-framework §2) over the lookback at the stage.
      if (stage === 'paper' || stage === 'live') {
        const lookbackStart = Math.max(deployment.stageEnteredAtMs, t - policies.promotion.demotion.lookbackDays * dayMs);
        const demotion = evaluateDemotionTriggers(buildPromotionEvidence(evidenceInput(deployment, lookbackStart, t, demotionRecordsRead), policies.promotion.measurement), policies.promotion);
        if (demotion.action === 'demote') {
          const trigger = demotion.triggers[0];
          record({ atMs: t, kind: 'demotion', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: stage, toStage: demotion.toStage, policyVersion: demotion.policyVersion, rule: trigger.rule, message: trigger.message, evidence: demotion.triggers.map((fired) => ({ rule: fired.rule, measured: fired.measured, threshold: fired.threshold, status: 'fail' })) });
          moveStage(deployment, demotion.toStage, t, 'demotion', trigger.rule);
          if (demotion.freeze) deployment.frozen = true;
          continue;
        }
      }
      // Promotion: gates at the stage; a request to the simulated people when they pass.
      const transition = nextTransition[stage];
      if (transition === undefined || deployment.request !== null || deployment.frozen || t < deployment.retryAfterMs || deployment.refusalPermanent) continue;
      const minSessions = policies.promotion.gates[transition].stabilityWindow.minSessions;
      if (t - deployment.stageEnteredAtMs < minSessions * dayMs) continue; // the stability window alone refuses
      const evidence = buildPromotionEvidence(evidenceInput(deployment, deployment.stageEnteredAtMs, t, gateRecords[transition]), policies.promotion.measurement);
      const gates = evaluatePromotionGates(transition, evidence, policies.promotion, t);
      if (!gates.passed || deployment.promotionBlocked) {
        const refusalKey = gates.refusals.map((check) => check.rule).join(',') || 'monitoring.promotionBlocked';
        if (refusalKey !== deployment.lastRefusalKey) {
          record({ atMs: t, kind: 'gate_refused', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: stage, toStage: nextStage[stage]!, policyVersion: gates.policyVersion, rule: gates.refusals[0]?.rule ?? 'monitoring.promotionBlocked', message: gates.refusals.map((check) => check.message).join('; ') || 'a monitoring rule breaches or is unknown (fails closed)', evidence: checksEvidence(gates.refusals) });
          deployment.lastRefusalKey = refusalKey;
        }
        deployment.refusalPermanent = gates.refusals.some((check) => monotoneRules.test(check.rule));
        continue;
      }
      deployment.requestCount++;
      const uniform = makeMulberry32(deriveSeed(deriveSeed(input.seed, 1), hashString(`${deployment.id}:${transition}:${deployment.requestCount}`)));
      const outcome = simulateApprovals(policies.promotion.approvalMatrix[transition], input.approvals, t, uniform);
      deployment.request = { transition, requestedAtMs: t, decidedAtMs: outcome.decidedAtMs, approved: outcome.approved, signatures: outcome.signatures, blockedReason: outcome.blockedReason };
      record({ atMs: t, kind: 'promotion_requested', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: stage, toStage: nextStage[stage]!, policyVersion: gates.policyVersion, rule: transition, message: `gates pass for ${transition}; ${policies.promotion.approvalMatrix[transition].steps.length} approval steps requested`, evidence: checksEvidence(gates.checks.filter((check) => check.status !== 'not_applicable')) });
    }
    timings.governance += wall() - started;
  };

  /** Requests whose simulated people decided by `t`: signatures recorded, then executed or rejected. */
  const settleRequests = (t: number) => {
    for (const deployment of deployments) {
      const request = deployment.request;
      if (request === null || request.decidedAtMs > t || deployment.stage === 'retired') continue;
      for (const signature of request.signatures) {
        record({ atMs: signature.atMs, kind: 'approval_signed', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: deployment.stage, toStage: nextStage[deployment.stage as DeploymentStage] ?? null, policyVersion: null, rule: signature.step, message: `${signature.approverId} (${signature.role}) ${signature.approved ? 'approved' : 'rejected'} ${signature.step}`, evidence: [] });
      }
      if (!request.approved) {
        record({ atMs: t, kind: 'promotion_rejected', deploymentId: deployment.id, strategyId: deployment.strategy.id, fromStage: deployment.stage, toStage: nextStage[deployment.stage as DeploymentStage] ?? null, policyVersion: policies.promotion.version, rule: request.blockedReason === null ? 'approval.rejected' : 'approval.noEligibleApprover', message: request.blockedReason ?? `${request.transition} rejected by a simulated approver`, evidence: [] });
        deployment.request = null;
        deployment.retryAfterMs = t + 7 * dayMs;
        continue;
      }
      executeRequest(deployment, t);
    }
  };

  // ── Daily report series ────────────────────────────────────────────────────────────────────────────────────────
  const basketAt = (t: number) => {
    const index = countAtOrBefore(market.basket.timestamp, t - barMs) - 1;
    return index < 0 ? Number.NaN : market.basket.equity[index];
  };
  /** The basket's first close in the period (the basket starts when all its members trade: SOL from 2020-08-11). */
  let basketStart = Number.NaN;
  const benchmarkEquityAt = (t: number): number | null => {
    const value = basketAt(t);
    if (!Number.isFinite(value)) return null;
    if (!Number.isFinite(basketStart)) basketStart = value;
    return (input.initialEquity * value) / basketStart;
  };
  const recordDay = (t: number) => {
    const live = active().filter((deployment) => deployment.stage === 'live');
    const byTemplate = new Map<string, number>();
    for (const deployment of live) byTemplate.set(deployment.strategy.template.id, (byTemplate.get(deployment.strategy.template.id) ?? 0) + 1);
    const maxTemplate = live.length === 0 ? null : Math.max(...byTemplate.values()) / live.length;
    // Redundancy between live strategies (the correlation rule), once a day.
    if (live.length >= 2) {
      const redundancy = evaluateStrategyRedundancy(
        live.map((deployment) => {
          // The stage's marks from the first the correlation rule's window can read (`redundancyMarksStart`).
          const n = deployment.markTime.length;
          const start = deployment.stageMarkStart + redundancyMarksStart(deployment.markTime.view(deployment.stageMarkStart, n), policies.monitoring.rules.correlation.windowDays);
          return { deploymentId: deployment.id, rank: deployment.strategy.scorecard?.rank ?? 999, timestamp: deployment.markTime.view(start, n), equity: deployment.markEquity.view(start, n) };
        }),
        policies.monitoring,
        redundancyState,
      );
      redundancyState = redundancy.state;
      const measured = redundancy.pairs.map((pair) => pair.correlation).filter((value): value is number => value !== null && Number.isFinite(value));
      lastCorrelation = measured.length === 0 ? { max: null, mean: null } : { max: Math.max(...measured), mean: measured.reduce((sum, value) => sum + value, 0) / measured.length };
      for (const action of redundancy.actions) {
        record({ atMs: t, kind: 'incident', deploymentId: null, strategyId: null, fromStage: 'live', toStage: 'live', policyVersion: policies.monitoring.version, rule: 'rules.correlation', message: action.message, evidence: [{ rule: 'rules.correlation', measured: action.measured, threshold: action.threshold, status: 'breach' }] });
      }
    } else lastCorrelation = { max: null, mean: null };
    const stageCount = (stage: SimulatedStage) => active().filter((deployment) => deployment.stage === stage).length;
    days.push({
      atMs: t,
      equity: portfolioEquity(),
      benchmarkEquity: benchmarkEquityAt(t),
      liveCount: live.length,
      paperCount: stageCount('paper'),
      shadowCount: stageCount('shadow'),
      observeCount: stageCount('observe'),
      maxTemplateShare: maxTemplate,
      maxCorrelation: lastCorrelation.max,
      meanCorrelation: lastCorrelation.mean,
    });
  };

  // ── The clock ──────────────────────────────────────────────────────────────────────────────────────────────────
  const startMs = Math.floor(input.startMs / dayMs) * dayMs;
  const endMs = Math.min(input.endMs, market.lastMs + barMs);
  const rowCursor = market.instruments.map((instrument) => countAtOrBefore(instrument.frame.timestamp, startMs - 1));
  const context: { -readonly [Key in keyof StepContext]: StepContext[Key] } = {
    killSwitchOn: false,
    tradingState: 'ACTIVE',
    nowMs: 0,
    maxBarAgeMs: barMs,
    clockSkewToleranceMs: 0,
    maxNotionalPerOrder: null,
    capitalAllocation: null,
    portfolioEquity: null,
    maxPositionFraction: null,
    availableBalance: null,
  };
  let cancelled = false;
  let dayIndex = 0;
  governDay(startMs, true);
  recordDay(startMs);
  for (let hour = startMs; hour + barMs <= endMs; hour += barMs) {
    const closeMs = hour + barMs;
    let executionStarted = wall();
    for (let i = 0; i < market.instruments.length; i++) {
      const frame = market.instruments[i].frame;
      while (rowCursor[i] < frame.length && frame.timestamp[rowCursor[i]] < hour) rowCursor[i]++;
      const row = rowCursor[i];
      if (row >= frame.length || frame.timestamp[row] !== hour) continue;
      const bar = executionBarAt(frame, row, barMs);
      for (const deployment of deployments) {
        if (deployment.instrument !== i || deployment.stage === 'retired' || row <= deployment.lastRow) continue;
        const stage = deployment.stage;
        const target = deployment.targets[row] * deployment.positionSizeFactor;
        if (stage !== 'observe') {
          const previous = deployment.lastRow >= 0 ? deployment.targets[deployment.lastRow] * deployment.positionSizeFactor : deployment.account.targetInForce;
          const decision = previous === deployment.account.targetInForce ? null : { targetWeight: previous, decisionTime: frame.timestamp[deployment.lastRow], kind: 'rebalance' as const };
          context.nowMs = closeMs;
          const step = stepDeployment(deployment.account, bar, decision, fillConfig, context);
          deployment.account = step.account;
          barsStepped++;
          if (step.order !== null) {
            deployment.orderTime.push(bar.time);
            deployment.orderDenied.push(step.order.check.allowed ? 0 : 1);
            const fill = step.order.fill;
            if (fill !== null && fill.price !== null && fill.filledQuantity > 0) {
              deployment.fillTime.push(bar.time);
              deployment.fillQuantity.push(fill.filledQuantity);
              deployment.fillPrice.push(fill.price);
              deployment.fillExpected.push(bar.open);
            }
          }
          if (step.mark !== null) {
            deployment.markTime.push(bar.time);
            deployment.markEquity.push(step.mark.equity);
            deployment.markExposure.push(step.mark.exposure);
          }
        }
        deployment.signalTime.push(closeMs);
        deployment.signalValue.push(target);
        deployment.signalPrice.push(bar.close);
        deployment.lastRow = row;
        if (stage === 'live' && deployment.stint !== null) {
          const loss = liveValue(deployment) / deployment.stint.capitalAtEntry - 1;
          if (loss < deployment.stint.worstLossFromEntry) deployment.stint.worstLossFromEntry = loss;
        }
        if ((stage === 'paper' || stage === 'live') && deployment.markTime.length > deployment.stageMarkStart) {
          timings.execution += wall() - executionStarted;
          actOnMonitoring(deployment, closeMs, row);
          executionStarted = wall(); // monitoring times itself; execution resumes here
        }
      }
    }
    timings.execution += wall() - executionStarted;
    settleRequests(closeMs);
    if (closeMs % dayMs === 0) {
      dayIndex++;
      if (hooks.shouldCancel?.()) {
        cancelled = true;
        break;
      }
      governDay(closeMs, dayIndex % input.evaluationIntervalDays === 0);
      recordDay(closeMs);
      if (dayIndex % 30 === 0) hooks.onProgress?.((closeMs - startMs) / (endMs - startMs), closeMs);
      yield (closeMs - startMs) / (endMs - startMs);
    }
  }
  for (const stint of stints) if (stint.exitedAtMs === null) stint.capitalAtExit = liveValue(deployments.find((deployment) => deployment.id === stint.deploymentId)!);
  if (!cancelled) hooks.onProgress?.(1, endMs);
  return {
    input,
    policyVersions: { scoring: policies.scoring.version, promotion: policies.promotion.version, monitoring: policies.monitoring.version, capital: policies.capital.version },
    decisions: decisions.sort((a, b) => a.atMs - b.atMs || a.sequence - b.sequence).map((decision, sequence) => ({ ...decision, sequence })),
    days,
    stints,
    monitoringActions,
    counterfactualTargets: targetsCache,
    timings,
    evaluationCycles,
    barsStepped,
    monitoringEvaluations,
    cancelled,
  };
}

/** FNV-1a of a string, a 32-bit unsigned integer (per-request seed derivation). */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
