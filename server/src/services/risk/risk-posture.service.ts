import { runningActivationStates, type ActivationState } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { strictestTradingState, type TradingState } from '../../domain/deployment/trading-state.lifecycle.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { timeframeMilliseconds, type Timeframe } from '../../domain/market-data/timeframe.ts';
import type { DeploymentMarks } from '../../domain/monitoring/policy/deployment-marks.ts';
import { indexAtOrBefore } from '../../domain/monitoring/policy/deployment-marks.ts';
import { evaluateMonitoringRules, type DeploymentRuleName, type MonitoringRuleStatus } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { initialMonitoringState } from '../../domain/monitoring/policy/monitoring-state.ts';
import { evaluateStrategyRedundancy, type RedundancyPair } from '../../domain/monitoring/policy/strategy-redundancy.ts';
import type { Governance } from '../auth/authorize.ts';
import { loadActiveMonitoringPolicy } from '../benchmark/active-monitoring-policy.ts';
import { basketNotApplicableReason, computeBasketSeries, type BenchmarkBasketSeries } from '../benchmark/benchmark-basket.service.ts';
import type { ServiceContext } from '../service-context.ts';

/** Deployments the wall shows: every one the runner may still process (pending, active) or a person may resume (paused). */
export const postureActivationStates: readonly ActivationState[] = [...runningActivationStates, 'paused'];

/** At most this many deployments on the wall (oldest first beyond it are left off; `truncated` says so). */
export const postureDeploymentLimit = 200;

/** Points of a row's sparkline at most (the lag window's marks, thinned evenly keeping the latest). */
export const sparklinePoints = 60;

/** Rules whose evidence the posture loads in full (marks and basket); their breaches are listed on a row. */
const reportedRules: ReadonlySet<DeploymentRuleName> = new Set(['benchmarkLag', 'drawdownVsBenchmark', 'underperformance', 'drawdown', 'dailyLoss', 'valueAtRisk', 'conditionalValueAtRisk']);

/** One point of a row's sparkline: the deployment's return and the basket's over the lag window, both from its first mark. */
export interface SparklinePoint {
  barAt: Date;
  /** equity / equity at the window's first mark − 1, fraction. */
  returnFraction: number;
  /** basket equity / basket equity at the window's first mark − 1 (each read at or before the mark), fraction; null where the basket has no bar. */
  basketReturnFraction: number | null;
}

/** One deployment on the risk wall. */
export interface DeploymentPosture {
  deployment: Deployment;
  /** The stricter of the deployment's and the global trading state. */
  effectiveTradingState: TradingState;
  /** The global or its strategy's kill switch is on. */
  killSwitchOn: boolean;
  /** Incidents open or in review about this deployment, or about its strategy without a deployment named. */
  openIncidents: number;
  /** Open time of the last P&L mark; null before the first. */
  lastMarkAt: Date | null;
  /** The `benchmarkLag` rule's measured active return × 10,000 (bps; negative = behind the basket); null when not measured. */
  lagVsBasketBps: number | null;
  /**
   * The `benchmarkLag` rule's status on the last mark (`unknown` fails closed: missing mark, stale basket…;
   * `not_applicable`: the platform defines no basket at the deployment's timeframe — no block).
   */
  lagStatus: MonitoringRuleStatus;
  /** Why the lag was not measured (the not-applicable or unknown reason); null when it was. */
  lagReason: string | null;
  /** The rule's message: window, live and basket returns, threshold, or why it is unknown or not applicable. */
  lagMessage: string;
  /** Rules breaching on the last mark (of those the posture loads evidence for), e.g. `benchmarkLag`, `drawdown`. */
  breachedRules: DeploymentRuleName[];
  sparkline: SparklinePoint[];
}

