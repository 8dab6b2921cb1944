/**
 * Governance simulation (issue 15): the whole 2020 → end-of-data lifecycle with the default policies — evaluation
 * cycles, hourly execution of every deployment on the ladder, monitoring on every PAPER/LIVE mark — timed in wall
 * time with the breakdown by phase (budget < 10 min on the 2-core machine, goal < 5). Standalone:
 *   npx tsx --tsconfig server/tsconfig.json server/bench/governance-simulation.bench.ts [--compare]
 * `--compare` also runs the comparisons (default vs permissive promotion; with the permissive promotion,
 * rollback lag −200 vs −1,000 bps; permissive vs permissive + re-entry cool-down) and prints their headline figures.
 * `--daily` times the budget with the execution half exercised (daily cycles, permissive promotion: one arm by phase,
 * then a daily two-arm comparison). `--daily --stress` times one daily arm under the bench-only stress policies
 * (`…-stress-sim`: every strategy a candidate, 1-session windows, no demotion or rollback) so that execution and
 * monitoring run with up to the live cap (35) LIVE at once. `--cooldown [--interval=N]` runs only the cool-down comparison (cycles every N days).
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runGovernanceSimulation } from '../src/domain/simulation/governance-simulation.ts';
import { runSimulationComparison } from '../src/domain/simulation/run-simulation-comparison.ts';
import { compareSimulations, type SimulationComparison } from '../src/domain/simulation/simulation-comparison.ts';
import { defaultSimulationInput, validateSimulationInput } from '../src/domain/simulation/simulation-input.ts';
import { defaultSimulationPolicyVersions, lag1000MonitoringVersion, permissiveCooldownSimulationPromotionVersion, permissiveSimulationPromotionVersion, stressSimulationMonitoringVersion, stressSimulationPromotionVersion, type SimulationPolicyVersions } from '../src/domain/simulation/simulation-policies.ts';
import { summarizeSimulation, type SimulationReport } from '../src/domain/simulation/simulation-report.ts';
import { loadBundledSimulationMarket } from '../src/services/simulation/bundled-simulation-market.ts';
import { simulationJson } from '../src/services/simulation/simulation-export.ts';
import { timeSimulationResultWrite } from './simulation-result-write.ts';

const budgetSeconds = 600;
const goalSeconds = 300;

/** The headline figures of one arm (no series, no decision list). */
export function headline(report: SimulationReport): Record<string, unknown> {
  const round = (value: number | null, digits = 4) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
  return {
    policies: report.policyVersions,
    counts: report.counts,
    sc002PromotionSuccessRate: { ...report.sc002, successRate: round(report.sc002.successRate) },
    sc003: { protectiveExits: report.sc003.exits.length, totalLossPrevented: round(report.sc003.totalLossPrevented, 2), totalGainGivenUp: round(report.sc003.totalGainGivenUp, 2), worstLiveLossFromEntry: round(report.sc003.worstLiveLossFromEntry), stintsLosingMoreThan20Percent: report.sc003.stintsLosingMoreThan20Percent },
    sc004DetectionLagHours: { mean: round(report.sc004.meanLagHours, 2), max: round(report.sc004.maxLagHours, 2), actions: report.sc004.actions },
    sc006Correlation: { max: round(report.sc006.maxCorrelation), mean: round(report.sc006.meanCorrelation), daysAtOrAbove0_7: report.sc006.daysAbove },
    sc010TemplateShare: { max: round(report.sc010.maxTemplateShare), daysAbove0_3: report.sc010.daysAbove, templatesEverLive: report.sc010.templatesEverLive },
    portfolio: {
      finalEquity: round(report.portfolio.finalEquity, 2),
      totalReturn: round(report.portfolio.totalReturn),
      maxDrawdown: round(report.portfolio.maxDrawdown),
      sharpe: round(report.portfolio.sharpe, 3),
      maxLiveCount: report.portfolio.maxLiveCount,
      benchmark: { totalReturn: round(report.portfolio.benchmark.totalReturn), maxDrawdown: round(report.portfolio.benchmark.maxDrawdown), sharpe: round(report.portfolio.benchmark.sharpe, 3) },
    },
  };
}

