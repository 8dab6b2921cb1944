import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { cancelledBecause, parseCancelReason } from '../../domain/lifecycle/cancellation.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { simulationComparisonSteps } from '../../domain/simulation/run-simulation-comparison.ts';
import type { SimulationComparison } from '../../domain/simulation/simulation-comparison.ts';
import { defaultSimulationInput, refuseBenchOnlyPolicyVersions, validateSimulationInput, type GovernanceSimulationInput } from '../../domain/simulation/simulation-input.ts';
import { defaultSimulationPolicyVersions, selectableSimulationPolicyVersions, type SimulationPolicyVersions } from '../../domain/simulation/simulation-policies.ts';
import { SimulationRun } from '../../domain/simulation/simulation-run.entity.ts';
import { simulationRunLifecycle, type SimulationRunStatus } from '../../domain/simulation/simulation-run.lifecycle.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { removeJob } from '../../infra/jobs/remove-job.ts';
import type { Governance } from '../auth/authorize.ts';
import { wasCancelled } from '../cancellation-checkpoint.ts';
import type { ServiceContext } from '../service-context.ts';
import { bundledSimulationDataRange, loadBundledSimulationMarket } from './bundled-simulation-market.ts';
import { simulationCsv, simulationJson } from './simulation-export.ts';
import { simulationSettings } from './simulation-settings.ts';

/** What a caller asks for: a period, the two arms' policy versions, the seed and the simulated people. */
export interface StartGovernanceSimulationInput {
  startMs: number;
  endMs: number;
  /** Baseline policy versions (missing kinds: the production defaults). */
  baselinePolicies?: Partial<SimulationPolicyVersions>;
  /** Variant policy versions (missing kinds: the baseline's). */
  variantPolicies?: Partial<SimulationPolicyVersions>;
  seed: number;
  /** Probability each approval step is approved, 0–1 (default 0.9). */
  approvalProbability?: number | null;
  minApprovalDelayHours?: number | null;
  maxApprovalDelayHours?: number | null;
  /** Days between evaluation cycles (default 7). */
  evaluationIntervalDays?: number | null;
  /** Configurations per template per evaluation cycle, 2–20 (default 3). */
  configurationsPerTemplate?: number | null;
  /** Deployments a candidate strategy may have at once, 1 to `configurationsPerTemplate` (default 1). */
  deploymentsPerStrategy?: number | null;
}

/** Wall time between two progress writes and cancellation checks of a running simulation, ms. */
const checkpointEveryMs = 1_000;