/** Every active deployment's posture, as of `asOf`. */
export interface RiskPosture {
  asOf: Date;
  /** The monitoring policy the lag was measured under; null when none is valid (every lag is then unknown). */
  policyVersion: string | null;
  /** Why there is no valid policy; null when there is one. */
  policyProblem: string | null;
  deployments: DeploymentPosture[];
  /** More than {@link postureDeploymentLimit} deployments are active: the newest beyond it are left off. */
  truncated: boolean;
  /** Pairwise correlation of the active deployments' daily returns (`evaluateStrategyRedundancy`, the correlation rule). */
  correlations: RedundancyPair[];
  /** The basket per timeframe the deployments trade, over the posture's window; absent where it could not be computed. */
  /** Per timeframe traded, and per venue of the live feeds at it (`venue` null: the replays' basket, from certified bars). */
  baskets: { timeframe: Timeframe; venue: ExchangeVenue | null; series: BenchmarkBasketSeries | null; problem: string | null; notApplicable: boolean }[];
}

interface MarkRow {
  deployment_id: string;
  t: number;
  equity: number;
}

/**
 * The risk desk's view of every active deployment (issue 13 "Risk desk"): P&L and drawdown (the deployment's own
 * fields), lag vs the benchmark basket in bps, stage, trading state, open incidents, a sparkline of its return vs
 * the basket's over the lag window, and the correlation of the live strategies.
 *
 * The lag is the monitoring rule's own measurement: `evaluateMonitoringRules` (domain/monitoring/policy) runs on each
 * deployment's marks over the policy's windows and the basket computed from the bars of its timeframe (its replay
 * dataset preferred), and the row shows its `benchmarkLag` result — never a second formula. The evaluation here is a
 * read (a fresh persistence state, nothing acted on); the monitoring worker acts. Its clock is the deployment's:
 * the close of its last mark for a replay (market time), the platform clock for a live feed.
 * Needs `read Deployment`; capital figures are read through the Deployment type's guarded fields.
 */
