import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { QueryOrder } from '@mikro-orm/core';
import { performance } from 'node:perf_hooks';
import {
  calculateVolatilityRegimes,
  evaluateConfigurations,
  findUnsatisfiableConstraint,
  generateConfigurations,
  getStrategyTemplate,
  periodsPerYear,
  type CycleFrame,
  type ParameterSpace,
  type StrategyTemplate,
  type Timeframe,
} from '../../engine/index.ts';
import { cycleDefaults } from '../../domain/cycle/cycle-settings.ts';
import { CycleConfiguration } from '../../domain/cycle/cycle-configuration.entity.ts';
import { evaluationCycleLifecycle } from '../../domain/cycle/evaluation-cycle.lifecycle.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { cancelledBecause, parseCancelReason } from '../../domain/lifecycle/cancellation.ts';
import { EvaluationCycle, type CycleDataset, type CycleStrategyFailure, type EvaluationCycleStatus } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { removeJob } from '../../infra/jobs/remove-job.ts';
import { defaultFeeBps, defaultSlippageBps } from '../../domain/backtest/trading-costs.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';
import { packFloat64 } from '../backtest/equity-curve-codec.ts';
import { wasCancelled } from '../cancellation-checkpoint.ts';
import { finiteOrNull, finiteOrNullRecord } from '../finite-or-null.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ScorecardService } from '../scoring/scorecard.service.ts';
import type { StrategyService } from '../strategy/strategy.service.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { loadCachedFrame } from './cycle-frame-cache.ts';
import { formatExperimentCsv, toExperimentRows } from './experiment-export.ts';

/** What an on-demand cycle may ask for. */
export interface RunCycleInput {
  /** Unique configurations (60–400, default 60). */
  configurationCount?: number | null;
  /** Largest share per strategy, a fraction in (0, 1] (default 0.3). */
  maxTemplateShare?: number | null;
  /** Cycle seed (default: derived from the date). */
  seed?: number | null;
  /** Why the cycle is run (shown in the trigger log). */
  reason?: string | null;
}

/**
 * Evaluation cycles (orchestration-spec FR-002..004): queue on demand (a `manual` trigger) or on schedule (a
 * `scheduled` trigger from the worker's crontab); execute: generate configurations → walk-forward on BTC, ETH and
 * SOL daily and hourly data → trials + trial-return matrix → PBO/DSR → scorecard → `SCORECARD_UPDATED`.
 */
