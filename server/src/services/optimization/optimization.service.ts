import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { performance } from 'node:perf_hooks';
import {
  calculateVolatilityRegimes,
  compoundEquity,
  ENGINE_VERSION,
  EngineInputError,
  getStrategyTemplate,
  makeWalkForwardWindows,
  periodsPerYear,
  regimeBands,
  runOptimizationSegment,
  stitchSeries,
  summarizeOptimization,
  timeframeMilliseconds,
  type BacktestOptions,
  type BarFrame,
  type DatasetOutcome,
  type OptimizationSegment,
  type OptimizationSummary,
  type ParameterSpace,
  type PerformanceMetrics,
  type SegmentOutcome,
  type TrialReturnMatrix,
  type WalkForwardOptions,
  type WalkForwardWindow,
} from '../../engine/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { HyperparameterTrial } from '../../domain/optimization/hyperparameter-trial.entity.ts';
import { Optimization } from '../../domain/optimization/optimization.entity.ts';
import { optimizationLifecycle, type OptimizationStatus } from '../../domain/optimization/optimization.lifecycle.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { cancelledBecause, parseCancelReason } from '../../domain/lifecycle/cancellation.ts';
import type { ObjectiveSpec, OptimizationDataset, ParameterOverride, StoredRegimeMetrics, StoredSensitivity, WalkForwardWindowsSpec } from '../../domain/optimization/optimization-settings.ts';
import type { SearchMethod } from '../../domain/optimization/search-method.ts';
import { WalkForwardSegment } from '../../domain/optimization/walk-forward-segment.entity.ts';
import { checkWindowsFitData, maxSegmentsPerDataset } from '../../domain/optimization/window-fit.ts';
import { newId } from '../../domain/ids.ts';
import { readTrialAnalysis, type TrialAnalysis } from './trial-analysis.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { calculateParameterChecksum } from '../../domain/strategy/parameter-checksum.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { removeJob } from '../../infra/jobs/remove-job.ts';
import { findOrCreateParameterConfig } from '../strategy/parameter-config.repository.ts';
import { defaultFeeBps, defaultSlippageBps } from '../../domain/backtest/trading-costs.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';
import { makeEquityPoints, packFloat64, unpackFloat64, type EquityPoint } from '../backtest/equity-curve-codec.ts';
import { readStoredMetric, toStoredMetrics } from '../backtest/stored-metrics.ts';
import { wasCancelled } from '../cancellation-checkpoint.ts';
import { finiteOrNull } from '../finite-or-null.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { applyParameterOverrides, maxTrialBudget, toEngineSearchMethod, toSearchObjective, validateWindows } from './optimization-input.ts';

/** What a caller asks for when queueing an optimization. */
export interface QueueOptimizationInput {
  strategyVersionId: string;
  /** Datasets to walk forward on (1–5, certified). */
  marketDataSetIds: string[];
  /** Narrowings of the template's parameter space. */
  parameterOverrides?: ParameterOverride[] | null;
  searchMethod: SearchMethod;
  /** Trials per walk-forward segment (1–1000). */
  trialBudget: number;
  /** 32-bit search seed; default: the version's deterministic seed. */
  seed?: number | null;
  windows: Omit<WalkForwardWindowsSpec, 'stepSize'> & { stepSize?: number | null };
  objective: ObjectiveSpec;
  /** Fee in basis points of traded notional (default 10). */
  feeBps?: number | null;
  /** Slippage in basis points (default 5). */
  slippageBps?: number | null;
}

/** Filters for listing optimizations. */
export interface OptimizationFilter {
  status?: OptimizationStatus | null;
  strategyVersionId?: string | null;
}

/** One dataset prepared for execution: its frame, regime labels and walk-forward windows. */
interface PreparedDataset {
  dataSet: MarketDataSet;
  frame: BarFrame;
  bandIndex: Int8Array;
  backtest: BacktestOptions;
  windows: WalkForwardWindow[];
}

const toRange = (from: number, to: number): string => `[${new Date(from).toISOString()},${new Date(to).toISOString()})`;