export class RiskPostureService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The posture now. @throws ForbiddenError (needs `read Deployment`). */
  async posture(): Promise<RiskPosture> {
    await this.governance.authorize('read', 'Deployment');
    const em = this.ctx.em;
    const asOf = this.ctx.clock.now();
    const found = await em.find(Deployment, { activationState: { $in: [...postureActivationStates] } }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: postureDeploymentLimit + 1 });
    const truncated = found.length > postureDeploymentLimit;
    const deployments = found.slice(0, postureDeploymentLimit);
    const active = await loadActiveMonitoringPolicy(em);
    const policy = active.policy;
    const ids = deployments.map((deployment) => deployment.id);
    const idArray = `{${ids.join(',')}}`;
    if (ids.length === 0) return { asOf, policyVersion: policy?.version ?? null, policyProblem: active.problem, deployments: [], truncated, correlations: [], baskets: [] };

    const [globalRow] = await em.execute<{ trading_state: TradingState }[]>(`select trading_state from global_trading_state where id = 'global'`);
    const globalState: TradingState = globalRow?.trading_state ?? 'halted';
    const switches = await em.execute<{ scope: string; strategy_id: string | null }[]>(`select scope, strategy_id from kill_switch where state = 'on'`);
    const globalSwitch = switches.some((row) => row.scope === 'global');
    const strategySwitches = new Set(switches.filter((row) => row.strategy_id).map((row) => row.strategy_id!));
    const incidentRows = await em.execute<{ deployment_id: string; open: number }[]>(
      `select d.id as deployment_id, count(i.id)::int as open
         from deployment d join monitoring_incident i
           on i.status in ('open', 'in_review') and (i.deployment_id = d.id or (i.deployment_id is null and i.strategy_id = d.strategy_id))
        where d.id = any(?::uuid[]) group by d.id`,
      [idArray],
    );
    const openIncidents = new Map(incidentRows.map((row) => [row.deployment_id, row.open]));

    const windowDays = policy ? Math.max(...[...reportedRules].map((rule) => policy.rules[rule].windowDays), policy.rules.correlation.windowDays) : 30;
    const markRows = await em.execute<MarkRow[]>(
      `select p.deployment_id, (extract(epoch from p.bar_at) * 1000)::float8 as t, p.equity
         from pnl_snapshot p
         join lateral (select max(bar_at) as last from pnl_snapshot l where l.deployment_id = p.deployment_id) latest on true
        where p.deployment_id = any(?::uuid[])
          and p.bar_at >= coalesce((select max(bar_at) from pnl_snapshot s where s.deployment_id = p.deployment_id and s.bar_at <= latest.last - make_interval(days => ?)), '-infinity'::timestamptz)
        order by p.deployment_id, p.bar_at`,
      [idArray, windowDays],
    );
    const marksOf = new Map<string, { t: number[]; equity: number[] }>();
    for (const row of markRows) {
      const entry = marksOf.get(row.deployment_id) ?? { t: [], equity: [] };
      entry.t.push(row.t);
      entry.equity.push(row.equity);
      marksOf.set(row.deployment_id, entry);
    }

    const baskets = policy ? await this.baskets(policy, deployments, marksOf, windowDays) : [];
    const rows: DeploymentPosture[] = deployments.map((deployment) => {
      const marks = marksOf.get(deployment.id) ?? { t: [], equity: [] };
      const timestamp = Float64Array.from(marks.t);
      const equity = Float64Array.from(marks.equity);
      const basketEntry = baskets.find((entry) => entry.timeframe === deployment.timeframe && entry.venue === basketVenueOf(deployment));
      const basket = basketEntry?.series ?? null;
      const base = {
        deployment,
        effectiveTradingState: strictestTradingState(globalState, deployment.tradingState),
        killSwitchOn: globalSwitch || strategySwitches.has(deployment.strategy.id),
        openIncidents: openIncidents.get(deployment.id) ?? 0,
        lastMarkAt: timestamp.length > 0 ? new Date(timestamp[timestamp.length - 1]) : null,
      };
      if (!policy || deployment.timeframe === 'tick') {
        const reason = active.problem ?? 'a tick feed has no basket bars';
        return { ...base, lagVsBasketBps: null, lagStatus: 'unknown' as const, lagReason: reason, lagMessage: reason, breachedRules: [], sparkline: sparkline(timestamp, equity, 0, null) };
      }
      const barDurationMs = timeframeMilliseconds[deployment.timeframe];
      const input: DeploymentMarks = { deploymentId: deployment.id, stage: deployment.stage, barDurationMs, maxBarAgeMs: deployment.maxBarAgeMs, timestamp, equity, expectedSharpe: null, regimeBand: null, dataIntegrityEvents: 0 };
      const nowMs = deployment.feedKind === 'replay' && timestamp.length > 0 ? timestamp[timestamp.length - 1] + barDurationMs : asOf.getTime();
      // No basket defined at the timeframe → the benchmark rules are not applicable (the worker's verdict too); any other missing basket → unknown.
      const basketInput = basketEntry?.notApplicable ? { notApplicable: basketEntry.problem! } : (basket?.basket ?? null);
      const evaluation = evaluateMonitoringRules(input, basketInput, policy, initialMonitoringState(deployment.id), nowMs);
      const lag = evaluation.results.find((result) => result.rule === 'benchmarkLag')!;
      const lagStart = timestamp.length > 0 ? Math.max(0, indexAtOrBefore(timestamp, timestamp[timestamp.length - 1] - policy.rules.benchmarkLag.windowDays * 86_400_000)) : 0;
      return {
        ...base,
        lagVsBasketBps: lag.measured === null ? null : lag.measured * 10_000,
        lagStatus: lag.status,
        lagReason: lag.reason,
        lagMessage: lag.message,
        breachedRules: evaluation.results.filter((result) => result.status === 'breach' && reportedRules.has(result.rule)).map((result) => result.rule),
        sparkline: sparkline(timestamp, equity, lagStart, basket),
      };
    });
    const correlations = policy
      ? evaluateStrategyRedundancy(
          deployments.map((deployment, index) => {
            const marks = marksOf.get(deployment.id) ?? { t: [], equity: [] };
            return { deploymentId: deployment.id, rank: index + 1, timestamp: Float64Array.from(marks.t), equity: Float64Array.from(marks.equity) };
          }),
          policy,
          {},
        ).pairs
      : [];
    return { asOf, policyVersion: policy?.version ?? null, policyProblem: active.problem, deployments: rows, truncated, correlations, baskets };
  }

  /**
   * The basket of each timeframe traded (per venue of its live feeds: a live feed's basket comes from the bars read from
   * its venue, as monitoring's), from `windowDays` before the earliest mark needed to the latest mark.
   */
  private async baskets(policy: MonitoringPolicy, deployments: readonly Deployment[], marksOf: ReadonlyMap<string, { t: number[] }>, windowDays: number): Promise<RiskPosture['baskets']> {
    const groups = new Map<string, { timeframe: Exclude<Timeframe, 'tick'>; venue: ExchangeVenue | null; deployments: Deployment[] }>();
    for (const deployment of deployments) {
      if (deployment.timeframe === 'tick') continue;
      const venue = basketVenueOf(deployment);
      const key = `${deployment.timeframe}|${venue ?? ''}`;
      const group = groups.get(key) ?? { timeframe: deployment.timeframe, venue, deployments: [] };
      group.deployments.push(deployment);
      groups.set(key, group);
    }
    const result: RiskPosture['baskets'] = [];
    for (const { timeframe, venue, deployments: group } of groups.values()) {
      const times = group.flatMap((deployment) => {
        const marks = marksOf.get(deployment.id)?.t ?? [];
        return marks.length > 0 ? [marks[0], marks[marks.length - 1]] : [];
      });
      if (times.length === 0) {
        result.push({ timeframe, venue, series: null, problem: 'no P&L mark yet', notApplicable: false });
        continue;
      }
      const from = new Date(Math.min(...times) - (windowDays + 1) * 86_400_000);
      const to = new Date(Math.max(...times));
      try {
        const series = await computeBasketSeries(this.ctx.em, policy, { timeframe, from, to, venue, preferredDataSetIds: group.flatMap((deployment) => (deployment.replayDataset ? [deployment.replayDataset.id] : [])) });
        result.push({ timeframe, venue, series, problem: null, notApplicable: false });
      } catch (error) {
        const notApplicable = basketNotApplicableReason(error, timeframe);
        result.push({ timeframe, venue, series: null, problem: notApplicable ?? (error as Error).message, notApplicable: notApplicable !== null });
      }
    }
    return result;
  }
}

