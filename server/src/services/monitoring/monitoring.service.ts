import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { VenueProvider } from '../../domain/deployment/venue.ts';
import { replayClockNow } from '../../domain/deployment/replay-clock.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { DeploymentMonitoringState } from '../../domain/monitoring/deployment-monitoring-state.entity.ts';
import type { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { BenchmarkBasket } from '../../engine/index.ts';
import { millisecondsPerDay, type DeploymentMarks } from '../../domain/monitoring/policy/deployment-marks.ts';
import { evaluateMonitoringRules, type BasketNotApplicable, type MonitoringActionDecision, type MonitoringEvaluation } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { monitoringRuleNames, type MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { initialMonitoringState, type MonitoringState } from '../../domain/monitoring/policy/monitoring-state.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { executeWithBindParameters } from '../../infra/db/bound-statement.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import type { Governance } from '../auth/authorize.ts';
import { pollBenchmarkBars } from '../benchmark/venue-benchmark-bars.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import { loadRegimeTimeline, regimeBandAt, type RegimeTimeline } from './deployment-regimes.ts';
import { lockStrategyOfDeployment } from '../promotion/stage-demotion.ts';
import { takeMonitoringAction } from './monitoring-actions.ts';
import { deploymentFingerprintSql, readDeploymentEvidence, readDeploymentsEvidence, readSeriesEvidenceOf, resolvePolicyRow, sharedBasket, type DeploymentEvidence, type SeriesEvidence, type SeriesRequest } from './monitoring-evidence.ts';

/** At most this many not-yet-evaluated marks are evaluated by one job, oldest first (a long catch-up evaluates the newest). */
const maxMarksPerEvaluation = 500;

/** Data-integrity event kinds of the runtime the `dataIntegrity` rule counts. */
const dataIntegrityKinds = ['stale_feed', 'clock_skew', 'out_of_order_bar', 'invalid_bar', 'feed_gap'] as const;

/** What one evaluation job did. */
export interface MonitoringOutcome {
  deploymentId: string;
  /** Why nothing was evaluated (not running, no mark); null when it was. */
  skipped: string | null;
  policyVersion: string | null;
  /** Marks evaluated (each in time order, persistence carried from one to the next). */
  marksEvaluated: number;
  /** Incidents written by this job (one per breach key acted on). */
  incidents: MonitoringIncident[];
  /** The evaluation of the newest mark. */
  last: MonitoringEvaluation | null;
  /**
   * Evaluations started over because what they read changed before they could act (another evaluation of the
   * deployment acted, or its stage, activation, trading state, limits or promotion record moved); the last one
   * read and acted under the deployment's row lock when {@link optimisticAttempts} were all stale.
   */
  restarts: number;
  /** Where the job's time went, ms: reading the evidence, the pure rules, and holding the deployment's row lock (the action phase). */
  timings: { evidenceMs: number; rulesMs: number; lockedMs: number };
}

/** What one batched evaluation ({@link MonitoringService.evaluateMany}) did. */
export interface MonitoringBatchOutcome {
  /** Per deployment evaluated (in the order asked, duplicates once). */
  outcomes: MonitoringOutcome[];
  /** Per deployment that failed (not found, or an error of its own): the others were evaluated. */
  failures: { deploymentId: string; error: unknown }[];
  /** Deployments evaluated again on their own ({@link MonitoringService.evaluate}'s path) because their evidence moved before their write or action. */
  evaluatedAlone: number;
  /**
   * Where the batch's time went, ms: reading the evidence (the two batched statements, then the shared basket and
   * regimes), the pure rules, the one state write, the actions (a transaction each), the evaluations done again alone.
   */
  timings: { evidenceMs: number; rulesMs: number; writeMs: number; actMs: number; singleMs: number };
}

/** Evaluations that read without the row lock before one reads under it (each starts over on stale evidence). */
const optimisticAttempts = 3;

/** An evaluation's decisions, made from evidence read without the lock (pure; {@link MonitoringService.decide}). */
interface MonitoringPlan {
  policyVersion: string;
  /** Per evaluated mark, in time order: its actions. */
  steps: MonitoringActionDecision[][];
  marksEvaluated: number;
  last: MonitoringEvaluation | null;
  state: MonitoringState | null;
  lastMarkMs: number | null;
}

/** What an evaluation decides on: the evidence and the policy with the series, or why the policy fails closed. */
type EvaluationInput = { evidence: DeploymentEvidence; failClosed: string } | { evidence: DeploymentEvidence; policy: MonitoringPolicy; series: SeriesEvidence };

/**
 * What an evaluation of `evidence` needs next: nothing (skipped, with the reason), the fail-closed freeze (no valid
 * policy), or its series (the request: the longest rule window plus a day, and the data-integrity window).
 */
function classifyEvidence(evidence: DeploymentEvidence): { evidence: DeploymentEvidence; skipped: string } | { evidence: DeploymentEvidence; failClosed: string } | { evidence: DeploymentEvidence; policy: MonitoringPolicy; series: SeriesRequest } {
  const { deployment } = evidence;
  if (!['pending', 'active', 'paused'].includes(deployment.activationState)) return { evidence, skipped: `deployment is ${deployment.activationState}` };
  if (deployment.timeframe === 'tick') return { evidence, skipped: 'a tick feed has no bar length' };
  const resolution = resolvePolicyRow(evidence.policyRow);
  if (!resolution.valid) return { evidence, failClosed: resolution.reason };
  const policy = resolution.policy;
  const lookbackDays = Math.max(...monitoringRuleNames.map((name) => policy.rules[name].windowDays)) + 1;
  return { evidence, policy, series: { deploymentId: deployment.id, lookbackDays, integrityWindowDays: policy.rules.dataIntegrity.windowDays } };
}

/** Per database, venue, timeframe and policy version: the last bar through which a live feed's basket members were read from the venue. */
const venueBasketPolledThrough = new Map<string, number>();

/**
 * Continuous monitoring (issue 13; lifecycle-spec FR-026…FR-032, orchestration-spec FR-007/FR-008): on every P&L mark
 * of every running deployment — a job queued by the runner's bar transaction — evaluates the active
 * `MonitoringPolicy`'s rules (`evaluateMonitoringRules`, pure) over the deployment's marks and the benchmark basket
 * built from the same bars (a live feed's: its venue's bars, read first by {@link pollVenueBasket}), and takes each
 * action once (`takeMonitoringAction`).
 *
 * The evidence (the deployment, its monitoring state, the policy, its marks, events, expectation; the basket and the
 * regimes shared across deployments) is read WITHOUT the deployment's row lock, in two statements, and the rules run
 * on it; only then is the row locked, for the action phase alone: one transaction that re-checks that nothing the
 * decisions depend on moved since the read (the deployment's fingerprint and the monitoring state's version), and
 * takes the actions and writes the state — or writes nothing and the evaluation starts over on fresh evidence. An
 * evaluation with no action writes its state with one compare-and-set statement and takes no lock at all. So the
 * runner's bar job for the deployment never waits for an evaluation, only for an action; two workers or a retried job
 * still act once (the second finds the state moved, re-reads, and finds the breach acted on; its key is also UNIQUE).
 */
export class MonitoringService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  private readonly notifications: NotificationService;
  private readonly venues: VenueProvider | undefined;
  /**
   * @param venues the exchange connectors a live feed's basket members are read from ({@link pollVenueBasket}); without
   *   them a live feed's basket comes from the certified datasets alone.
   */
  constructor(ctx: ServiceContext, governance: Governance, triggers: TriggerService, notifications: NotificationService, venues?: VenueProvider) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = triggers;
    this.notifications = notifications;
    this.venues = venues;
  }

  /**
   * Queues the deployment's evaluation now, in `em`'s transaction, into the platform's one batched monitoring job
   * ({@link monitoringBatchJobKey}, the default shard count): deployments whose marks are written while the job waits are
   * evaluated by it, together.
   */
  static async scheduleEvaluation(em: EntityManager, deploymentId: string): Promise<void> {
    await enqueueJob(em, 'evaluate_deployment_monitoring', [{ deploymentId }], { jobKey: monitoringBatchJobKey(deploymentId), jobKeyMode: 'replace' });
  }

  /**
   * Evaluates every mark of the deployment not evaluated yet (at most {@link maxMarksPerEvaluation}, oldest first) and
   * acts on the sustained breaches and unknown rules — every action and the new state in ONE transaction holding the
   * deployment's row lock, taken only after the evidence was read and the rules ran (see the class). The market clock
   * is the deployment's own (a replay's bar close or replay clock, a live feed's platform clock). An invalid or
   * missing policy fails closed: OBSERVE and freeze, once per policy version. Platform use only (the worker).
   * @throws NotFoundError, ForbiddenError (anyone but the platform).
   */
  async evaluate(deploymentId: string): Promise<MonitoringOutcome> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    return this.evaluateAuthorized(deploymentId);
  }

  /** {@link evaluate} once authorized: optimistic attempts, then one under the lock. */
  private async evaluateAuthorized(deploymentId: string): Promise<MonitoringOutcome> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(deploymentId, attempt >= optimisticAttempts);
      if (outcome !== 'stale') return { ...outcome, restarts: attempt };
    }
  }

  /**
   * Evaluates the deployments due on one bar together (the worker's batched `evaluate_deployment_monitoring`): the
   * same evaluation as {@link evaluate}, with the evidence of all of them read in TWO statements (deployments with their
   * state, policy, record and basket candidates; then every series), the basket and regimes shared, the pure rules per
   * deployment, and the states of those without an action written in ONE compare-and-set statement — no lock held.
   * Each deployment with an action acts in a transaction of its own that locks its row and re-checks its evidence (as
   * {@link evaluate}); a deployment whose evidence moved meanwhile (or whose write failed) is evaluated again on its own
   * by {@link evaluate}'s path, so two workers or a retried job still act once. A failure of one deployment does not
   * stop the others: it is returned with its id. Platform use only. @throws ForbiddenError (anyone but the platform).
   */
  async evaluateMany(deploymentIds: readonly string[]): Promise<MonitoringBatchOutcome> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    const ids = [...new Set(deploymentIds)];
    const started = performance.now();
    const timings: MonitoringBatchOutcome['timings'] = { evidenceMs: 0, rulesMs: 0, writeMs: 0, actMs: 0, singleMs: 0 };
    const outcomes = new Map<string, MonitoringOutcome>();
    const failures = new Map<string, unknown>();
    const em = this.ctx.em.fork();
    const evidences = await readDeploymentsEvidence(em, ids, false);
    const inputs = ids.flatMap((id) => {
      const evidence = evidences.get(id);
      if (!evidence) failures.set(id, new NotFoundError('Deployment', id));
      return evidence ? [classifyEvidence(evidence)] : [];
    });
    const series = await readSeriesEvidenceOf(em, inputs.flatMap((input) => ('series' in input ? [input.series] : [])), dataIntegrityKinds);
    timings.evidenceMs = performance.now() - started;
    const wallNow = this.ctx.clock.now();
    const quiet: { evidence: DeploymentEvidence; plan: MonitoringPlan; timings: MonitoringOutcome['timings'] }[] = [];
    const acting: { evidence: DeploymentEvidence; plan: MonitoringPlan; failClosed: MonitoringActionDecision | null; timings: MonitoringOutcome['timings'] }[] = [];
    const again: string[] = [];
    for (const classified of inputs) {
      const id = classified.evidence.deployment.id;
      const own = { evidenceMs: 0, rulesMs: 0, lockedMs: 0 };
      if ('skipped' in classified) {
        outcomes.set(id, { deploymentId: id, skipped: classified.skipped, policyVersion: null, marksEvaluated: 0, incidents: [], last: null, restarts: 0, timings: own });
        continue;
      }
      try {
        const input: EvaluationInput = 'series' in classified ? { evidence: classified.evidence, policy: classified.policy, series: series.get(id)! } : classified;
        const planned = await this.plan(em, input, own, wallNow, true);
        timings.evidenceMs += own.evidenceMs;
        timings.rulesMs += own.rulesMs;
        if ('skipped' in planned) outcomes.set(id, { ...planned, restarts: 0 });
        else if (planned.plan.steps.some((actions) => actions.length > 0)) acting.push({ evidence: classified.evidence, ...planned, timings: own });
        else quiet.push({ evidence: classified.evidence, plan: planned.plan, timings: own });
      } catch (error) {
        failures.set(id, error);
      }
    }
    const writeStarted = performance.now();
    let written = new Set<string>();
    try {
      written = await this.writeStatesIfUnchanged(this.ctx.em.fork(), quiet, wallNow);
    } catch (error) {
      // E.g. a deadlock with another batch writing the same states in another order: each is evaluated again on its own.
      this.ctx.logger.warn({ err: error, deployments: quiet.length }, 'monitoring: the batched state write failed; evaluating those deployments one by one');
    }
    for (const { evidence, plan, timings: own } of quiet) {
      const id = evidence.deployment.id;
      if (written.has(id)) outcomes.set(id, { deploymentId: id, skipped: null, policyVersion: plan.policyVersion, marksEvaluated: plan.marksEvaluated, incidents: [], last: plan.last, restarts: 0, timings: own });
      else again.push(id);
    }
    const actStarted = performance.now();
    timings.writeMs = actStarted - writeStarted;
    for (const { evidence, plan, failClosed, timings: own } of acting) {
      const id = evidence.deployment.id;
      try {
        const outcome = await this.act(null, evidence, plan, failClosed, own, wallNow);
        if (outcome === 'stale') again.push(id);
        else outcomes.set(id, { ...outcome, restarts: 0 });
      } catch (error) {
        failures.set(id, error);
      }
    }
    const singleStarted = performance.now();
    timings.actMs = singleStarted - actStarted;
    for (const id of again) {
      try {
        const outcome = await this.evaluateAuthorized(id);
        outcomes.set(id, { ...outcome, restarts: outcome.restarts + 1 });
      } catch (error) {
        failures.set(id, error);
      }
    }
    timings.singleMs = performance.now() - singleStarted;
    return { outcomes: ids.flatMap((id) => (outcomes.has(id) ? [outcomes.get(id)!] : [])), failures: ids.flatMap((id) => (failures.has(id) ? [{ deploymentId: id, error: failures.get(id) }] : [])), evaluatedAlone: again.length, timings };
  }

  /**
   * One evaluation: read, decide, act. `locked`: the deployment row is locked before the read (never stale; the
   * fallback after {@link optimisticAttempts} stale ones). @returns 'stale' when the evidence moved before the action phase (nothing written).
   */
  private async attempt(deploymentId: string, locked: boolean): Promise<Omit<MonitoringOutcome, 'restarts'> | 'stale'> {
    const started = performance.now();
    const timings = { evidenceMs: 0, rulesMs: 0, lockedMs: 0 };
    const skip = (reason: string, policyVersion: string | null = null) => ({ deploymentId, skipped: reason, policyVersion, marksEvaluated: 0, incidents: [], last: null, timings });
    const read = async (em: EntityManager) => {
      const evidence = await readDeploymentEvidence(em, deploymentId, locked);
      if (!evidence) throw new NotFoundError('Deployment', deploymentId);
      const input = classifyEvidence(evidence);
      if (!('series' in input)) return input;
      return { ...input, series: (await readSeriesEvidenceOf(em, [input.series], dataIntegrityKinds)).get(deploymentId)! } as const;
    };
    if (locked) {
      return this.ctx.em.fork().transactional(async (em) => {
        // The fallback reads under the deployment's lock and may change its stage: the strategy first (stage-demotion's lock order).
        await lockStrategyOfDeployment(em, deploymentId);
        const input = await read(em);
        timings.evidenceMs = performance.now() - started;
        if ('skipped' in input) return skip(input.skipped!);
        const outcome = await this.decideAndAct(em, input, timings, deploymentId, true);
        timings.lockedMs = performance.now() - started;
        return outcome === 'stale' ? skip('stale evidence under the lock') : outcome;
      });
    }
    const input = await read(this.ctx.em.fork());
    timings.evidenceMs = performance.now() - started;
    if ('skipped' in input) return skip(input.skipped!);
    return this.decideAndAct(null, input, timings, deploymentId, false);
  }

  /** Decides on `input` (pure) and acts: in `lockedEm` (already holding the row), or in a transaction of its own that locks and re-checks first. */
  private async decideAndAct(
    lockedEm: EntityManager | null,
    input: EvaluationInput,
    timings: MonitoringOutcome['timings'],
    deploymentId: string,
    underLock: boolean,
  ): Promise<Omit<MonitoringOutcome, 'restarts'> | 'stale'> {
    const wallNow = this.ctx.clock.now();
    const planned = await this.plan(lockedEm ?? this.ctx.em.fork(), input, timings, wallNow, lockedEm === null);
    if ('skipped' in planned) return planned;
    const { plan, failClosed } = planned;
    const acts = plan.steps.some((actions) => actions.length > 0);
    // No action: the state alone, compare-and-set on the state's version and the deployment's fingerprint — no row lock.
    if (!acts && !underLock) {
      const written = await this.writeState(this.ctx.em.fork(), input.evidence.deployment, plan, wallNow, input.evidence);
      return written ? { deploymentId, skipped: null, policyVersion: plan.policyVersion, marksEvaluated: plan.marksEvaluated, incidents: [], last: plan.last, timings } : 'stale';
    }
    return this.act(lockedEm, input.evidence, plan, failClosed, timings, wallNow);
  }

  /** The evaluation's plan on `input` (the basket and regimes read through `em`, then the pure rules), or why there is none. */
  private async plan(em: EntityManager, input: EvaluationInput, timings: MonitoringOutcome['timings'], wallNow: Date, mayPoll: boolean): Promise<{ plan: MonitoringPlan; failClosed: MonitoringActionDecision | null } | Omit<MonitoringOutcome, 'restarts'>> {
    const { evidence } = input;
    const { deployment } = evidence;
    const deploymentId = deployment.id;
    let plan: MonitoringPlan;
    let failClosed: MonitoringActionDecision | null = null;
    if ('failClosed' in input) {
      const version = evidence.policyRow?.version ?? 'none';
      failClosed = {
        kind: 'observe_freeze', severity: 'critical', toStage: 'observe', positionSizeFactor: null, revalidate: false, freeze: true,
        rule: 'dataIntegrity', breachKey: `${deploymentId}:policy:${version}`, threshold: 1, measured: 0, unit: 'flag', window: { startMs: wallNow.getTime(), endMs: wallNow.getTime() },
        message: `No valid monitoring policy (${input.failClosed})`,
      };
      plan = { policyVersion: version, steps: [[failClosed]], marksEvaluated: 0, last: null, state: null, lastMarkMs: null };
    } else {
      if (input.series.marks.timestamp.length === 0) return { deploymentId, skipped: 'no P&L mark yet', policyVersion: input.policy.version, marksEvaluated: 0, incidents: [], last: null, timings };
      const sharedStarted = performance.now();
      // A live feed's basket members from its venue first — never under a lock (network I/O).
      if (mayPoll) await this.pollVenueBasket(deployment, input.policy, input.series.marks.timestamp[input.series.marks.timestamp.length - 1]!, wallNow.getTime());
      const shared = await this.sharedEvidence(em, deployment, input.policy, evidence, input.series);
      const rulesStarted = performance.now();
      timings.evidenceMs += rulesStarted - sharedStarted;
      plan = this.decide(deployment, input.policy, evidence, input.series, shared, wallNow.getTime());
      timings.rulesMs += performance.now() - rulesStarted;
    }
    return { plan, failClosed };
  }

  /**
   * Takes the plan's actions and writes the state in ONE transaction: `lockedEm`'s (already holding the deployment row,
   * evidence read under it), or one of its own that locks and re-checks that the evidence has not moved first.
   * @returns 'stale' when it moved (nothing written).
   */
  private async act(lockedEm: EntityManager | null, evidence: DeploymentEvidence, plan: MonitoringPlan, failClosed: MonitoringActionDecision | null, timings: MonitoringOutcome['timings'], wallNow: Date): Promise<Omit<MonitoringOutcome, 'restarts'> | 'stale'> {
    const { deployment } = evidence;
    const deploymentId = deployment.id;
    const underLock = lockedEm !== null;
    const act = async (em: EntityManager) => {
      const lockStarted = performance.now();
      let current = deployment;
      if (!underLock) {
        // Action phases of one deployment one at a time (a lock of their own, taken before any row), the state row held
        // against a concurrent compare-and-set, and the deployment row locked only by an action that changes it: an
        // incident-only action (warning, drift alert, re-rank) waiting for the audit chain then holds no row the runner needs.
        await em.execute('select pg_advisory_xact_lock(hashtext(?))', [monitoringJobKey(deploymentId)]);
        await em.execute('select 1 from deployment_monitoring_state where deployment_id = ? for update', [deploymentId]);
        // A stage change locks the strategy before the deployment (stage-demotion's lock order): waiting for another
        // freeze of the strategy, this one holds no deployment row its bar job needs.
        if (failClosed !== null || plan.steps.some((actions) => actions.some((action) => changesStage(action, evidence)))) await lockStrategyOfDeployment(em, deploymentId);
        const now = await readDeploymentEvidence(em, deploymentId, failClosed !== null || plan.steps.some((actions) => actions.some(changesDeployment)));
        if (!now || now.fingerprint !== evidence.fingerprint || now.stateRow?.version !== evidence.stateRow?.version) return 'stale' as const;
        current = now.deployment;
      }
      const incidents = await this.applyPlan(em, current, plan, failClosed, wallNow);
      if (plan.state) await this.writeState(em, current, plan, wallNow, null);
      await em.flush();
      if (incidents.length > 0) this.ctx.logger.info({ deploymentId, incidents: incidents.map((incident) => incident.breachKey) }, 'monitoring acted');
      if (!underLock) timings.lockedMs = performance.now() - lockStarted;
      return { deploymentId, skipped: null, policyVersion: plan.policyVersion, marksEvaluated: plan.marksEvaluated, incidents, last: plan.last, timings };
    };
    return lockedEm ? act(lockedEm) : this.ctx.em.fork().transactional(act);
  }

  /**
   * A live feed's benchmark basket members' bars up to its last mark, read from its venue and kept (`pollBenchmarkBars`),
   * before its basket is computed: once per process, venue, timeframe and bar — a batch of deployments on one venue
   * polls once. Outside any transaction (network I/O). Without a connector, or when the venue does not answer, nothing
   * is kept (logged) and the basket comes from the certified datasets, or reads UNKNOWN (fail closed).
   */
  private async pollVenueBasket(deployment: Deployment, policy: MonitoringPolicy, lastMarkMs: number, wallNowMs: number): Promise<void> {
    const venueName = deployment.feedVenue ?? null;
    if (deployment.feedKind !== 'live' || venueName === null || deployment.timeframe === 'tick' || !this.venues) return;
    const key = `${String(this.ctx.em.config.get('dbName'))}|${venueName}|${deployment.timeframe}|${policy.version}`;
    if ((venueBasketPolledThrough.get(key) ?? Number.NEGATIVE_INFINITY) >= lastMarkMs) return;
    try {
      const venue = await this.venues.venueFor(venueName, null);
      const poll = await pollBenchmarkBars(this.ctx.em.fork(), policy, venue, venueName, deployment.timeframe, lastMarkMs, wallNowMs);
      if (poll.unlisted.length > 0) this.ctx.logger.debug({ venue: venueName, timeframe: deployment.timeframe, unlisted: poll.unlisted }, 'monitoring: basket alt candidates the venue does not list');
      if (poll.failures.length > 0) this.ctx.logger.warn({ venue: venueName, timeframe: deployment.timeframe, failures: poll.failures }, 'monitoring: benchmark basket members not read from the venue');
      else {
        if (venueBasketPolledThrough.size > 1_000) venueBasketPolledThrough.clear();
        venueBasketPolledThrough.set(key, lastMarkMs);
      }
    } catch (error) {
      this.ctx.logger.warn({ err: error, venue: venueName, timeframe: deployment.timeframe }, 'monitoring: benchmark basket members not read from the venue');
    }
  }

  /** The basket (shared across deployments on the same window) and the regime timeline (shared per replay dataset) of an evaluation. */
  private async sharedEvidence(em: EntityManager, deployment: Deployment, policy: MonitoringPolicy, evidence: DeploymentEvidence, series: SeriesEvidence): Promise<{ basket: BenchmarkBasket | BasketNotApplicable | null; regimes: RegimeTimeline }> {
    const barMs = timeframeMilliseconds[deployment.timeframe as Exclude<Deployment['timeframe'], 'tick'>];
    const marks = series.marks.timestamp;
    // The basket from the same certified bars (the deployment's own replay dataset preferred); none buildable → null:
    // the rules that need it are `unknown` (fail closed).
    // A live feed's from its venue's bars (polled by pollVenueBasket), where they reach its last mark.
    const window = {
      timeframe: deployment.timeframe,
      from: new Date(marks[0]! - barMs),
      to: new Date(marks[marks.length - 1]!),
      preferredDataSetIds: deployment.replayDataset ? [deployment.replayDataset.id] : [],
      venue: deployment.feedKind === 'live' ? (deployment.feedVenue ?? null) : null,
    };
    const [basket, regimes] = await Promise.all([sharedBasket(em, policy, window, evidence.basketDataSets), loadRegimeTimeline(em, deployment)]);
    return { basket, regimes };
  }

  /**
   * The evaluations of the marks not evaluated yet (pure: evidence in, actions and state out). Deployments trading
   * capital (PAPER, LIVE, or rolled back or demoted from there by the monitor) are evaluated on every new mark;
   * OBSERVE and SHADOW ones (evidence, no automated trading change) on their newest mark per job, so a whole-history
   * replay is not slowed down mark by mark.
   */
  private decide(deployment: Deployment, policy: MonitoringPolicy, evidence: DeploymentEvidence, series: SeriesEvidence, shared: { basket: BenchmarkBasket | BasketNotApplicable | null; regimes: RegimeTimeline }, wallNowMs: number): MonitoringPlan {
    const barMs = timeframeMilliseconds[deployment.timeframe as Exclude<Deployment['timeframe'], 'tick'>];
    const { marks, integrityEvents, expectation } = series;
    let state: MonitoringState = evidence.stateRow && evidence.stateRow.policyVersion === policy.version ? evidence.stateRow.state : initialMonitoringState(deployment.id);
    const lastEvaluated = state.lastMarkMs;
    let first = marks.timestamp.findIndex((time) => lastEvaluated === null || time > lastEvaluated);
    if (first === -1) first = marks.timestamp.length - 1; // nothing new: the newest mark again (a retried job changes nothing)
    const demotedByMonitor = evidence.lastRecord?.decision === 'demote' && evidence.lastRecord.automated === true;
    const everyMark = deployment.stage === 'paper' || deployment.stage === 'live' || deployment.rollbackReason != null || demotedByMonitor;
    first = Math.max(first, marks.timestamp.length - (everyMark ? maxMarksPerEvaluation : 1));
    const marketNow = this.marketNow(deployment, wallNowMs, barMs, marks.timestamp[marks.timestamp.length - 1] ?? null);
    const plan: MonitoringPlan = { policyVersion: policy.version, steps: [], marksEvaluated: 0, last: null, state: null, lastMarkMs: marks.timestamp[marks.timestamp.length - 1]! };
    for (let end = first; end < marks.timestamp.length; end++) {
      const markMs = marks.timestamp[end]!;
      const windowStart = markMs - policy.rules.dataIntegrity.windowDays * millisecondsPerDay;
      const input: DeploymentMarks = {
        deploymentId: deployment.id,
        stage: deployment.stage,
        barDurationMs: barMs,
        maxBarAgeMs: deployment.maxBarAgeMs,
        timestamp: marks.timestamp.subarray(0, end + 1),
        equity: marks.equity.subarray(0, end + 1),
        expectedSharpe: expectation?.sharpe ?? null,
        regimeBand: regimeBandAt(shared.regimes, markMs),
        dataIntegrityEvents: integrityEvents.filter((time) => time > windowStart && time <= markMs).length,
      };
      // Catching up on older marks: "now" is that mark's close (it was fresh then); the newest mark is judged on the deployment's clock.
      const nowMs = end === marks.timestamp.length - 1 ? marketNow : markMs + barMs;
      const evaluation = evaluateMonitoringRules(input, shared.basket, policy, state, nowMs);
      state = evaluation.state;
      plan.steps.push(evaluation.actions);
      plan.marksEvaluated += 1;
      plan.last = evaluation;
    }
    plan.state = state;
    return plan;
  }

  /** Takes the plan's actions on the locked deployment, mark by mark, each once; @returns the incidents written. */
  private async applyPlan(em: EntityManager, deployment: Deployment, plan: MonitoringPlan, failClosed: MonitoringActionDecision | null, wallNow: Date): Promise<MonitoringIncident[]> {
    const strategy = await em.findOneOrFail(Strategy, { id: deployment.strategy.id }, { refresh: true });
    const context = { audit: this.governance.audit, triggers: this.triggers, notifications: this.notifications, now: wallNow, policyVersion: plan.policyVersion };
    if (failClosed) {
      const incident = await takeMonitoringAction(em, deployment, strategy, failClosed, context);
      return incident ? [incident] : [];
    }
    const incidents: MonitoringIncident[] = [];
    let released: string | null = null;
    for (const actions of plan.steps) {
      for (const action of actions) {
        // Once this job sent the deployment's capital back to the reserve (or froze it), later breaches are recorded, not acted on again.
        const superseded = released && changesDeployment(action) ? `superseded by ${released}` : null;
        const incident = await takeMonitoringAction(em, deployment, strategy, action, context, superseded);
        if (!incident) continue;
        incidents.push(incident);
        if (!superseded && (action.kind === 'rollback' || action.kind === 'deactivate' || action.kind === 'observe_freeze')) released = `the ${action.kind} of breach ${action.breachKey}`;
      }
    }
    return incidents;
  }

  /**
   * Writes the plan's monitoring state. `expected` (no lock held): only if the state row's version and the
   * deployment's fingerprint are still the ones read ({@link writeStatesIfUnchanged}); @returns false when they moved.
   */
  private async writeState(em: EntityManager, deployment: Deployment, plan: MonitoringPlan, wallNow: Date, expected: DeploymentEvidence | null): Promise<boolean> {
    if (expected) return (await this.writeStatesIfUnchanged(em, [{ evidence: expected, plan }], wallNow)).has(deployment.id);
    const last = plan.last!;
    const values = [deployment.id, plan.policyVersion, JSON.stringify(plan.state), new Date(plan.lastMarkMs!), JSON.stringify(last.results), last.promotionBlocked, wallNow];
    const columns = `(deployment_id, policy_version, state, last_mark_at, results, promotion_blocked, evaluated_at)`;
    const update = `policy_version = excluded.policy_version, state = excluded.state, last_mark_at = excluded.last_mark_at, results = excluded.results, promotion_blocked = excluded.promotion_blocked, evaluated_at = excluded.evaluated_at`;
    await em.execute(`insert into deployment_monitoring_state ${columns} values (?, ?, ?::jsonb, ?, ?::jsonb, ?, ?) on conflict (deployment_id) do update set ${update}`, values);
    return true;
  }

  /**
   * Writes the monitoring states of plans without actions, no lock held, in ONE statement (the deployments of a bar):
   * each only if its state row's version and its deployment's fingerprint are still the ones read with its evidence
   * (compare-and-set; a row written meanwhile is re-checked against its newest version). Bind parameters: the states and
   * results are ~6 KB a deployment. @returns the deployments written.
   */
  private async writeStatesIfUnchanged(em: EntityManager, entries: readonly { evidence: DeploymentEvidence; plan: MonitoringPlan }[], wallNow: Date): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const records = entries.map(({ evidence, plan }) => ({
      deployment_id: evidence.deployment.id, policy_version: plan.policyVersion, state: plan.state, last_mark_at: new Date(plan.lastMarkMs!).toISOString(), results: plan.last!.results,
      promotion_blocked: plan.last!.promotionBlocked, evaluated_at: wallNow.toISOString(), expected_version: evidence.stateRow?.version ?? null, expected_fingerprint: evidence.fingerprint,
    }));
    const rows = await executeWithBindParameters<{ deployment_id: string }>(
      em,
      `with x as (
         select * from jsonb_to_recordset($1::jsonb) as x(deployment_id uuid, policy_version text, state jsonb, last_mark_at timestamptz, results jsonb, promotion_blocked boolean,
                                                        evaluated_at timestamptz, expected_version text, expected_fingerprint text)),
       unchanged as (select x.* from x join deployment d on d.id = x.deployment_id where ${deploymentFingerprintSql('d')} = x.expected_fingerprint),
       updated as (
         update deployment_monitoring_state s set policy_version = u.policy_version, state = u.state, last_mark_at = u.last_mark_at, results = u.results,
                promotion_blocked = u.promotion_blocked, evaluated_at = u.evaluated_at
           from unchanged u where u.expected_version is not null and s.deployment_id = u.deployment_id and s.xmin::text = u.expected_version
         returning s.deployment_id),
       inserted as (
         insert into deployment_monitoring_state (deployment_id, policy_version, state, last_mark_at, results, promotion_blocked, evaluated_at)
         select deployment_id, policy_version, state, last_mark_at, results, promotion_blocked, evaluated_at from unchanged where expected_version is null
         on conflict (deployment_id) do nothing returning deployment_id)
       select deployment_id from updated union all select deployment_id from inserted`,
      [JSON.stringify(records)],
    );
    return new Set(rows.map((row) => row.deployment_id));
  }

  /** The deployment's monitoring state (last results, promotion blocked), or null before its first evaluation. @throws ForbiddenError (needs `read Deployment`). */
  async stateOf(deploymentId: string): Promise<DeploymentMonitoringState | null> {
    await this.governance.authorize('read', 'Deployment', deploymentId);
    return this.ctx.em.findOne(DeploymentMonitoringState, { deployment: deploymentId });
  }

  /**
   * The deployment's market clock: a live feed's platform clock, a paced replay's replay clock, or — a replay as fast
   * as possible, which runs on its bars' own clock — the close of the last processed bar, and never before the close of
   * the newest mark read (`lastMarkMs`, the mark's bar open): the deployment row and the marks are read in separate
   * statements without the row lock, so a bar job committing in between makes the marks newer than the row; that is
   * not clock skew and must not freeze the deployment.
   */
  private marketNow(deployment: Deployment, wallNowMs: number, barMs: number, lastMarkMs: number | null): number {
    if (deployment.feedKind === 'live') return wallNowMs;
    if (deployment.replayBarIntervalMs != null && deployment.replayClockStartedAt && deployment.replayStartAt) {
      return replayClockNow({ originMs: deployment.replayStartAt.getTime(), startedAtMs: deployment.replayClockStartedAt.getTime(), barMs, intervalMs: deployment.replayBarIntervalMs }, wallNowMs);
    }
    const processedOpen = deployment.lastProcessedBarAt?.getTime() ?? null;
    const newestOpen = processedOpen === null ? lastMarkMs : lastMarkMs === null ? processedOpen : Math.max(processedOpen, lastMarkMs);
    return (newestOpen ?? wallNowMs) + barMs;
  }
}