/** Walk-forward optimization use-cases: queue, execute (worker; resumable), read results. */
export class OptimizationService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Queues an optimization: validates the version, datasets, parameter overrides, windows and objective, and writes
   * the row, its `run_optimization` job and the progress event in one transaction.
   * @throws NotFoundError, ValidationError (names the field), ConflictError (rejected version, uncertified dataset),
   * UnauthenticatedError / ForbiddenError (needs `create Optimization`).
   */
  async queue(input: QueueOptimizationInput): Promise<Optimization> {
    await this.governance.authorizeUseCase('queueOptimization');
    const feeBps = input.feeBps ?? defaultFeeBps;
    const slippageBps = input.slippageBps ?? defaultSlippageBps;
    for (const [field, value] of [['feeBps', feeBps], ['slippageBps', slippageBps]] as const) {
      if (!Number.isFinite(value) || value < 0 || value > 1000) throw new ValidationError(`${field} must be between 0 and 1000 basis points`, field);
    }
    if (!Number.isInteger(input.trialBudget) || input.trialBudget < 1 || input.trialBudget > maxTrialBudget) {
      throw new ValidationError(`trialBudget must be between 1 and ${maxTrialBudget}`, 'trialBudget');
    }
    const ids = [...new Set(input.marketDataSetIds)];
    if (ids.length < 1 || ids.length > 5) throw new ValidationError('give 1 to 5 distinct datasets', 'marketDataSetIds');
    const windows = validateWindows({ ...input.windows, stepSize: input.windows.stepSize ?? input.windows.testSize });
    const objective = toSearchObjective(input.objective);
    if (input.seed !== undefined && input.seed !== null && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed <= 0xffffffff)) {
      throw new ValidationError('seed must be a whole number in [0, 2³²)', 'seed');
    }
    return this.ctx.em.transactional(async (em) => {
      const version = await em.findOne(StrategyVersion, { id: input.strategyVersionId });
      if (!version) throw new NotFoundError('StrategyVersion', input.strategyVersionId);
      if (version.approvalStatus === 'rejected') throw new ConflictError(`strategy version ${version.versionTag} was rejected; it cannot be optimized`);
      const overrides = input.parameterOverrides ?? [];
      const space = applyParameterOverrides(version.template, overrides);
      const datasets: OptimizationDataset[] = [];
      for (const id of ids) {
        const dataSet = await em.findOne(MarketDataSet, { id });
        if (!dataSet) throw new NotFoundError('MarketDataSet', id);
        if (!dataSet.certifiedAt) throw new ConflictError(`market data set ${dataSet.id} is not certified`);
        if (dataSet.timeframe === 'tick') throw new ValidationError('tick datasets cannot be optimized; resample first', 'marketDataSetIds');
        checkWindowsFitData(windows, {
          id: dataSet.id,
          rowCount: dataSet.rowCount,
          startMs: dataSet.startAt.getTime(),
          endMs: dataSet.endAt.getTime(),
          barMs: timeframeMilliseconds(dataSet.timeframe),
        });
        datasets.push({ id: dataSet.id, checksum: dataSet.checksum, symbol: dataSet.symbolUniverse.join(',') });
      }
      const seed = input.seed ?? version.deterministicSeed % 0x1_0000_0000;
      const settings = { space, searchMethod: input.searchMethod, trialBudget: input.trialBudget, seed, windows, objective, feeBps, slippageBps };
      const optimization = em.create(Optimization, {
        strategyVersion: version,
        datasets,
        parameterSpace: space,
        parameterOverrides: overrides,
        parameterChecksum: calculateParameterChecksum(settings),
        searchMethod: input.searchMethod,
        trialBudget: input.trialBudget,
        seed,
        windows,
        objective: { metric: objective.metric, direction: objective.direction, constraints: [...objective.constraints] },
        feeBps,
        slippageBps,
        correlationId: this.ctx.correlationId,
      });
      await em.flush();
      await enqueueJob(em, 'run_optimization', { optimizationId: optimization.id, correlationId: this.ctx.correlationId }, { jobKey: `optimization:${optimization.id}` });
      await this.governance.audit.record(em, {
        action: 'optimization.queued',
        subjectType: 'Optimization',
        subjectId: optimization.id,
        datasetChecksum: datasets[0].checksum,
        details: {
          strategyVersionId: version.id,
          marketDataSetIds: ids,
          datasetChecksums: datasets.map((dataset) => dataset.checksum),
          parameterChecksum: optimization.parameterChecksum,
          searchMethod: input.searchMethod,
          trialBudget: input.trialBudget,
          seed,
          windows,
          objective: optimization.objective,
        },
      });
      await this.publishProgress(em, optimization, null, null);
      return optimization;
    });
  }

  /**
   * Executes an optimization (worker task). Resumable and idempotent: segments already stored are kept (each is
   * written with all its trials in one transaction, under the optimization's row lock, trials with `on conflict do
   * nothing`), the rest are computed; a terminal optimization is returned unchanged. Bad input marks it `failed`.
   */
  async execute(optimizationId: string): Promise<Optimization> {
    await this.governance.authorize('update', 'Optimization', optimizationId);
    const started = await this.move(optimizationId, 'running', (row) => {
      row.startedAt ??= this.ctx.clock.now();
      row.engineVersion = ENGINE_VERSION;
    });
    if (started.status !== 'running') return started;
    const logger = this.ctx.logger.child({ optimizationId });
    try {
      const version = await this.ctx.em.findOneOrFail(StrategyVersion, { id: started.strategyVersion.id });
      const template = getStrategyTemplate(version.template);
      const space = started.parameterSpace;
      const objective = toSearchObjective(started.objective);
      const prepared: PreparedDataset[] = [];
      const loadStart = performance.now();
      for (const entry of started.datasets) {
        const dataSet = await this.ctx.em.findOneOrFail(MarketDataSet, { id: entry.id });
        if (dataSet.checksum !== entry.checksum) throw new ConflictError(`dataset ${dataSet.id} changed since the optimization was queued`);
        const frame = await loadBarFrame(this.ctx.em, dataSet.id);
        const perYear = periodsPerYear(dataSet.timeframe as Exclude<typeof dataSet.timeframe, 'tick'>);
        const windows = makeWalkForwardWindows(frame.timestamp, { ...started.windows, maxWindows: maxSegmentsPerDataset });
        if (windows.length === 0) throw new ValidationError(`dataset ${dataSet.id} is too short for one train + test window`, 'windows');
        if (windows.length > maxSegmentsPerDataset) throw new ValidationError(`more than ${maxSegmentsPerDataset} segments per dataset; use larger steps`, 'windows');
        const bandIndex = calculateVolatilityRegimes(frame, { periodsPerYear: perYear }).bandIndex;
        prepared.push({ dataSet, frame, bandIndex, windows, backtest: { feeBps: started.feeBps, slippageBps: started.slippageBps, periodsPerYear: perYear } });
      }
      logger.debug({ loadMs: performance.now() - loadStart }, 'datasets loaded');
      const segmentsTotal = prepared.reduce((sum, dataset) => sum + dataset.windows.length, 0);
      await this.update(optimizationId, (row) => {
        row.segmentsTotal = segmentsTotal;
        row.trialsTotal = Math.max(row.trialsCompleted, segmentsTotal * row.trialBudget);
      });
      const runStartedAt = this.ctx.clock.now().getTime();
      let trialsThisRun = 0;
      for (const dataset of prepared) {
        const stored = await this.storedSegmentIndexes(optimizationId, dataset.dataSet.id);
        const options: WalkForwardOptions = {
          windows: started.windows,
          parameterSpace: space,
          search: { method: toEngineSearchMethod(started.searchMethod), budget: started.trialBudget, seed: started.seed, objective },
          backtest: dataset.backtest,
        };
        for (const [index, window] of dataset.windows.entries()) {
          if (stored.has(index)) continue;
          if (await wasCancelled(this.ctx.em, Optimization, optimizationId)) {
            logger.info({ segment: index }, 'optimization cancelled; stopping before the next segment');
            return await this.get(optimizationId);
          }
          const computeStart = performance.now();
          const computed = runOptimizationSegment(dataset.frame, template, options, window, index, dataset.bandIndex);
          const storeStart = performance.now();
          const written = await this.storeSegment(optimizationId, version, dataset, computed, (row) => {
            trialsThisRun += computed.trials.length;
            const elapsedSeconds = (this.ctx.clock.now().getTime() - runStartedAt) / 1000;
            const remaining = Math.max(0, row.trialsTotal - row.trialsCompleted);
            return trialsThisRun > 0 ? (elapsedSeconds / trialsThisRun) * remaining : null;
          });
          if (!written) logger.info({ segment: index }, 'segment already stored by another attempt');
          logger.debug({ segment: index, computeMs: storeStart - computeStart, storeMs: performance.now() - storeStart }, 'segment stored');
        }
      }
      const summaryStart = performance.now();
      const completed = await this.complete(optimizationId, template, space, objective, prepared);
      logger.debug({ summaryMs: performance.now() - summaryStart }, 'summary stored');
      logger.info({ segments: completed.segmentsCompleted, trials: completed.trialsCompleted }, 'optimization completed');
      return completed;
    } catch (error) {
      if (error instanceof EngineInputError || error instanceof ValidationError || error instanceof ConflictError) {
        logger.warn({ err: error }, 'optimization failed');
        return this.fail(optimizationId, error.message);
      }
      throw error;
    }
  }

  /**
   * Cancels a queued or running optimization (`cancelOptimization`, audited as `optimization.cancelled` with the
   * reason). A queued one's job is removed; a running task sees the status before its next segment and stops, so it
   * never stays `running`. Segments already stored stay readable.
   * @param reason why (see {@link parseCancelReason}; stored as `failureReason`).
   * @throws NotFoundError; ConflictError when it already completed, failed or was cancelled; ValidationError naming
   * `reason`; UnauthenticatedError / ForbiddenError.
   */
  async cancel(optimizationId: string, reason: string): Promise<Optimization> {
    await this.governance.authorizeUseCase('cancelOptimization', optimizationId);
    const because = cancelledBecause(parseCancelReason(reason));
    return this.move(
      optimizationId,
      'cancelled',
      (row) => {
        row.completedAt = this.ctx.clock.now();
        row.failureReason = because;
      },
      { refuseTerminal: true, alsoInTransaction: (em) => removeJob(em, `optimization:${optimizationId}`) },
    );
  }

  /** Marks an optimization `failed` with a reason (also when its job exhausts its retries). No-op when terminal. */
  async fail(optimizationId: string, reason: string): Promise<Optimization> {
    await this.governance.authorize('update', 'Optimization', optimizationId);
    return this.move(optimizationId, 'failed', (row) => {
      row.completedAt = this.ctx.clock.now();
      row.failureReason = reason;
    });
  }

  /** Optimizations, newest first. */
  async list(page: PageRequest, filter: OptimizationFilter = {}): Promise<Page<Optimization>> {
    await this.governance.authorize('read', 'Optimization');
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (filter.strategyVersionId) where.strategyVersion = filter.strategyVersionId;
    return paginate(this.ctx.em, Optimization, where, page);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<Optimization> {
    await this.governance.authorize('read', 'Optimization', id);
    const optimization = await this.ctx.em.findOne(Optimization, { id });
    if (!optimization) throw new NotFoundError('Optimization', id);
    return optimization;
  }

  /** @throws NotFoundError */
  async getSegment(id: string): Promise<WalkForwardSegment> {
    await this.governance.authorize('read', 'Optimization');
    const segment = await this.ctx.em.findOne(WalkForwardSegment, { id });
    if (!segment) throw new NotFoundError('WalkForwardSegment', id);
    return segment;
  }

  /** @throws NotFoundError */
  async getTrial(id: string): Promise<HyperparameterTrial> {
    await this.governance.authorize('read', 'Optimization');
    const trial = await this.ctx.em.findOne(HyperparameterTrial, { id });
    if (!trial) throw new NotFoundError('HyperparameterTrial', id);
    return trial;
  }

  /** Segments of an optimization in dataset order, then segment order. */
  async segments(optimization: Optimization): Promise<WalkForwardSegment[]> {
    await this.governance.authorize('read', 'Optimization', optimization.id);
    const rows = await this.ctx.em.find(WalkForwardSegment, { optimization: optimization.id }, { orderBy: { segmentIndex: 'asc' } });
    const order = new Map(optimization.datasets.map((dataset, index) => [dataset.id, index]));
    return rows.sort((a, b) => (order.get(a.marketDataSet.id) ?? 0) - (order.get(b.marketDataSet.id) ?? 0) || a.segmentIndex - b.segmentIndex);
  }

  /**
   * Progress of an optimization: the best out-of-sample objective value among stored segments (by the objective's
   * direction; null before the first) and an ETA in seconds from the elapsed time and the trials left (null when
   * unknown or finished).
   */
  async progress(optimization: Optimization): Promise<{ bestObjective: number | null; etaSeconds: number | null }> {
    await this.governance.authorize('read', 'Optimization', optimization.id);
    const bestObjective = await bestObjectiveOf(this.ctx.em, optimization);
    let etaSeconds: number | null = null;
    if (optimization.status === 'running' && optimization.startedAt && optimization.trialsCompleted > 0) {
      const elapsedSeconds = (this.ctx.clock.now().getTime() - optimization.startedAt.getTime()) / 1000;
      etaSeconds = Math.round((elapsedSeconds / optimization.trialsCompleted) * Math.max(0, optimization.trialsTotal - optimization.trialsCompleted));
    }
    return { bestObjective, etaSeconds };
  }

  /** Trials of an optimization, newest first (optionally of one segment). */
  async trials(optimizationId: string, page: PageRequest, segmentId?: string | null): Promise<Page<HyperparameterTrial>> {
    await this.governance.authorize('read', 'Optimization', optimizationId);
    const where: Record<string, unknown> = { optimization: optimizationId };
    if (segmentId) where.segment = segmentId;
    return paginate(this.ctx.em, HyperparameterTrial, where, page);
  }

  /** Trials of an optimization (or one of its segments) in run order, with parameter importance: {@link readTrialAnalysis}. */
  async trialAnalysis(optimization: Optimization, segmentId: string | null): Promise<TrialAnalysis> {
    await this.governance.authorize('read', 'Optimization', optimization.id);
    return readTrialAnalysis(this.ctx.em, optimization, segmentId);
  }

  /**
   * Stitched out-of-sample equity (starting capital 1.0) and drawdown of one dataset of the optimization (default the
   * first), downsampled to `maxPoints` (4..100000); [] before any segment is stored.
   */
  async outOfSampleEquity(optimization: Optimization, maxPoints: number, marketDataSetId?: string | null): Promise<EquityPoint[]> {
    if (!Number.isInteger(maxPoints) || maxPoints < 4 || maxPoints > 100_000) throw new ValidationError('maxPoints must be between 4 and 100000', 'maxPoints');
    const datasetId = marketDataSetId ?? optimization.datasets[0]?.id;
    const segments = (await this.segments(optimization)).filter((segment) => segment.marketDataSet.id === datasetId);
    const timestamps = segments.map((segment) => unpackFloat64(segment.outOfSampleTimestamps));
    const returns = segments.map((segment) => unpackFloat64(segment.outOfSampleReturns));
    const times = stitchSeries(timestamps);
    const equity = compoundEquity(stitchSeries(returns));
    return makeEquityPoints(times, equity, maxPoints);
  }

  private async storedSegmentIndexes(optimizationId: string, dataSetId: string): Promise<Set<number>> {
    const rows = await this.ctx.em.find(WalkForwardSegment, { optimization: optimizationId, marketDataSet: dataSetId }, { fields: ['segmentIndex'] });
    return new Set(rows.map((row) => row.segmentIndex));
  }

  /**
   * Writes one segment, its chosen config and all its trials, bumps the progress counters and publishes progress —
   * one transaction under the optimization's row lock. Returns false when the segment was already stored.
   */
  private async storeSegment(
    optimizationId: string,
    version: StrategyVersion,
    dataset: PreparedDataset,
    computed: OptimizationSegment,
    estimateEtaSeconds: (row: Optimization) => number | null,
  ): Promise<boolean> {
    return this.ctx.em.transactional(async (em) => {
      const optimization = await em.findOneOrFail(Optimization, { id: optimizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const existing = await em.count(WalkForwardSegment, { optimization: optimizationId, marketDataSet: dataset.dataSet.id, segmentIndex: computed.index });
      if (existing > 0 || optimization.status !== 'running') return false;
      const versionRef = em.getReference(StrategyVersion, version.id);
      const config = await findOrCreateParameterConfig(em, versionRef, computed.parameters, 'optimization');
      const trainWindow = toRange(computed.trainStartTime, computed.testStartTime);
      const testWindow = toRange(computed.testStartTime, computed.testEndExclusiveTime);
      const segment = em.create(WalkForwardSegment, {
        optimization,
        marketDataSet: em.getReference(MarketDataSet, dataset.dataSet.id),
        segmentIndex: computed.index,
        trainWindow,
        testWindow,
        seed: computed.seed,
        parameterConfig: config,
        parameters: { ...computed.parameters },
        feasible: computed.feasible,
        trialCount: computed.trials.length,
        inSampleMetrics: toStoredMetrics(computed.inSampleMetrics),
        outOfSampleMetrics: toStoredMetrics(computed.outOfSampleMetrics),
        walkForwardEfficiency: finiteOrNull(computed.walkForwardEfficiency),
        probabilityOfBacktestOverfitting: finiteOrNull(computed.probabilityOfBacktestOverfitting),
        deflatedSharpeRatio: finiteOrNull(computed.deflatedSharpeRatio),
        outOfSampleTimestamps: packFloat64(computed.outOfSampleTimestamps),
        outOfSampleReturns: packFloat64(computed.outOfSampleReturns),
        trialReturnMatrix: packTrialReturnMatrix(computed.matrix),
        matrixRows: computed.matrix.rows,
        matrixGroupBars: computed.matrix.groupBars,
        engineVersion: ENGINE_VERSION,
        datasetChecksum: dataset.dataSet.checksum,
        parameterChecksum: config.checksum,
      });
      await em.flush();
      const band = dataset.bandIndex[Math.max(0, dataset.windows[computed.index].testStart - 1)];
      const rows = computed.trials.map((trial) => ({
        id: newId(),
        strategyVersion: version.id,
        marketDataSet: dataset.dataSet.id,
        optimization: optimizationId,
        segment: segment.id,
        trialIndex: trial.index,
        seed: trial.seed,
        searchMethod: optimization.searchMethod,
        parameters: { ...trial.parameters },
        trainWindow,
        testWindow,
        resultMetrics: toStoredMetrics(trial.outOfSampleMetrics),
        inSampleMetrics: toStoredMetrics(trial.inSampleMetrics),
        feasible: trial.feasible,
        regimeBand: band >= 0 ? regimeBands[band] : null,
        robustnessScore: finiteOrNull(trial.robustness),
        engineVersion: ENGINE_VERSION,
        datasetChecksum: dataset.dataSet.checksum,
        parameterChecksum: calculateParameterChecksum(trial.parameters),
      }));
      await insertTrials(em, rows);
      optimization.segmentsCompleted += 1;
      optimization.trialsCompleted += computed.trials.length;
      const objectiveValue = readStoredMetric(segment.outOfSampleMetrics, optimization.objective.metric);
      await em.flush();
      await this.publishProgress(em, optimization, estimateEtaSeconds(optimization), objectiveValue ?? null);
      return true;
    });
  }

  private async complete(
    optimizationId: string,
    template: ReturnType<typeof getStrategyTemplate>,
    space: ParameterSpace,
    objective: ReturnType<typeof toSearchObjective>,
    prepared: PreparedDataset[],
  ): Promise<Optimization> {
    const optimization = await this.get(optimizationId);
    this.ctx.em.clear();
    const segments = await this.segments(optimization);
    const datasets: DatasetOutcome[] = prepared.map((dataset) => ({
      frame: dataset.frame,
      bandIndex: dataset.bandIndex,
      backtest: dataset.backtest,
      segments: segments
        .filter((segment) => segment.marketDataSet.id === dataset.dataSet.id)
        .map((segment): SegmentOutcome => ({
          window: dataset.windows[segment.segmentIndex],
          parameters: segment.parameters,
          inSampleMetrics: readMetrics(segment.inSampleMetrics),
          outOfSampleMetrics: readMetrics(segment.outOfSampleMetrics),
          outOfSampleReturns: unpackFloat64(segment.outOfSampleReturns),
          probabilityOfBacktestOverfitting: segment.probabilityOfBacktestOverfitting ?? Number.NaN,
          deflatedSharpeRatio: segment.deflatedSharpeRatio ?? Number.NaN,
        })),
    }));
    const summary = summarizeOptimization(template, space, objective, datasets);
    const bestSegment = segments.find(
      (segment) => segment.marketDataSet.id === prepared[summary.bestDatasetIndex].dataSet.id && segment.segmentIndex === summary.bestSegmentIndex,
    );
    return this.move(optimizationId, 'completed', (row, em) => {
      row.completedAt = this.ctx.clock.now();
      row.trialsTotal = row.trialsCompleted;
      row.bestParameters = { ...summary.bestParameters };
      row.bestParameterConfig = bestSegment ? em.getReference(ParameterConfig, bestSegment.parameterConfig.id) : null;
      row.probabilityOfBacktestOverfitting = finiteOrNull(summary.probabilityOfBacktestOverfitting);
      row.deflatedSharpeRatio = finiteOrNull(summary.deflatedSharpeRatio);
      row.probabilisticSharpeRatio = finiteOrNull(summary.probabilisticSharpeRatio);
      row.walkForwardEfficiency = finiteOrNull(summary.walkForwardEfficiency);
      row.robustnessScore = finiteOrNull(summary.robustnessScore);
      row.outOfSampleMetrics = toStoredMetrics(summary.outOfSampleMetrics);
      row.regimeMetrics = toStoredRegimeMetrics(summary);
      row.sensitivity = toStoredSensitivity(summary);
    });
  }

  private async publishProgress(em: EntityManager, optimization: Optimization, etaSeconds: number | null, lastObjective: number | null): Promise<void> {
    await publishEvent(em, 'OPTIMIZATION_PROGRESS', {
      id: optimization.id,
      status: optimization.status,
      trialsCompleted: optimization.trialsCompleted,
      trialsTotal: optimization.trialsTotal,
      segmentsCompleted: optimization.segmentsCompleted,
      segmentsTotal: optimization.segmentsTotal,
      lastSegmentObjective: finiteOrNull(lastObjective),
      bestObjective: await bestObjectiveOf(em, optimization),
      etaSeconds: etaSeconds === null ? null : finiteOrNull(Math.round(etaSeconds)),
    });
  }

  private async update(optimizationId: string, change: (row: Optimization) => void): Promise<void> {
    await this.ctx.em.transactional(async (em) => {
      const row = await em.findOneOrFail(Optimization, { id: optimizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      change(row);
      await em.flush();
      await this.publishProgress(em, row, null, null);
    });
  }

  /**
   * Moves an optimization to `to` by {@link optimizationLifecycle} in its own transaction (row locked), with `change`;
   * audits the move and publishes progress. Returns it unchanged when already terminal (a retried or duplicate job),
   * unless `refuseTerminal` (a user's request: ConflictError); `alsoInTransaction` runs with the move when it happens.
   * @throws NotFoundError; ConflictError for an illegal transition.
   */
  private async move(
    optimizationId: string,
    to: OptimizationStatus,
    change: (row: Optimization, em: EntityManager) => void,
    options: { refuseTerminal?: boolean; alsoInTransaction?: (em: EntityManager) => Promise<void> } = {},
  ): Promise<Optimization> {
    return this.ctx.em.transactional(async (em) => {
      const { row, from, changed } = await applyTransition(em, optimizationLifecycle, {
        entity: Optimization,
        id: optimizationId,
        field: 'status',
        to,
        subject: () => `optimization ${optimizationId}`,
        change,
      });
      if (!changed && options.refuseTerminal) throw new ConflictError(`optimization ${optimizationId} is already ${from}`);
      if (!changed) return row;
      await options.alsoInTransaction?.(em);
      await this.governance.audit.record(em, {
        action: `optimization.${to === 'running' ? 'started' : to}`,
        subjectType: 'Optimization',
        subjectId: row.id,
        datasetChecksum: row.datasets[0]?.checksum ?? null,
        engineVersion: row.engineVersion ?? null,
        details: {
          status: to,
          ...(row.failureReason ? { failureReason: row.failureReason } : {}),
          ...(to === 'completed' ? { bestParameters: row.bestParameters, probabilityOfBacktestOverfitting: row.probabilityOfBacktestOverfitting, deflatedSharpeRatio: row.deflatedSharpeRatio } : {}),
        },
      });
      await this.publishProgress(em, row, null, null);
      return row;
    });
  }
}

/** Row-major (by trial) little-endian float64 bytes of a reduced trial-return matrix. */
function packTrialReturnMatrix(matrix: TrialReturnMatrix): Buffer {
  const flat = new Float64Array(matrix.series.length * matrix.rows);
  matrix.series.forEach((series, trial) => flat.set(series, trial * matrix.rows));
  return packFloat64(flat);
}

/** The summary's regime breakdown for storage. */
function toStoredRegimeMetrics(summary: OptimizationSummary): StoredRegimeMetrics {
  return Object.fromEntries(regimeBands.map((band) => [band, { barCount: summary.regimeMetrics[band].barCount, metrics: toStoredMetrics(summary.regimeMetrics[band].metrics) }]));
}

/** The summary's parameter sensitivity for storage (non-finite scores → null). */
function toStoredSensitivity(summary: OptimizationSummary): StoredSensitivity {
  const sensitivity = summary.sensitivity;
  return {
    centerScore: finiteOrNull(sensitivity.centerScore),
    meanNeighborScore: finiteOrNull(sensitivity.meanNeighborScore),
    worstNeighborScore: finiteOrNull(sensitivity.worstNeighborScore),
    neighborhoodRatio: finiteOrNull(sensitivity.neighborhoodRatio),
    cells: sensitivity.neighbors.map((neighbor) => ({ parameter: neighbor.parameter, offset: neighbor.offset, value: neighbor.parameters[neighbor.parameter], score: finiteOrNull(neighbor.score) })),
  };
}

/** Stored metrics back to numbers (NaN for null); missing fields NaN. */
function readMetrics(stored: Record<string, number | string | null>): PerformanceMetrics {
  const metrics: Record<string, number> = {};
  for (const name of Object.keys(stored)) metrics[name] = readStoredMetric(stored, name) ?? Number.NaN;
  return metrics as unknown as PerformanceMetrics;
}

/** Inserts trial rows with `on conflict do nothing` on (optimization, segment, trialIndex): a retry never duplicates. */
async function insertTrials(em: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await em
    .createQueryBuilder(HyperparameterTrial)
    .insert(rows as never)
    .onConflict(['optimization', 'segment', 'trialIndex'] as never)
    .ignore()
    .execute();
}

/** Best out-of-sample objective over the stored segments of `optimization` (null before the first), read on `em`. */
async function bestObjectiveOf(em: EntityManager, optimization: Optimization): Promise<number | null> {
  const rows = await em.find(WalkForwardSegment, { optimization: optimization.id }, { fields: ['outOfSampleMetrics'] });
  const values = rows.map((row) => readStoredMetric(row.outOfSampleMetrics, optimization.objective.metric) ?? Number.NaN).filter(Number.isFinite);
  return values.length === 0 ? null : optimization.objective.direction === 'maximize' ? Math.max(...values) : Math.min(...values);
}