function comparisonFigure(name: string, comparison: SimulationComparison): Record<string, unknown> {
  const first = comparison.firstDivergence;
  const describe = (decision: SimulationComparison['divergences'][number]['decision'] | null) =>
    decision === null ? null : { at: new Date(decision.atMs).toISOString(), kind: decision.kind, deployment: decision.deploymentId, from: decision.fromStage, to: decision.toStage, rule: decision.rule, message: decision.message };
  return {
    figure: name,
    baseline: headline(comparison.baseline),
    variant: headline(comparison.variant),
    difference: comparison.difference,
    firstDivergence: first === null ? null : { at: new Date(first.atMs).toISOString(), baseline: describe(first.baseline), variant: describe(first.variant) },
    divergentDecisions: comparison.divergenceCount,
  };
}

/** What one timed arm runs: the policy versions, the days between evaluation cycles and the deployment capacity. */
export interface TimedArm {
  figure: string;
  policies: SimulationPolicyVersions;
  evaluationIntervalDays: number;
  /** Configurations per template and deployments per candidate strategy (default: the simulation input's, 3 and 1). */
  capacity?: LiveCapacity;
}

/** Configurations per template and deployments per candidate strategy. */
export interface LiveCapacity {
  configurationsPerTemplate: number;
  deploymentsPerStrategy: number;
}

/**
 * Enough deployments for the portfolio's live cap (35 by default): 8 templates × 5 configurations, each candidate
 * strategy deploying its 5 configurations (up to 40 deployments on the ladder). The portfolio limits (correlation 0.7,
 * 30 % per template) and the gates decide how many are LIVE at once.
 */
export const liveCapCapacity: LiveCapacity = { configurationsPerTemplate: 5, deploymentsPerStrategy: 5 };

/** The default arm of `npm run bench` (weekly evaluation cycles, production policies). */
const defaultArm: TimedArm = { figure: 'governance_simulation_default_2020_2026', policies: defaultSimulationPolicyVersions, evaluationIntervalDays: 7 };

/**
 * Runs one arm 2020 → end of data and times it by phase; `persistenceEncoding` is the stored form's encoding (the
 * `simulationJson` the worker writes, serialized) and `databaseWrite` the worker's completing transaction writing it
 * (one row, jsonb) on a throwaway database.
 */
