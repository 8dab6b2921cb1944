import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { resolveMonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.schema.ts';
import type { MonitoringState } from '../../domain/monitoring/policy/monitoring-state.ts';
import type { BenchmarkBasket } from '../../engine/index.ts';
import { basketDataSetsSql, basketNotApplicableReason, computeBasketSeriesFrom, type BasketDataSet } from '../benchmark/benchmark-basket.service.ts';
import type { BasketNotApplicable } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { sharpeExpectationParams, sharpeExpectationSql, toSharpeExpectation, type SharpeExpectation, type SharpeExpectationRow } from './expected-sharpe.ts';

/**
 * What a monitoring evaluation reads and acts on. Read WITHOUT the deployment's row lock (the runner's bar jobs go on
 * meanwhile); the action phase locks the row and compares {@link DeploymentEvidence.fingerprint} and the monitoring
 * state's version with what was read here: any difference means the evidence is stale and the evaluation starts over.
 */
export interface DeploymentEvidence {
  /** The deployment row as read (not locked unless the read asked for it). */
  deployment: Deployment;
  /**
   * What the evaluation's decisions depend on besides the marks ({@link deploymentFingerprintSql}): activation
   * state, stage, trading state, rollback, freshness limit, sizing limits, replay clock and the newest promotion record.
   * The runner's per-bar columns (account, cursor, health) are not part of it: new marks are the next evaluation's.
   */
  fingerprint: string;
  /** The deployment's monitoring state row: its policy version, persistence state and row version (`xmin`); null before the first evaluation. */
  stateRow: { policyVersion: string; state: MonitoringState; version: string } | null;
  /** The newest active monitoring policy row; null when there is none. */
  policyRow: { id: string; version: string; definition: unknown } | null;
  /** The deployment's newest promotion record: decision, from stage, whether the monitor took it. */
  lastRecord: { decision: string; fromStage: string | null; automated: boolean | null } | null;
  /** The basket's candidate datasets at the deployment's timeframe (`basketDataSetsSql`). */
  basketDataSets: BasketDataSet[];
}

/**
 * The fingerprint of deployment `alias` (SQL text): the columns a monitoring decision depends on and the sequence of
 * its newest promotion record (a demotion, promotion or freeze by anyone), as one text value.
 */
export function deploymentFingerprintSql(alias: string): string {
  return `row(${alias}.activation_state, ${alias}.stage, ${alias}.trading_state, ${alias}.rollback_reason, ${alias}.max_bar_age_ms, ${alias}.capital_allocation,
              ${alias}.max_position_fraction, ${alias}.replay_bar_interval_ms, ${alias}.replay_clock_started_at,
              (select max(r.sequence) from promotion_record r where r.deployment_id = ${alias}.id))::text`;
}

/** The monitoring state row's version: its `xmin` (changes with every write of the row). */
export const monitoringStateVersionSql = `(select s.xmin::text from deployment_monitoring_state s where s.deployment_id = d.id)`;

interface EvidenceColumns {
  monitor_fingerprint: string;
  monitor_state: { policyVersion: string; state: MonitoringState; version: string } | null;
  monitor_policy: { id: string; version: string; definition: unknown } | null;
  monitor_last_record: { decision: string; fromStage: string | null; automated: boolean | null } | null;
  monitor_basket_sets: BasketDataSet[];
}

/**
 * The deployment and everything of its evaluation that is not a series, in ONE statement: the row, its fingerprint,
 * its monitoring state (with version), the active policy, its newest promotion record and the basket's candidate
 * datasets. `lock`: FOR NO KEY UPDATE of the deployment row (the fallback that evaluates under the lock; rows that only
 * reference the deployment are inserted meanwhile).
 * @returns null when no such deployment exists.
 */
export async function readDeploymentEvidence(em: EntityManager, deploymentId: string, lock: boolean): Promise<DeploymentEvidence | null> {
  const [row] = await em.execute<(Record<string, unknown> & EvidenceColumns)[]>(
    `select d.*, ${deploymentFingerprintSql('d')} as monitor_fingerprint,
            (select json_build_object('policyVersion', s.policy_version, 'state', s.state, 'version', s.xmin::text) from deployment_monitoring_state s where s.deployment_id = d.id) as monitor_state,
            (select json_build_object('id', p.id, 'version', p.version, 'definition', p.definition) from monitoring_policy p where p.active order by p.created_at desc, p.id desc limit 1) as monitor_policy,
            (select json_build_object('decision', r.decision, 'fromStage', r.from_stage, 'automated', (r.metrics_snapshot->>'automated')::boolean)
               from promotion_record r where r.deployment_id = d.id order by r.sequence desc limit 1) as monitor_last_record,
            (select coalesce(json_agg(b), '[]'::json) from (${basketDataSetsSql.replace('?', 'd.timeframe')}) b) as monitor_basket_sets
       from deployment d where d.id = ?${lock ? ' for no key update of d' : ''}`,
    [deploymentId],
  );
  if (!row) return null;
  const { monitor_fingerprint: fingerprint, monitor_state: stateRow, monitor_policy: policyRow, monitor_last_record: lastRecord, monitor_basket_sets: basketDataSets, ...columns } = row;
  return { deployment: em.map(Deployment, columns), fingerprint, stateRow, policyRow, lastRecord, basketDataSets };
}

/** A deployment's series for its evaluation ({@link readSeriesEvidence}). */
export interface SeriesEvidence {
  /** P&L marks: bar open times (ms) and equity (NaN where missing), oldest first. */
  marks: { timestamp: Float64Array; equity: Float64Array };
  /** Bar times (ms) of the runtime's data-integrity events from the integrity window before the first mark. */
  integrityEvents: number[];
  /** The backtest's Sharpe of the deployed configuration (`findSharpeExpectation`); null when none. */
  expectation: SharpeExpectation | null;
}

/**
 * The series of an evaluation in ONE statement: the P&L marks over `lookbackDays` before the newest mark, the
 * data-integrity events (`integrityKinds`) from `integrityWindowDays` before the first of them, and the Sharpe expectation.
 */
export async function readSeriesEvidence(em: EntityManager, deployment: Deployment, lookbackDays: number, integrityKinds: readonly string[], integrityWindowDays: number): Promise<SeriesEvidence> {
  const [row] = await em.execute<{ t: number[] | null; equity: (number | null)[] | null; integrity: number[] | null; expectation: SharpeExpectationRow | null }[]>(
    `with marks as (
       select bar_at, equity from pnl_snapshot
        where deployment_id = ? and bar_at >= (select max(bar_at) from pnl_snapshot where deployment_id = ?) - (? * interval '1 day'))
     select (select array_agg((extract(epoch from bar_at) * 1000)::float8 order by bar_at) from marks) as t,
            (select array_agg(equity::float8 order by bar_at) from marks) as equity,
            (select array_agg((extract(epoch from coalesce(e.bar_at, e.occurred_at)) * 1000)::float8) from deployment_event e
              where e.deployment_id = ? and e.kind in (${integrityKinds.map(() => '?').join(', ')})
                and coalesce(e.bar_at, e.occurred_at) >= (select min(bar_at) from marks) - (? * interval '1 day')) as integrity,
            (select row_to_json(x) from (${sharpeExpectationSql}) x) as expectation`,
    [deployment.id, deployment.id, lookbackDays, deployment.id, ...integrityKinds, integrityWindowDays, ...sharpeExpectationParams(deployment)],
  );
  const times = row?.t ?? [];
  const equities = row?.equity ?? [];
  return {
    marks: { timestamp: Float64Array.from(times, Number), equity: Float64Array.from(equities, (value) => (value === null ? Number.NaN : Number(value))) },
    integrityEvents: (row?.integrity ?? []).map(Number),
    expectation: toSharpeExpectation(row?.expectation ?? null),
  };
}

/** Parsed policies by row id (a policy row is never edited: a change is a new version). */
const parsedPolicies = new Map<string, ReturnType<typeof resolveMonitoringPolicy>>();

/** The active policy row's resolution (`resolveMonitoringPolicy`), parsed once per row and process. */
export function resolvePolicyRow(row: DeploymentEvidence['policyRow']): ReturnType<typeof resolveMonitoringPolicy> {
  if (!row) return resolveMonitoringPolicy(null);
  const known = parsedPolicies.get(row.id);
  if (known) return known;
  const resolution = resolveMonitoringPolicy(row.definition as never);
  if (parsedPolicies.size >= 64) parsedPolicies.clear();
  parsedPolicies.set(row.id, resolution);
  return resolution;
}

/** Baskets computed this process, most recently used last ({@link sharedBasket}). */
const baskets = new Map<string, Promise<BenchmarkBasket | BasketNotApplicable | null>>();
const basketCapacity = 32;

/**
 * The benchmark basket of a window, computed once per process for every deployment evaluated on the same window (the
 * same bar, the same lookback) and the same candidate datasets, policy and preferred datasets, and shared by them: with
 * 100 deployments on one bar it is computed once, not 100 times. The key holds everything the basket depends on (the
 * datasets by id and checksum: a new certified dataset makes a new key), so a shared basket is exactly the one the
 * deployment would compute. Bounded (least recently used leave first). No buildable basket → null (the rules that need it are `unknown`,
 * fail closed) — unless the platform defines no basket at the timeframe at all ({@link basketNotApplicableReason}): then
 * `{ notApplicable: reason }` (those rules are `not_applicable`, with the reason).
 */
export function sharedBasket(em: EntityManager, policy: MonitoringPolicy, window: { timeframe: Timeframe; from: Date; to: Date; preferredDataSetIds: readonly string[] }, dataSets: readonly BasketDataSet[]): Promise<BenchmarkBasket | BasketNotApplicable | null> {
  const key = JSON.stringify([
    policy.version,
    window.timeframe,
    window.from.getTime(),
    window.to.getTime(),
    [...window.preferredDataSetIds].sort(),
    dataSets.map((set) => `${set.id}:${set.checksum}:${String(set.row_count)}`).sort(),
  ]);
  const known = baskets.get(key);
  if (known) {
    baskets.delete(key);
    baskets.set(key, known);
    return known;
  }
  const basket = computeBasketSeriesFrom(em, policy, window, dataSets).then(
    (series): BenchmarkBasket | BasketNotApplicable => series.basket,
    (error: unknown) => {
      const notApplicable = basketNotApplicableReason(error, window.timeframe);
      if (notApplicable !== null) return { notApplicable };
      if (error instanceof ValidationError) return null;
      throw error;
    },
  );
  baskets.set(key, basket);
  basket.catch(() => baskets.delete(key));
  while (baskets.size > basketCapacity) baskets.delete(baskets.keys().next().value!);
  return basket;
}