export class EvaluationCycleService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  private readonly scorecards: ScorecardService;
  private readonly strategies: StrategyService;
  constructor(ctx: ServiceContext, governance: Governance, dependencies: { triggers: TriggerService; scorecards: ScorecardService; strategies: StrategyService }) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = dependencies.triggers;
    this.scorecards = dependencies.scorecards;
    this.strategies = dependencies.strategies;
  }

  /**
   * Queues a cycle over every eligible strategy now (a `manual` trigger with the reason).
   * @returns the cycle the trigger queued or joined. @throws ValidationError, ConflictError (no eligible strategy),
   * ForbiddenError (needs `create EvaluationCycle`).
   */
  async run(input: RunCycleInput = {}): Promise<EvaluationCycle> {
    await this.governance.authorizeUseCase('runEvaluationCycle');
    const count = input.configurationCount ?? cycleDefaults.configurationCount;
    if (!Number.isInteger(count) || count < 60 || count > cycleDefaults.maxConfigurationCount) {
      throw new ValidationError(`configurationCount must be a whole number from 60 to ${cycleDefaults.maxConfigurationCount}`, 'configurationCount');
    }
    const share = input.maxTemplateShare ?? cycleDefaults.maxTemplateShare;
    if (!(share > 0 && share <= 1)) throw new ValidationError('maxTemplateShare must be a fraction in (0, 1]', 'maxTemplateShare');
    if (input.seed !== undefined && input.seed !== null && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed < 2 ** 31)) {
      throw new ValidationError('seed must be a whole number in [0, 2³¹)', 'seed');
    }
    const trigger = await this.ctx.em.transactional((em) =>
      this.triggers.recordIn(em, {
        type: 'manual',
        subjectType: 'Platform',
        details: { reason: input.reason?.trim() || 'on-demand evaluation cycle', configurationCount: count, maxTemplateShare: share },
        priority: 'research',
        configurationCount: count,
        maxTemplateShare: share,
        seed: input.seed ?? null,
      }),
    );
    const links = await this.triggers.links(trigger.id);
    const cycleLink = links.find((link) => link.targetType === 'evaluation_cycle');
    if (!cycleLink) throw new ConflictError(`nothing to evaluate: ${trigger.outcomeReason}`);
    return this.ctx.em.findOneOrFail(EvaluationCycle, { id: cycleLink.targetId });
  }

  /**
   * Executes a queued cycle (worker task). Idempotent: a cycle that is not `queued` is returned unchanged, and all
   * results (configurations, matrix, scorecard entries, completion) are written in ONE transaction, so a retried
   * job after a crash recomputes from scratch and never duplicates a row. Bad input marks it `failed`. A cycle
   * cancelled meanwhile is seen at the next checkpoint (after choosing the scope, after loading the datasets, between
   * the strategies it isolates, and when it stores its results) and returned as it is: nothing of it is stored.
   */
  async execute(cycleId: string): Promise<EvaluationCycle> {
    await this.governance.authorize('create', 'EvaluationCycle');
    const started = await this.ctx.em.fork().transactional(async (em) => {
      const { row: cycle, changed } = await applyTransition(em, evaluationCycleLifecycle, {
        entity: EvaluationCycle,
        id: cycleId,
        field: 'status',
        to: 'running',
        change: (row) => {
          row.startedAt ??= this.ctx.clock.now();
        },
      });
      if (!changed) return cycle;
      await publishEvent(em, 'SCORECARD_UPDATED', { cycleId, status: 'running', evaluationDate: null });
      return cycle;
    });
    if (started.status !== 'running') return started;
    const logger = this.ctx.logger.child({ cycleId });
    const clockStart = performance.now();
    try {
      const em = this.ctx.em.fork();
      const cancelled = async (where: string) => {
        if (!(await wasCancelled(this.ctx.em, EvaluationCycle, cycleId))) return false;
        logger.info({ checkpoint: where }, 'evaluation cycle cancelled; stopping');
        return true;
      };
      const scope = await this.scope(started.strategyIds ?? null);
      if (scope.length === 0) throw new ConflictError('no strategy in scope has an approved version');
      if (await cancelled('scope chosen')) return await this.ctx.em.findOneOrFail(EvaluationCycle, { id: cycleId }, { refresh: true });
      const frames = await this.loadFrames(started.symbols);
      if (frames.length === 0) throw new ConflictError(`no certified daily or hourly dataset for ${started.symbols.join(', ')}`);
      if (await cancelled('datasets loaded')) return await this.ctx.em.findOneOrFail(EvaluationCycle, { id: cycleId }, { refresh: true });
      // One strategy's failure is recorded on it and never fails the cycle for the others.
      const failures: CycleStrategyFailure[] = [];
      const templates = new Map<string, StrategyTemplate>();
      for (const { strategy, version } of scope) {
        try {
          const template = withSpace(strategy.id, getStrategyTemplate(version.template), version.parameterSpace);
          const unsatisfiable = findUnsatisfiableConstraint(template.parameterSpace);
          if (unsatisfiable) throw new Error(`its parameter space cannot satisfy the constraint ${unsatisfiable.description}`);
          templates.set(strategy.id, template);
        } catch (error) {
          failures.push({ strategyId: strategy.id, strategyVersionId: version.id, reason: (error as Error).message });
        }
      }
      const loadedFrames = frames.map((frame) => frame.loaded);
      const evaluateScope = (active: Map<string, StrategyTemplate>, count: number) => {
        const share = Math.floor(started.maxTemplateShare * count) * active.size >= count ? started.maxTemplateShare : 1;
        const generated = generateConfigurations({ templates: [...active.values()], count, maxTemplateShare: share, seed: started.seed % 0x1_0000_0000 });
        return { configurations: generated, evaluation: evaluateConfigurations(generated, active, loadedFrames) };
      };
      let outcome: ReturnType<typeof evaluateScope>;
      try {
        if (templates.size === 0) throw new ConflictError('every strategy in scope failed');
        outcome = evaluateScope(templates, started.configurationCount);
      } catch (error) {
        if (templates.size === 0) throw new ConflictError(`every strategy in scope failed: ${failures.map((failure) => `${failure.strategyId}: ${failure.reason}`).join('; ')}`);
        // Find the strategies that fail alone (one configuration each), leave them out, and evaluate the rest.
        for (const [strategyId, template] of [...templates]) {
          if (await cancelled('isolating failures')) return await this.ctx.em.findOneOrFail(EvaluationCycle, { id: cycleId }, { refresh: true });
          try {
            evaluateScope(new Map([[strategyId, template]]), 1);
          } catch (alone) {
            failures.push({ strategyId, strategyVersionId: scope.find((item) => item.strategy.id === strategyId)!.version.id, reason: (alone as Error).message });
            templates.delete(strategyId);
          }
        }
        if (failures.length === 0 || templates.size === 0) throw error;
        outcome = evaluateScope(templates, started.configurationCount);
      }
      const { configurations, evaluation } = outcome;
      if (failures.length > 0) logger.warn({ failures }, 'strategies left out of the cycle');
      logger.info({ configurations: configurations.length, datasets: frames.length, ms: Math.round(performance.now() - clockStart) }, 'cycle evaluated');
      const policy = await this.scorecards.activePolicy(em);
      const system = await this.strategies.systemUser();
      const evaluationDate = this.ctx.clock.now().toISOString().slice(0, 10);
      const byStrategy = new Map(scope.map((item) => [item.strategy.id, item]));
      return await em.transactional(async (tx) => {
        // The move to `completed` is applied first (row locked, state checked) and written with all results below.
        // A cycle cancelled during the evaluation is terminal here: it is returned as it is and stores nothing.
        const { row: cycle, changed } = await applyTransition(tx, evaluationCycleLifecycle, { entity: EvaluationCycle, id: cycleId, field: 'status', to: 'completed' });
        if (!changed) return cycle;
        await tx.nativeDelete(CycleConfiguration, { evaluationCycle: cycleId });
        for (const result of evaluation.configurations) {
          const item = byStrategy.get(result.configuration.templateId)!;
          tx.create(CycleConfiguration, {
            evaluationCycle: cycle,
            strategy: tx.getReference(Strategy, item.strategy.id),
            strategyVersion: tx.getReference(StrategyVersion, item.version.id),
            template: item.version.template,
            configurationKey: result.configuration.key.replace(`${item.strategy.id}:`, `${item.version.template}:`),
            parameters: { ...result.configuration.parameters },
            seed: result.configuration.seed,
            outOfSampleSharpe: finiteOrNull(result.meanSharpe),
            outOfSampleMetrics: Object.fromEntries(Object.entries(result.perDataset).map(([datasetId, metrics]) => [datasetId, finiteOrNullRecord(metrics)])),
          });
        }
        const flat = new Float64Array(evaluation.matrix.length * evaluation.rows);
        evaluation.matrix.forEach((column, index) => flat.set(column, index * evaluation.rows));
        cycle.datasets = frames.map((frame) => frame.pinned);
        cycle.scoringPolicyVersion = policy.version;
        cycle.evaluationDate = evaluationDate;
        cycle.trialCount = configurations.length;
        cycle.trialKeys = configurations.map((configuration) => configuration.key);
        cycle.trialReturnMatrix = packFloat64(flat);
        cycle.matrixRows = evaluation.rows;
        cycle.probabilityOfBacktestOverfitting = finiteOrNull(evaluation.probabilityOfBacktestOverfitting);
        cycle.strategyFailures = failures;
        await tx.flush();
        const entries = await this.scorecards.writeEntries(
          tx,
          cycle,
          evaluationDate,
          policy,
          evaluation.strategies.map((result) => ({ strategyId: result.strategyKey, strategyVersionId: byStrategy.get(result.strategyKey)!.version.id, inputs: result.inputs })),
          system,
        );
        cycle.completedAt = this.ctx.clock.now();
        cycle.durationMs = Math.round(performance.now() - clockStart);
        await tx.flush();
        await this.governance.audit.record(tx, {
          action: 'evaluation_cycle.completed',
          subjectType: 'EvaluationCycle',
          subjectId: cycle.id,
          details: {
            configurations: configurations.length,
            strategies: templates.size,
            ...(failures.length > 0 ? { strategyFailures: failures } : {}),
            datasets: cycle.datasets,
            scoringPolicyVersion: policy.version,
            evaluationDate,
            probabilityOfBacktestOverfitting: cycle.probabilityOfBacktestOverfitting,
            ranking: entries.map((entry) => ({ strategyId: entry.strategy.id, rank: entry.rank, score: Number(entry.normalizedScore), recommendation: entry.recommendation })),
          },
        });
        await publishEvent(tx, 'SCORECARD_UPDATED', { cycleId, status: 'completed', evaluationDate });
        // FR-005: the candidate rule runs on the new scorecard (one job per date; it records each verdict once).
        await enqueueJob(tx, 'record_promotion_candidates', { evaluationDate }, { jobKey: `record_promotion_candidates:${evaluationDate}` });
        logger.info({ entries: entries.length, durationMs: cycle.durationMs }, 'evaluation cycle completed; scorecard updated');
        return cycle;
      });
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError || (error instanceof Error && error.name === 'EngineInputError')) {
        logger.warn({ err: error }, 'evaluation cycle failed');
        return this.fail(cycleId, (error as Error).message);
      }
      throw error;
    }
  }

  /** Marks a cycle failed (also when its job exhausts its retries). No-op when already terminal. */
  async fail(cycleId: string, reason: string): Promise<EvaluationCycle> {
    await this.governance.authorize('create', 'EvaluationCycle');
    return this.ctx.em.fork().transactional(async (em) => {
      const { row: cycle, changed } = await applyTransition(em, evaluationCycleLifecycle, {
        entity: EvaluationCycle,
        id: cycleId,
        field: 'status',
        to: 'failed',
        change: (row) => {
          row.failureReason = reason;
          row.completedAt = this.ctx.clock.now();
        },
      });
      if (!changed) return cycle;
      await this.governance.audit.record(em, { action: 'evaluation_cycle.failed', subjectType: 'EvaluationCycle', subjectId: cycleId, details: { reason } });
      await publishEvent(em, 'SCORECARD_UPDATED', { cycleId, status: 'failed', evaluationDate: null });
      return cycle;
    });
  }

  /**
   * Cancels a queued or running cycle (`cancelEvaluationCycle`, audited as `evaluation_cycle.cancelled` with the
   * reason; `SCORECARD_UPDATED` with status `cancelled`). A queued cycle's job is removed (only this cycle's: the job
   * key is its scope's, which the next cycle of that scope reuses); a running task stops at its next checkpoint. The
   * scorecard keeps its previous entries.
   * @param reason why (see {@link parseCancelReason}; stored as `failureReason`).
   * @throws NotFoundError; ConflictError when it already completed, failed or was cancelled; ValidationError naming
   * `reason`; UnauthenticatedError / ForbiddenError.
   */
  async cancel(cycleId: string, reason: string): Promise<EvaluationCycle> {
    await this.governance.authorizeUseCase('cancelEvaluationCycle', cycleId);
    const because = cancelledBecause(parseCancelReason(reason));
    return this.ctx.em.fork().transactional(async (em) => {
      const { row: cycle, from, changed } = await applyTransition(em, evaluationCycleLifecycle, {
        entity: EvaluationCycle,
        id: cycleId,
        field: 'status',
        to: 'cancelled',
        subject: () => `evaluation cycle ${cycleId}`,
        change: (row) => {
          row.failureReason = because;
          row.completedAt = this.ctx.clock.now();
        },
      });
      if (!changed) throw new ConflictError(`evaluation cycle ${cycleId} is already ${from}`);
      await removeJob(em, `evaluation-cycle:${cycle.scopeKey}`, { cycleId });
      await this.governance.audit.record(em, { action: 'evaluation_cycle.cancelled', subjectType: 'EvaluationCycle', subjectId: cycleId, details: { from, reason: because } });
      await publishEvent(em, 'SCORECARD_UPDATED', { cycleId, status: 'cancelled', evaluationDate: null });
      return cycle;
    });
  }

  /** Cycles, newest first. */
  async list(page: PageRequest, filter: { status?: EvaluationCycleStatus | null } = {}): Promise<Page<EvaluationCycle>> {
    await this.governance.authorize('read', 'EvaluationCycle');
    return paginate(this.ctx.em, EvaluationCycle, filter.status ? { status: filter.status } : {}, page);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<EvaluationCycle> {
    await this.governance.authorize('read', 'EvaluationCycle', id);
    const cycle = await this.ctx.em.findOne(EvaluationCycle, { id });
    if (!cycle) throw new NotFoundError('EvaluationCycle', id);
    return cycle;
  }

  /** A cycle's configurations (trials), best mean out-of-sample Sharpe first. */
  async configurations(cycleId: string): Promise<CycleConfiguration[]> {
    await this.governance.authorize('read', 'EvaluationCycle', cycleId);
    return this.ctx.em.find(
      CycleConfiguration,
      { evaluationCycle: cycleId },
      { populate: ['strategy'], orderBy: { outOfSampleSharpe: QueryOrder.DESC_NULLS_LAST, configurationKey: QueryOrder.ASC } },
    );
  }

  /**
   * Experiment comparison of a cycle's configurations as CSV or JSON (`{ cycle, datasets, rows }`), best mean
   * out-of-sample Sharpe first. @throws NotFoundError
   */
  async exportComparison(cycleId: string, format: 'csv' | 'json'): Promise<string> {
    const cycle = await this.get(cycleId);
    const rows = toExperimentRows(await this.configurations(cycleId));
    const labels = new Map((cycle.datasets ?? []).map((dataset) => [dataset.id, `${dataset.symbol} ${dataset.timeframe}`]));
    if (format === 'csv') return formatExperimentCsv(rows, labels);
    return JSON.stringify({ cycle: { id: cycle.id, evaluationDate: cycle.evaluationDate, seed: cycle.seed, scoringPolicyVersion: cycle.scoringPolicyVersion, probabilityOfBacktestOverfitting: cycle.probabilityOfBacktestOverfitting }, datasets: cycle.datasets ?? [], rows }, null, 2);
  }

  /** Scorecard entries a cycle wrote. */
  async entries(cycleId: string): Promise<ScorecardEntry[]> {
    await this.governance.authorize('read', 'ScorecardEntry');
    return this.ctx.em.find(ScorecardEntry, { evaluationCycle: cycleId }, { orderBy: { rank: 'asc' } });
  }

  /** Strategies in scope with their newest approved version (retired ones and those without one are left out). */
  private async scope(strategyIds: string[] | null): Promise<{ strategy: Strategy; version: StrategyVersion }[]> {
    const where = strategyIds ? { id: { $in: strategyIds }, lifecycleState: { $ne: 'retired' as const } } : { lifecycleState: { $ne: 'retired' as const } };
    const strategies = await this.ctx.em.find(Strategy, where, { orderBy: { code: 'asc' } });
    const scoped: { strategy: Strategy; version: StrategyVersion }[] = [];
    for (const strategy of strategies) {
      const version = await this.strategies.latestApprovedVersion(strategy.id);
      if (version) scoped.push({ strategy, version });
    }
    return scoped;
  }

  /** The newest certified daily and hourly dataset of each symbol, loaded with regimes. */
  private async loadFrames(symbols: readonly string[]): Promise<{ pinned: CycleDataset; loaded: CycleFrame }[]> {
    const frames: { pinned: CycleDataset; loaded: CycleFrame }[] = [];
    for (const symbol of symbols) {
      for (const timeframe of cycleDefaults.timeframes) {
        const dataSet = await this.ctx.em.findOne(
          MarketDataSet,
          { symbolUniverse: { $contains: [symbol] }, timeframe: timeframe as Timeframe, certifiedAt: { $ne: null } },
          { orderBy: { endAt: 'desc', createdAt: 'desc' } },
        );
        if (!dataSet) continue;
        const perYear = periodsPerYear(timeframe as Timeframe);
        const { frame, bandIndex } = await loadCachedFrame(dataSet.id, dataSet.checksum, async () => {
          const loaded = await loadBarFrame(this.ctx.em, dataSet.id);
          return { frame: loaded, bandIndex: calculateVolatilityRegimes(loaded, { periodsPerYear: perYear }).bandIndex };
        });
        frames.push({
          pinned: { id: dataSet.id, checksum: dataSet.checksum, symbol, timeframe },
          loaded: { id: dataSet.id, timeframe, frame, bandIndex, backtest: { feeBps: defaultFeeBps, slippageBps: defaultSlippageBps, periodsPerYear: perYear } },
        });
      }
    }
    return frames;
  }
}

/** The engine template with a version's submitted parameter space, keyed by strategy id (so the share cap is per strategy). */
function withSpace(id: string, template: StrategyTemplate, parameterSpace: ParameterSpace): StrategyTemplate {
  return {
    id,
    name: template.name,
    description: template.description,
    allowsShort: template.allowsShort,
    parameterSpace,
    warmupBars: (parameters) => template.warmupBars(parameters),
    computeTargets: (frame, parameters, targets) => template.computeTargets(frame, parameters, targets),
  };
}
