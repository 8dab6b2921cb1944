import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { resolveMonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.schema.ts';
import type { MonitoringState } from '../../domain/monitoring/policy/monitoring-state.ts';
import type { BenchmarkBasket } from '../../engine/index.ts';
import { basketDataSetsSql, basketNotApplicableReason, basketReaches, computeBasketSeriesFrom, type BasketDataSet } from '../benchmark/benchmark-basket.service.ts';
import type { BasketNotApplicable } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { sharpeExpectationSqlOf, toSharpeExpectation, type SharpeExpectation, type SharpeExpectationRow } from './expected-sharpe.ts';

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
 * datasets. `lock`: FOR NO KEY UPDATE of the deployment row first, in a statement of its own (the fallback that
 * evaluates under the lock, and the action phase's re-check; rows that only reference the deployment are inserted
 * meanwhile), then that read — so it is the state as of the lock ({@link readDeploymentsEvidence}).
 * @returns null when no such deployment exists.
 */
export async function readDeploymentEvidence(em: EntityManager, deploymentId: string, lock: boolean): Promise<DeploymentEvidence | null> {
  return (await readDeploymentsEvidence(em, [deploymentId], lock)).get(deploymentId) ?? null;
}

/**
 * {@link readDeploymentEvidence} of several deployments in ONE statement (the deployments evaluated on one bar), by
 * deployment id; ids of no deployment are absent. `lock`: TWO statements — the deployment rows FOR NO KEY UPDATE in id
 * order, then the evidence in a snapshot taken once they are locked: what a transaction that held a row committed
 * (a demotion, freeze, rollback or promotion and its record, a monitoring state written, a policy activated) is read.
 * Not one locking statement: its sub-selects (state, policy, newest record, the fingerprint's record sequence) run in the
 * snapshot taken when it started, before it waited for a row, and READ COMMITTED re-checks only the locked row itself
 * after the wait — a decision under the lock on the state from before it, and a fingerprint that missed a record
 * (`server/test/medium/monitoring-evidence-lock.test.ts`).
 */
export async function readDeploymentsEvidence(em: EntityManager, deploymentIds: readonly string[], lock: boolean): Promise<Map<string, DeploymentEvidence>> {
  const found = new Map<string, DeploymentEvidence>();
  if (deploymentIds.length === 0) return found;
  const ids = `{${deploymentIds.join(',')}}`;
  if (lock && (await em.execute('select id from deployment where id = any(?::uuid[]) order by id for no key update', [ids])).length === 0) return found;
  const rows = await em.execute<(Record<string, unknown> & EvidenceColumns)[]>(
    `select d.*, ${deploymentFingerprintSql('d')} as monitor_fingerprint,
            (select json_build_object('policyVersion', s.policy_version, 'state', s.state, 'version', s.xmin::text) from deployment_monitoring_state s where s.deployment_id = d.id) as monitor_state,
            (select json_build_object('id', p.id, 'version', p.version, 'definition', p.definition) from monitoring_policy p where p.active order by p.created_at desc, p.id desc limit 1) as monitor_policy,
            (select json_build_object('decision', r.decision, 'fromStage', r.from_stage, 'automated', (r.metrics_snapshot->>'automated')::boolean)
               from promotion_record r where r.deployment_id = d.id order by r.sequence desc limit 1) as monitor_last_record,
            (select coalesce(json_agg(b), '[]'::json) from (${basketDataSetsSql.replace('?', 'd.timeframe')}) b) as monitor_basket_sets
       from deployment d where d.id = any(?::uuid[])`,
    [ids],
  );
  for (const row of rows) {
    const { monitor_fingerprint: fingerprint, monitor_state: stateRow, monitor_policy: policyRow, monitor_last_record: lastRecord, monitor_basket_sets: basketDataSets, ...columns } = row;
    const deployment = em.map(Deployment, columns);
    found.set(deployment.id, { deployment, fingerprint, stateRow, policyRow, lastRecord, basketDataSets });
  }
  return found;
}

/** A deployment's series for its evaluation ({@link readSeriesEvidenceOf}). */
export interface SeriesEvidence {
  /** P&L marks: bar open times (ms) and equity (NaN where missing), oldest first. */
  marks: { timestamp: Float64Array; equity: Float64Array };
  /** Bar times (ms) of the runtime's data-integrity events from the integrity window before the first mark. */
  integrityEvents: number[];
  /** The backtest's Sharpe of the deployed configuration (`findSharpeExpectation`); null when none. */
  expectation: SharpeExpectation | null;
}

/** What one deployment's series are read over ({@link readSeriesEvidenceOf}): the P&L lookback and the data-integrity window, days. */
export interface SeriesRequest {
  deploymentId: string;
  lookbackDays: number;
  integrityWindowDays: number;
}

/**
 * The series of evaluations in ONE statement (one deployment's, or those of every deployment evaluated on one bar):
 * per deployment, the P&L marks over `lookbackDays` before its newest mark, the data-integrity events
 * (`integrityKinds`) from `integrityWindowDays` before the first of them, and the Sharpe expectation. By deployment id,
 * one entry per request (empty series for a deployment with no mark or no row).
 */
export async function readSeriesEvidenceOf(em: EntityManager, requests: readonly SeriesRequest[], integrityKinds: readonly string[]): Promise<Map<string, SeriesEvidence>> {
  const found = new Map<string, SeriesEvidence>();
  if (requests.length === 0) return found;
  const database = String(em.config.get('dbName'));
  const known = new Map(requests.flatMap((request) => {
    const cached = cachedMarks.get(`${database}:${request.deploymentId}`);
    return cached && cached.lookbackDays === request.lookbackDays && cached.timestamp.length > 0 ? [[request.deploymentId, cached] as const] : [];
  }));
  const rows = await em.execute<{ id: string; window_start_ms: number | null; t: number[] | null; equity: (number | null)[] | null; integrity: number[] | null; expectation: SharpeExpectationRow | null }[]>(
    `select x.id, (extract(epoch from w.start_at) * 1000)::float8 as window_start_ms, m.t, m.equity, i.integrity, (select row_to_json(e) from (${sharpeExpectationSqlOf('dep')}) e) as expectation
       from jsonb_to_recordset(?::jsonb) as x(id uuid, lookback_days float8, integrity_days float8, after_ms float8)
       join deployment dep on dep.id = x.id
       cross join lateral (select (select max(n.bar_at) from pnl_snapshot n where n.deployment_id = x.id) - (x.lookback_days * interval '1 day') as start_at) w
       cross join lateral (
         select array_agg((extract(epoch from p.bar_at) * 1000)::float8 order by p.bar_at) as t, array_agg(p.equity::float8 order by p.bar_at) as equity
           from pnl_snapshot p
          where p.deployment_id = x.id and p.bar_at >= w.start_at and (x.after_ms is null or p.bar_at > to_timestamp(x.after_ms / 1000.0))) m
       cross join lateral (
         select array_agg((extract(epoch from coalesce(e.bar_at, e.occurred_at)) * 1000)::float8) as integrity from deployment_event e
          where e.deployment_id = x.id and e.kind = any(?::text[])
            and coalesce(e.bar_at, e.occurred_at) >= (select min(f.bar_at) from pnl_snapshot f where f.deployment_id = x.id and f.bar_at >= w.start_at) - (x.integrity_days * interval '1 day')) i`,
    [
      JSON.stringify(requests.map((request) => ({ id: request.deploymentId, lookback_days: request.lookbackDays, integrity_days: request.integrityWindowDays, after_ms: known.get(request.deploymentId)?.lastMs ?? null }))),
      `{${integrityKinds.join(',')}}`,
    ],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const request of requests) {
    const row = byId.get(request.deploymentId);
    const times = Float64Array.from(row?.t ?? [], Number);
    const equities = Float64Array.from(row?.equity ?? [], (value) => (value === null ? Number.NaN : Number(value)));
    const marks = row?.window_start_ms == null ? { timestamp: times, equity: equities } : mergeMarks(known.get(request.deploymentId) ?? null, Number(row.window_start_ms), times, equities);
    rememberMarks(`${database}:${request.deploymentId}`, request.lookbackDays, marks);
    found.set(request.deploymentId, {
      marks,
      integrityEvents: (row?.integrity ?? []).map(Number),
      expectation: toSharpeExpectation(row?.expectation ?? null),
    });
  }
  return found;
}

/**
 * The P&L marks this process last read per deployment (its window, for one lookback; keyed by database and deployment), so that the next evaluation reads
 * only the marks after them: a bar's evaluation then reads one new mark per deployment, not its whole window again.
 * Sound because a deployment's marks are append-only and in bar order (the runner inserts them, never updates or
 * deletes one, bar after bar under the deployment's lock, so no mark older than one read can appear later). Bounded by
 * the number of marks kept (least recently used leave first). The arrays are never mutated (merging makes new ones).
 */
const cachedMarks = new Map<string, { lookbackDays: number; lastMs: number; timestamp: Float64Array; equity: Float64Array }>();
const cachedMarksCapacity = 4_000_000;
let cachedMarksCount = 0;

function rememberMarks(key: string, lookbackDays: number, marks: SeriesEvidence['marks']): void {
  const previous = cachedMarks.get(key);
  if (previous) {
    cachedMarks.delete(key);
    cachedMarksCount -= previous.timestamp.length;
  }
  if (marks.timestamp.length === 0 || marks.timestamp.length > cachedMarksCapacity / 4) return;
  cachedMarks.set(key, { lookbackDays, lastMs: marks.timestamp[marks.timestamp.length - 1]!, ...marks });
  cachedMarksCount += marks.timestamp.length;
  while (cachedMarksCount > cachedMarksCapacity) {
    const [oldest, entry] = cachedMarks.entries().next().value!;
    cachedMarks.delete(oldest);
    cachedMarksCount -= entry.timestamp.length;
  }
}

/** The window's marks: the cached ones from `windowStartMs` on, then the ones read after them. */
function mergeMarks(cached: { timestamp: Float64Array; equity: Float64Array } | null, windowStartMs: number, times: Float64Array, equities: Float64Array): SeriesEvidence['marks'] {
  if (!cached) return { timestamp: times, equity: equities };
  let from = 0;
  while (from < cached.timestamp.length && cached.timestamp[from]! < windowStartMs) from++;
  const kept = cached.timestamp.length - from;
  const timestamp = new Float64Array(kept + times.length);
  const equity = new Float64Array(kept + times.length);
  timestamp.set(cached.timestamp.subarray(from));
  timestamp.set(times, kept);
  equity.set(cached.equity.subarray(from));
  equity.set(equities, kept);
  return { timestamp, equity };
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
 *
 * A live feed's window names its `venue`: the basket is then computed from the bars read from that venue
 * (`venue_bar`, see `pollBenchmarkBars`), or the certified datasets' where only those reach the window's last bar
 * (`computeBasketSeriesFrom`). A venue's basket that does not reach it is not kept, so a later evaluation of the bar
 * sees the bars polled since.
 */
export function sharedBasket(
  em: EntityManager,
  policy: MonitoringPolicy,
  window: { timeframe: Timeframe; from: Date; to: Date; preferredDataSetIds: readonly string[]; venue: ExchangeVenue | null },
  dataSets: readonly BasketDataSet[],
): Promise<BenchmarkBasket | BasketNotApplicable | null> {
  const key = JSON.stringify([
    policy.version,
    window.timeframe,
    window.from.getTime(),
    window.to.getTime(),
    [...window.preferredDataSetIds].sort(),
    dataSets.map((set) => `${set.id}:${set.checksum}:${String(set.row_count)}`).sort(),
    window.venue,
  ]);
  const known = baskets.get(key);
  if (known) {
    baskets.delete(key);
    baskets.set(key, known);
    return known;
  }
  const basket = computeBasketSeriesFrom(em, policy, window, dataSets).then(
    (series): BenchmarkBasket | BasketNotApplicable => {
      if (window.venue !== null && !basketReaches(series.basket, window.to.getTime())) baskets.delete(key);
      return series.basket;
    },
    (error: unknown) => {
      const notApplicable = basketNotApplicableReason(error, window.timeframe);
      if (notApplicable !== null) return { notApplicable };
      if (error instanceof ValidationError) {
        if (window.venue !== null) baskets.delete(key);
        return null;
      }
      throw error;
    },
  );
  baskets.set(key, basket);
  basket.catch(() => baskets.delete(key));
  while (baskets.size > basketCapacity) baskets.delete(baskets.keys().next().value!);
  return basket;
}