/** Governance simulations (issue 15): start, run (worker), cancel, read, export. Everything they write is simulated. */
export class GovernanceSimulationService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Validates both arms against the bundled data and the known policy versions (a bad field is named; nothing is
   * written), then writes the run, its `run_governance_simulation` job, the audit event and the change event in one
   * transaction.
   * @throws ValidationError (`startMs`, `endMs`, `policies.<kind>`, `variantPolicies.<kind>` — unknown or bench-only, `seed`,
   *   `approvals.approvalProbability`, `configurationsPerTemplate`, `deploymentsPerStrategy`, …); UnauthenticatedError / ForbiddenError (research and risk may).
   */
  async start(request: StartGovernanceSimulationInput): Promise<SimulationRun> {
    await this.governance.authorizeUseCase('startGovernanceSimulation');
    const range = bundledSimulationDataRange();
    const baseline = { ...defaultSimulationPolicyVersions, ...definedOnly(request.baselinePolicies) };
    const variant = { ...baseline, ...definedOnly(request.variantPolicies) };
    const defaults = defaultSimulationInput(range.lastMs + 3_600_000, baseline);
    const input: GovernanceSimulationInput = {
      ...defaults,
      startMs: request.startMs,
      endMs: request.endMs,
      seed: request.seed,
      evaluationIntervalDays: request.evaluationIntervalDays ?? defaults.evaluationIntervalDays,
      configurationsPerTemplate: request.configurationsPerTemplate ?? defaults.configurationsPerTemplate,
      ...(request.deploymentsPerStrategy !== undefined && request.deploymentsPerStrategy !== null ? { deploymentsPerStrategy: request.deploymentsPerStrategy } : {}),
      approvals: {
        ...defaults.approvals,
        approvalProbability: request.approvalProbability ?? defaults.approvals.approvalProbability,
        minDelayHours: request.minApprovalDelayHours ?? defaults.approvals.minDelayHours,
        maxDelayHours: request.maxApprovalDelayHours ?? defaults.approvals.maxDelayHours,
      },
    };
    refuseBenchOnlyPolicyVersions(baseline, 'policies');
    refuseBenchOnlyPolicyVersions(variant, 'variantPolicies');
    validateSimulationInput(input, range);
    try {
      validateSimulationInput({ ...input, policies: variant }, range);
    } catch (error) {
      if (error instanceof ValidationError && error.field?.startsWith('policies.')) {
        const field = `variantPolicies.${error.field.slice('policies.'.length)}`;
        throw new ValidationError(`${field}: ${error.message.slice(error.field.length + 2)}`, field);
      }
      throw error;
    }
    return this.ctx.em.transactional(async (em) => {
      const run = em.create(SimulationRun, { input, variantPolicies: variant, createdById: this.ctx.actor.userId, correlationId: this.ctx.correlationId });
      await em.flush();
      await enqueueJob(em, 'run_governance_simulation', { simulationId: run.id, correlationId: run.correlationId }, { jobKey: `governance-simulation:${run.id}` });
      await this.governance.audit.record(em, { action: 'governance_simulation.started', subjectType: 'SimulationRun', subjectId: run.id, details: { simulated: true, baseline, variant, startMs: input.startMs, endMs: input.endMs, seed: input.seed } });
      await publishEvent(em, 'SIMULATION_RUN_UPDATED', { id: run.id, status: run.status, progress: 0 });
      return run;
    });
  }

  /**
   * Runs a queued simulation (worker task): both arms one simulated day at a time; every second of wall time it
   * stores and publishes the progress and checks for a cancellation (then it stops and stores nothing). The result is
   * written only with the move to `completed`, which a cancelled run refuses: a cancelled run is never complete.
   */
  async execute(simulationId: string): Promise<SimulationRun> {
    await this.governance.authorize('update', 'SimulationRun', simulationId);
    const logger = this.ctx.logger.child({ simulationId });
    const started = await this.move(simulationId, 'running', (row) => {
      row.startedAt = this.ctx.clock.now();
    });
    if (started.status !== 'running') return started;
    const market = loadBundledSimulationMarket();
    let cancelled = false;
    const steps = simulationComparisonSteps(market, started.input, started.variantPolicies, { shouldCancel: () => cancelled });
    let lastCheckpoint = Date.now();
    let result: (SimulationComparison & { cancelled: boolean }) | null = null;
    for (;;) {
      const next = steps.next();
      if (next.done === true) {
        result = next.value;
        break;
      }
      if (Date.now() - lastCheckpoint < checkpointEveryMs) continue;
      lastCheckpoint = Date.now();
      if (await wasCancelled(this.ctx.em, SimulationRun, simulationId)) cancelled = true;
      else await this.recordProgress(simulationId, next.value);
      await yieldToEventLoop();
    }
    if (cancelled || result.cancelled) {
      logger.info('governance simulation cancelled; nothing stored');
      return this.ctx.em.fork().findOneOrFail(SimulationRun, { id: simulationId });
    }
    const stored = simulationJson(result);
    const completed = await this.move(simulationId, 'completed', (row) => {
      row.completedAt = this.ctx.clock.now();
      row.progress = 1;
      row.result = stored;
    });
    logger.info({ status: completed.status, divergences: result.divergenceCount }, 'governance simulation finished');
    return completed;
  }

  /**
   * Cancels a queued or running simulation (audited with the reason); the running task stops at its next checkpoint.
   * @throws NotFoundError; ConflictError once it ended; ValidationError naming `reason`.
   */
  async cancel(simulationId: string, reason: string): Promise<SimulationRun> {
    await this.governance.authorizeUseCase('cancelGovernanceSimulation', simulationId);
    const because = cancelledBecause(parseCancelReason(reason));
    return this.move(
      simulationId,
      'cancelled',
      (row) => {
        row.completedAt = this.ctx.clock.now();
        row.failureReason = because;
      },
      { refuseTerminal: true, alsoInTransaction: (em) => removeJob(em, `governance-simulation:${simulationId}`) },
    );
  }

  /** Marks a run failed (a job out of retries). No-op on terminal runs. */
  async fail(simulationId: string, reason: string): Promise<SimulationRun> {
    await this.governance.authorize('update', 'SimulationRun', simulationId);
    return this.move(simulationId, 'failed', (row) => {
      row.completedAt = this.ctx.clock.now();
      row.failureReason = reason;
    });
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<SimulationRun> {
    await this.governance.authorize('read', 'SimulationRun', id);
    const run = await this.ctx.em.findOne(SimulationRun, { id });
    if (!run) throw new NotFoundError('SimulationRun', id);
    return run;
  }

  /**
   * What a simulation can be started with: the bundled data's range (first and last hourly bar open, ms), the policy
   * versions a user may choose per kind (never the bench-only ones) and the defaults (production policies, the start form's values).
   */
  async options(): Promise<{ dataFirstMs: number; dataLastMs: number; versions: Record<keyof SimulationPolicyVersions, string[]>; defaults: SimulationPolicyVersions; defaultInput: GovernanceSimulationInput }> {
    await this.governance.authorize('read', 'SimulationRun');
    const range = bundledSimulationDataRange();
    return {
      dataFirstMs: range.firstMs,
      dataLastMs: range.lastMs,
      versions: selectableSimulationPolicyVersions(),
      defaults: defaultSimulationPolicyVersions,
      defaultInput: defaultSimulationInput(range.lastMs + 3_600_000, defaultSimulationPolicyVersions),
    };
  }

  /** The newest runs first, at most `first` (1–100). */
  async list(first: number): Promise<SimulationRun[]> {
    await this.governance.authorize('read', 'SimulationRun');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new ValidationError('first must be between 1 and 100', 'first');
    return this.ctx.em.find(SimulationRun, {}, { orderBy: { createdAt: 'desc' }, limit: first });
  }

  /**
   * A completed run as a file: `json` (the whole comparison, with `settings`: period, seed, evaluation interval and
   * lookback, configurations per template, deployments per strategy, approval behaviour, both arms' policy versions) or
   * `csv` (one row per simulated day: both arms' equity, the benchmark, live counts, then the same settings as columns).
   * Every export says it is simulated.
   * @throws NotFoundError; ConflictError before completion.
   */
  async export(id: string, format: 'json' | 'csv'): Promise<string> {
    const run = await this.get(id);
    if (run.status !== 'completed' || !run.result) throw new ConflictError(`governance simulation ${id} is ${run.status}; only a completed one exports`);
    const settings = simulationSettings(run);
    return format === 'json' ? JSON.stringify({ simulated: true, id: run.id, settings, ...run.result }) : simulationCsv(run.result as Record<string, unknown>, settings);
  }

  private async recordProgress(simulationId: string, progress: number): Promise<void> {
    await this.ctx.em.fork().transactional(async (em) => {
      const run = await em.findOne(SimulationRun, { id: simulationId, status: 'running' });
      if (!run) return;
      run.progress = Math.round(progress * 1000) / 1000;
      await em.flush();
      await publishEvent(em, 'SIMULATION_RUN_UPDATED', { id: run.id, status: run.status, progress: run.progress });
    });
  }

  private async move(
    simulationId: string,
    to: SimulationRunStatus,
    change: (run: SimulationRun, em: EntityManager) => void,
    options: { refuseTerminal?: boolean; alsoInTransaction?: (em: EntityManager) => Promise<void> } = {},
  ): Promise<SimulationRun> {
    return this.ctx.em.fork().transactional(async (em) => {
      const { row: run, from, changed } = await applyTransition(em, simulationRunLifecycle, { entity: SimulationRun, id: simulationId, field: 'status', to, subject: () => `governance simulation ${simulationId}`, change });
      if (!changed && options.refuseTerminal) throw new ConflictError(`governance simulation ${simulationId} is already ${from}`);
      if (!changed) return run;
      await options.alsoInTransaction?.(em);
      await this.governance.audit.record(em, { action: `governance_simulation.${to as Exclude<SimulationRunStatus, 'queued'>}`, subjectType: 'SimulationRun', subjectId: run.id, details: { simulated: true, status: to, ...(run.failureReason ? { failureReason: run.failureReason } : {}) } });
      await publishEvent(em, 'SIMULATION_RUN_UPDATED', { id: run.id, status: run.status, progress: run.progress });
      return run;
    });
  }
}

function definedOnly(policies: Partial<SimulationPolicyVersions> | undefined): Partial<SimulationPolicyVersions> {
  return Object.fromEntries(Object.entries(policies ?? {}).filter(([, value]) => value !== undefined && value !== null));
}