/** Whether an action changes the deployment row (stage, activation, trading state, allocation, sizing); the others only record. */
/**
 * Whether the action may change the deployment's stage (through stage-demotion, which locks the strategy row first): a
 * freeze always; a demotion or rollback unless the deployment trades no capital (OBSERVE or SHADOW, never demoted —
 * `takeMonitoringAction` then records it as skipped). Errs towards true (any demotion record), never false when the
 * action goes through stage-demotion: a wrong false would lock the deployment before the strategy.
 */
function changesStage(action: MonitoringActionDecision, evidence: DeploymentEvidence): boolean {
  if (action.kind === 'observe_freeze') return true;
  if (action.kind !== 'demote' && action.kind !== 'rollback') return false;
  return evidence.deployment.stage === 'paper' || evidence.deployment.stage === 'live' || evidence.lastRecord?.decision === 'demote';
}

function changesDeployment(action: MonitoringActionDecision): boolean {
  return action.kind === 'rollback' || action.kind === 'deactivate' || action.kind === 'demote' || action.kind === 'pause' || action.kind === 'throttle' || action.kind === 'observe_freeze';
}

/** How many batched monitoring jobs the platform's deployments are spread over by default (see {@link monitoringBatchJobKey}). */
export const defaultMonitoringBatchShards = 8;