/** The venue whose bars a deployment's basket comes from: a live feed's; null for a replay (certified bars). */
function basketVenueOf(deployment: Deployment): ExchangeVenue | null {
  return deployment.feedKind === 'live' ? (deployment.feedVenue ?? null) : null;
}

/** The marks from `start` to the last, thinned to {@link sparklinePoints} keeping the latest, as returns from `start` (deployment and basket). */
function sparkline(timestamp: Float64Array, equity: Float64Array, start: number, basket: BenchmarkBasketSeries | null): SparklinePoint[] {
  const last = timestamp.length - 1;
  if (last < start) return [];
  const step = Math.max(1, Math.ceil((last - start + 1) / sparklinePoints));
  const series = basket?.basket;
  const basketAt = (time: number): number | null => {
    if (!series) return null;
    const index = indexAtOrBefore(series.timestamp, time);
    return index < 0 ? null : series.equity[index];
  };
  const basketStart = basketAt(timestamp[start]);
  const points: SparklinePoint[] = [];
  for (let k = last; k >= start; k -= step) {
    const basketNow = basketAt(timestamp[k]);
    points.push({
      barAt: new Date(timestamp[k]),
      returnFraction: equity[k] / equity[start] - 1,
      basketReturnFraction: basketNow === null || basketStart === null ? null : basketNow / basketStart - 1,
    });
  }
  return points.reverse();
}