export async function timeGovernanceSimulationArm(arm: TimedArm): Promise<{ figure: Record<string, unknown>; report: SimulationReport }> {
  const cpuStart = process.cpuUsage();
  const loadStart = performance.now();
  const market = loadBundledSimulationMarket();
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const input = { ...defaultSimulationInput(market.lastMs + 3_600_000, arm.policies), evaluationIntervalDays: arm.evaluationIntervalDays, ...arm.capacity };
  const policies = validateSimulationInput(input, { firstMs: market.firstMs, lastMs: market.lastMs });
  const runStart = performance.now();
  const run = runGovernanceSimulation(market, input, policies);
  const runSeconds = (performance.now() - runStart) / 1000;
  const reportStart = performance.now();
  const report = summarizeSimulation(run, market);
  const reportSeconds = (performance.now() - reportStart) / 1000;
  const persistStart = performance.now();
  const stored = simulationJson(compareSimulations(report, report));
  const storedBytes = JSON.stringify(stored).length;
  const persistSeconds = (performance.now() - persistStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const write = await timeSimulationResultWrite(input, arm.policies, stored);
  const total = loadSeconds + runSeconds + reportSeconds + persistSeconds + write.seconds;
  const accounted = run.timings.evaluationCycles + run.timings.execution + run.timings.monitoring + run.timings.governance;
  const stages = { promotionsToPaper: report.counts.promotionsToPaper, promotionsToLive: report.counts.promotionsToLive, maxLiveCount: report.portfolio.maxLiveCount };
  // Which limit kept deployments out of LIVE: approved PAPER → LIVE requests refused at execution, by rule.
  const liveEntryRefusalsByRule: Record<string, number> = {};
  for (const decision of run.decisions) if (decision.kind === 'promotion_blocked' && decision.toStage === 'live') liveEntryRefusalsByRule[decision.rule ?? 'none'] = (liveEntryRefusalsByRule[decision.rule ?? 'none'] ?? 0) + 1;
  return {
    report,
    figure: {
      figure: arm.figure,
      period: { start: new Date(input.startMs).toISOString(), end: new Date(input.endMs).toISOString() },
      seconds: Math.round(total * 10) / 10,
      // CPU time of this (single-threaded) process: what the wall time would be without other load on the 2 cores.
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      budgetSeconds,
      goalSeconds,
      withinBudget: total < budgetSeconds,
      breakdownSeconds: {
        loadAndValidateData: Math.round(loadSeconds * 10) / 10,
        evaluationCycles: Math.round(run.timings.evaluationCycles / 100) / 10,
        execution: Math.round(run.timings.execution / 100) / 10,
        monitoring: Math.round(run.timings.monitoring / 100) / 10,
        governance: Math.round(run.timings.governance / 100) / 10,
        clockLoopAndSeries: Math.round((runSeconds * 1000 - accounted) / 100) / 10,
        report: Math.round(reportSeconds * 10) / 10,
        persistenceEncoding: Math.round(persistSeconds * 10) / 10,
        databaseWrite: write.seconds,
      },
      // CPU above excludes the database write (its time is mostly PostgreSQL's, another process).
      storedResultBytes: storedBytes,
      ladder: stages,
      evaluationCycles: run.evaluationCycles,
      configurationsPerCycle: input.templateIds.length * input.configurationsPerTemplate,
      deploymentsPerStrategy: input.deploymentsPerStrategy ?? 1,
      maxLiveCount: report.portfolio.maxLiveCount,
      liveCap: policies.promotion.portfolio.liveCap,
      liveEntryRefusalsByRule,
      evaluationIntervalDays: input.evaluationIntervalDays,
      barsStepped: run.barsStepped,
      monitoringEvaluations: run.monitoringEvaluations,
      decisions: run.decisions.length,
      report: headline(report),
    },
  };
}

/** Runs the default lifecycle 2020 → end of data and returns the figures (and, with `compare`, the comparisons). */
export async function benchGovernanceSimulation(compare = false): Promise<Record<string, unknown>[]> {
  const market = loadBundledSimulationMarket();
  const input = defaultSimulationInput(market.lastMs + 3_600_000, defaultSimulationPolicyVersions);
  const figures: Record<string, unknown>[] = [(await timeGovernanceSimulationArm(defaultArm)).figure];
  if (compare) {
    const permissive = { ...defaultSimulationPolicyVersions, promotion: permissiveSimulationPromotionVersion };
    figures.push(comparisonFigure('governance_simulation_gates_prevented', runSimulationComparison(market, input, permissive)));
    figures.push(comparisonFigure('governance_simulation_lag_200_vs_1000_bps', runSimulationComparison(market, { ...input, policies: permissive }, { ...permissive, monitoring: lag1000MonitoringVersion })));
    figures.push(comparisonFigure('governance_simulation_permissive_vs_reentry_cooldown', runSimulationComparison(market, { ...input, policies: permissive }, { ...permissive, promotion: permissiveCooldownSimulationPromotionVersion })));
  }
  return figures;
}

/**
 * The budget with the execution half exercised: daily evaluation cycles under the permissive simulation promotion
 * policy (deployments reach SHADOW/PAPER/LIVE, so hourly execution and monitoring run) with room for the live cap
 * ({@link liveCapCapacity}), one arm timed by phase, then a daily two-arm comparison (default vs permissive) timed in
 * wall time, with the database write of its stored result.
 */
export async function benchGovernanceSimulationDaily(armOnly = false, emit: (figure: Record<string, unknown>) => void = () => {}): Promise<Record<string, unknown>[]> {
  const permissive = { ...defaultSimulationPolicyVersions, promotion: permissiveSimulationPromotionVersion };
  const figures: Record<string, unknown>[] = [(await timeGovernanceSimulationArm({ figure: 'governance_simulation_daily_permissive_2020_2026', policies: permissive, evaluationIntervalDays: 1, capacity: liveCapCapacity })).figure];
  emit(figures[0]);
  if (armOnly) return figures;
  const market = loadBundledSimulationMarket();
  const input = { ...defaultSimulationInput(market.lastMs + 3_600_000, defaultSimulationPolicyVersions), evaluationIntervalDays: 1, ...liveCapCapacity };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const comparison = runSimulationComparison(market, input, permissive);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const encodeStart = performance.now();
  const stored = simulationJson(comparison);
  const encodeSeconds = (performance.now() - encodeStart) / 1000;
  const write = await timeSimulationResultWrite(input, permissive, stored);
  figures.push({
    ...comparisonFigure('governance_simulation_daily_default_vs_permissive', comparison),
    seconds: Math.round(seconds * 10) / 10,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
    budgetSeconds,
    withinBudget: seconds < budgetSeconds,
    storedResult: { bytes: write.bytes, encodingSeconds: Math.round(encodeSeconds * 10) / 10, databaseWriteSeconds: write.seconds },
  });
  emit(figures[1]);
  return figures;
}

/**
 * The budget at the live cap: one daily arm under the bench-only stress policies (`…-stress-sim` promotion and
 * monitoring) with {@link liveCapCapacity}, timed by phase; its `maxLiveCount` says how close to the cap it came (the
 * 0.7 correlation and 30 % template limits still apply).
 */
export async function benchGovernanceSimulationStress(): Promise<Record<string, unknown>> {
  const stress = { ...defaultSimulationPolicyVersions, promotion: stressSimulationPromotionVersion, monitoring: stressSimulationMonitoringVersion };
  return (await timeGovernanceSimulationArm({ figure: 'governance_simulation_daily_stress_live_cap_2020_2026', policies: stress, evaluationIntervalDays: 1, capacity: liveCapCapacity })).figure;
}

/**
 * The re-entry cool-down's effect: permissive vs permissive + cool-down on the same history and seed, evaluation
 * cycles every `evaluationIntervalDays`, timed in wall time.
 */
export function benchReentryCooldown(evaluationIntervalDays: number): Record<string, unknown> {
  const market = loadBundledSimulationMarket();
  const permissive = { ...defaultSimulationPolicyVersions, promotion: permissiveSimulationPromotionVersion };
  const input = { ...defaultSimulationInput(market.lastMs + 3_600_000, permissive), evaluationIntervalDays };
  const started = performance.now();
  const comparison = runSimulationComparison(market, input, { ...permissive, promotion: permissiveCooldownSimulationPromotionVersion });
  const seconds = (performance.now() - started) / 1000;
  return { ...comparisonFigure(`governance_simulation_permissive_vs_reentry_cooldown_every_${evaluationIntervalDays}d`, comparison), seconds: Math.round(seconds * 10) / 10 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const interval = Number(process.argv.find((argument) => argument.startsWith('--interval='))?.slice('--interval='.length) ?? 7);
  const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
  if (process.argv.includes('--daily') && process.argv.includes('--stress')) {
    print(await benchGovernanceSimulationStress());
  } else if (process.argv.includes('--daily')) {
    // Each figure as soon as it is measured (the daily run takes many minutes on the shared machine).
    await benchGovernanceSimulationDaily(process.argv.includes('--arm-only'), print);
  } else {
    const figures = process.argv.includes('--cooldown') ? [benchReentryCooldown(interval)] : await benchGovernanceSimulation(process.argv.includes('--compare'));
    for (const figure of figures) print(figure);
  }
}