/**
 * The job key of a deployment's batched monitoring evaluation: every bar job that wrote marks appends its deployment
 * to the queued job of its shard's key (graphile-worker merges array payloads), so the deployments of a shard due on a
 * bar are evaluated by one job, their evidence read together ({@link MonitoringService.evaluateMany}). While the job
 * runs, new entries go to the next job of the key. `shards` (1–256) spreads the deployments over that many keys,
 * by their id: each appending bar job locks its key's queued job row until it commits, so a single platform-wide key
 * would serialize the commits of every deployment's bar jobs and give one worker slot all of monitoring (seen in the
 * fan-out bench: bar jobs waiting up to 1.9 s on another's `add_job`). @throws RangeError when `shards` is out of range.
 */
export function monitoringBatchJobKey(deploymentId: string, shards: number = defaultMonitoringBatchShards): string {
  if (!Number.isInteger(shards) || shards < 1 || shards > 256) throw new RangeError(`monitoringBatchShards must be an integer in 1..256, got ${shards}`);
  if (shards === 1) return 'monitoring:batch';
  // The id's last 8 hex digits (random in a UUIDv7), modulo the shard count.
  const tail = Number.parseInt(deploymentId.replace(/-/g, '').slice(-8), 16);
  return `monitoring:batch:${(Number.isFinite(tail) ? tail : 0) % shards}`;
}

/** The name of the lock one deployment's action phases take (one at a time per deployment). */
export function monitoringJobKey(deploymentId: string): string {
  return `monitoring:${deploymentId}`;
}
