import {
  ENGINE_VERSION,
  EngineInputError,
  calculateRegimeMetrics,
  calculateRegimeRobustness,
  calculateVolatilityRegimes,
  getStrategyTemplate,
  parseParameters,
  periodsPerYear,
  runBacktest,
} from '../../engine/index.ts';
import { defaultFeeBps, defaultSlippageBps } from '../../domain/backtest/trading-costs.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';
import { findOrCreateParameterConfig } from '../strategy/parameter-config.repository.ts';
import { BacktestEquityCurve } from '../../domain/backtest/backtest-equity-curve.entity.ts';
import { BacktestRun, type TriggerType } from '../../domain/backtest/backtest-run.entity.ts';
import { backtestRunLifecycle, type BacktestRunStatus } from '../../domain/backtest/backtest-run.lifecycle.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { cancelledBecause, parseCancelReason } from '../../domain/lifecycle/cancellation.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import type { RegimeBand } from '../../domain/market-data/regime-band.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { removeJob } from '../../infra/jobs/remove-job.ts';
import { wasCancelled } from '../cancellation-checkpoint.ts';
import { finiteOrNull } from '../finite-or-null.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { makeEquityPoints, packFloat64, unpackFloat64, type EquityPoint } from './equity-curve-codec.ts';
import { toStoredMetrics } from './stored-metrics.ts';
import { findLatestRegimeBand } from '../market-data/latest-regime-band.ts';

/** What a caller asks for when queueing a backtest. */
export interface QueueBacktestInput {
  strategyVersionId: string;
  marketDataSetId: string;
  /** Template parameters; missing ones take the template's defaults. */
  parameters?: Record<string, unknown> | null;
  /** Fee in basis points of traded notional (default 10 bps). */
  feeBps?: number | null;
  /** Slippage in basis points of traded notional (default 5 bps). */
  slippageBps?: number | null;
  triggerType?: TriggerType;
}

/** Regimes with fewer bars than this are left out of the robustness score (as for optimizations). */
const robustnessMinimumBars = 30;

/** Filters for listing runs. */
export interface BacktestRunFilter {
  status?: BacktestRunStatus | null;
  strategyId?: string | null;
  strategyVersionId?: string | null;
  marketDataSetId?: string | null;
}

/** Backtest use-cases: queue a run, execute it (worker), read runs and equity curves. */
export class BacktestService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Queues one backtest: validates the version, dataset and parameters, deduplicates the parameter config by
   * checksum, and writes the run, its `run_backtest` job and the change event in one transaction.
   * @throws NotFoundError, ValidationError (names the field or parameter), ConflictError (rejected version,
   * uncertified dataset), UnauthenticatedError / ForbiddenError (needs `create BacktestRun`).
   */
  async queue(input: QueueBacktestInput): Promise<BacktestRun> {
    await this.governance.authorizeUseCase('queueBacktest');
    const feeBps = input.feeBps ?? defaultFeeBps;
    const slippageBps = input.slippageBps ?? defaultSlippageBps;
    for (const [field, value] of [['feeBps', feeBps], ['slippageBps', slippageBps]] as const) {
      if (!Number.isFinite(value) || value < 0 || value > 1000) throw new ValidationError(`${field} must be between 0 and 1000 basis points`, field);
    }
    return this.ctx.em.transactional((em) => this.queueIn(em, { ...input, feeBps, slippageBps }));
  }

  /**
   * Queues one backtest on `em`, inside the CALLER's transaction (a trigger queues its regime re-tests with the
   * trigger): the caller has authorized `create BacktestRun`. Same checks and rows as `queue`. `known.regimeBand`
   * spares re-labelling the dataset when the caller queues several runs on it.
   * @throws NotFoundError, ValidationError, ConflictError
   */
  async queueIn(em: EntityManager, input: QueueBacktestInput, known: { regimeBand?: RegimeBand | null } = {}): Promise<BacktestRun> {
    const feeBps = input.feeBps ?? defaultFeeBps;
    const slippageBps = input.slippageBps ?? defaultSlippageBps;
    const version = await em.findOne(StrategyVersion, { id: input.strategyVersionId });
    if (!version) throw new NotFoundError('StrategyVersion', input.strategyVersionId);
    if (version.approvalStatus === 'rejected') throw new ConflictError(`strategy version ${version.versionTag} was rejected; it cannot be run`);
    const dataSet = await em.findOne(MarketDataSet, { id: input.marketDataSetId });
    if (!dataSet) throw new NotFoundError('MarketDataSet', input.marketDataSetId);
    if (!dataSet.certifiedAt) throw new ConflictError(`market data set ${dataSet.id} is not certified`);
    const parameters = parseTemplateParameters(version.template, input.parameters ?? {});
    const config = await findOrCreateParameterConfig(em, version, parameters, 'research');
    const regimeBand = known.regimeBand !== undefined ? known.regimeBand : await findLatestRegimeBand(em, dataSet);
    const run = em.create(BacktestRun, {
      strategyVersion: version,
      parameterConfig: config,
      marketDataSet: dataSet,
      triggerType: input.triggerType ?? 'manual',
      regimeBand,
      warningFlags: {
        gapCount: dataSet.gapCount,
        missingBarCount: dataSet.missingBarCount,
        zeroVolumeBarCount: dataSet.qualityFlags.zeroVolumeBars.length,
      },
      datasetChecksum: dataSet.checksum,
      parameterChecksum: config.checksum,
      feeBps,
      slippageBps,
      correlationId: this.ctx.correlationId,
    });
    await em.flush();
    await enqueueJob(em, 'run_backtest', { runId: run.id, correlationId: run.correlationId }, { jobKey: `backtest:${run.id}` });
    await this.governance.audit.record(em, {
      action: 'backtest.queued',
      subjectType: 'BacktestRun',
      subjectId: run.id,
      datasetChecksum: run.datasetChecksum,
      details: { strategyVersionId: version.id, marketDataSetId: dataSet.id, parameterChecksum: config.checksum, feeBps, slippageBps, triggerType: run.triggerType },
    });
    await publishEvent(em, 'BACKTEST_RUN_UPDATED', { id: run.id, status: run.status });
    return run;
  }

  /**
   * Executes a queued run (worker task). Idempotent: a terminal run is left as it is; a run left `running` by a
   * dead worker is recomputed from scratch. Bad parameters or data mark the run `failed` with the reason.
   */
  async execute(runId: string): Promise<BacktestRun> {
    await this.governance.authorize('update', 'BacktestRun', runId);
    const run = await this.move(runId, 'running', (row) => {
      row.startedAt = this.ctx.clock.now();
      row.engineVersion = ENGINE_VERSION;
    });
    if (run.status !== 'running') return run;
    const logger = this.ctx.logger.child({ runId });
    try {
      const version = await this.ctx.em.findOneOrFail(StrategyVersion, { id: run.strategyVersion.id });
      const config = await this.ctx.em.findOneOrFail(ParameterConfig, { id: run.parameterConfig.id });
      const dataSet = await this.ctx.em.findOneOrFail(MarketDataSet, { id: run.marketDataSet.id });
      if (dataSet.checksum !== run.datasetChecksum) throw new ConflictError('dataset checksum changed since the run was queued');
      const template = getStrategyTemplate(version.template);
      const parameters = parseParameters(template, config.parameters);
      const frame = await loadBarFrame(this.ctx.em, dataSet.id);
      if (await wasCancelled(this.ctx.em, BacktestRun, runId)) {
        logger.info('backtest cancelled; stopping before the simulation');
        return await this.ctx.em.findOneOrFail(BacktestRun, { id: runId }, { refresh: true });
      }
      const perYear = periodsPerYear(dataSet.timeframe as Exclude<typeof dataSet.timeframe, 'tick'>);
      const result = runBacktest(frame, template, parameters, { feeBps: run.feeBps, slippageBps: run.slippageBps, periodsPerYear: perYear });
      // Regime-specific results (lifecycle-spec FR-008, FR-013): how the run fared in calm, neutral and turbulent bars.
      const byRegime = calculateRegimeMetrics(result.returns, calculateVolatilityRegimes(frame, { periodsPerYear: perYear }).bandIndex, perYear, result.position);
      const robustness = calculateRegimeRobustness(byRegime, robustnessMinimumBars).score;
      const completed = await this.move(runId, 'completed', (row, em) => {
        row.completedAt = this.ctx.clock.now();
        row.metrics = toStoredMetrics(result.metrics);
        row.regimeMetrics = Object.fromEntries(Object.entries(byRegime).map(([band, value]) => [band, { barCount: value.barCount, metrics: toStoredMetrics(value.metrics) }]));
        row.robustnessScore = finiteOrNull(robustness);
        row.warningFlags = { ...row.warningFlags, noTrades: result.trades.length === 0 };
        em.create(BacktestEquityCurve, {
          run: row,
          timestamps: packFloat64(frame.timestamp),
          equity: packFloat64(result.equity),
          pointCount: result.equity.length,
        });
      });
      // The last checkpoint: a run cancelled during the simulation stays cancelled and stores nothing.
      if (completed.status === 'cancelled') logger.info('backtest cancelled; its results were not stored');
      else logger.info({ sharpe: result.metrics.sharpe, trades: result.trades.length }, 'backtest completed');
      return completed;
    } catch (error) {
      if (error instanceof EngineInputError || error instanceof ValidationError || error instanceof ConflictError) {
        logger.warn({ err: error }, 'backtest failed');
        return this.fail(runId, error.message);
      }
      throw error;
    }
  }

  /**
   * Cancels a queued or running run (`cancelBacktest`, audited as `backtest.cancelled` with the reason). A queued
   * run's job is removed; a running task sees the status at its next checkpoint (after loading the bars, or when it
   * stores its results) and stops without storing results.
   * @param reason why (see {@link parseCancelReason}; stored as `failureReason`).
   * @throws NotFoundError; ConflictError when it already completed, failed or was cancelled; ValidationError naming
   * `reason`; UnauthenticatedError / ForbiddenError.
   */
  async cancel(runId: string, reason: string): Promise<BacktestRun> {
    await this.governance.authorizeUseCase('cancelBacktest', runId);
    const because = cancelledBecause(parseCancelReason(reason));
    return this.move(
      runId,
      'cancelled',
      (row) => {
        row.completedAt = this.ctx.clock.now();
        row.failureReason = because;
      },
      { refuseTerminal: true, alsoInTransaction: (em) => removeJob(em, `backtest:${runId}`) },
    );
  }

  /** Marks a run `failed` with a reason (also used when a job exhausts its retries). No-op on terminal runs. */
  async fail(runId: string, reason: string): Promise<BacktestRun> {
    await this.governance.authorize('update', 'BacktestRun', runId);
    return this.move(runId, 'failed', (row) => {
      row.completedAt = this.ctx.clock.now();
      row.failureReason = reason;
    });
  }

  /** Runs, newest first, each with its strategy version (and strategy), parameter config and dataset loaded (a page's rows need them: one query each, not one per row). */
  async list(page: PageRequest, filter: BacktestRunFilter = {}): Promise<Page<BacktestRun>> {
    await this.governance.authorize('read', 'BacktestRun');
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (filter.strategyVersionId) where.strategyVersion = filter.strategyVersionId;
    if (filter.strategyId) where.strategyVersion = { strategy: filter.strategyId };
    if (filter.marketDataSetId) where.marketDataSet = filter.marketDataSetId;
    return paginate(this.ctx.em, BacktestRun, where, page, ['strategyVersion.strategy', 'parameterConfig', 'marketDataSet']);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<BacktestRun> {
    await this.governance.authorize('read', 'BacktestRun', id);
    const run = await this.ctx.em.findOne(BacktestRun, { id });
    if (!run) throw new NotFoundError('BacktestRun', id);
    return run;
  }

  /** @throws NotFoundError */
  async parameterConfig(id: string): Promise<ParameterConfig> {
    await this.governance.authorize('read', 'ParameterConfig', id);
    const config = await this.ctx.em.findOne(ParameterConfig, { id });
    if (!config) throw new NotFoundError('ParameterConfig', id);
    return config;
  }

  /** Equity and drawdown points of a completed run, downsampled to `maxPoints` (4..100000); [] before completion. */
  async equityCurve(runId: string, maxPoints: number): Promise<EquityPoint[]> {
    await this.governance.authorize('read', 'BacktestRun', runId);
    if (!Number.isInteger(maxPoints) || maxPoints < 4 || maxPoints > 100_000) throw new ValidationError('maxPoints must be between 4 and 100000', 'maxPoints');
    const curve = await this.ctx.em.findOne(BacktestEquityCurve, { run: runId });
    if (!curve) return [];
    return makeEquityPoints(unpackFloat64(curve.timestamps), unpackFloat64(curve.equity), maxPoints);
  }

  /**
   * Moves a run to `to` by {@link backtestRunLifecycle} in its own transaction (row locked), with `change`; audits and
   * publishes the move. A terminal run is returned unchanged (a retried or duplicate job), unless `refuseTerminal` (a
   * user's request: ConflictError); `alsoInTransaction` runs with the move when it happens.
   * @throws NotFoundError; ConflictError for an illegal transition from a non-terminal state.
   */
  private async move(
    runId: string,
    to: BacktestRunStatus,
    change: (run: BacktestRun, em: EntityManager) => void,
    options: { refuseTerminal?: boolean; alsoInTransaction?: (em: EntityManager) => Promise<void> } = {},
  ): Promise<BacktestRun> {
    return this.ctx.em.transactional(async (em) => {
      const { row: run, from, changed } = await applyTransition(em, backtestRunLifecycle, {
        entity: BacktestRun,
        id: runId,
        field: 'status',
        to,
        subject: () => `backtest run ${runId}`,
        change,
      });
      if (!changed && options.refuseTerminal) throw new ConflictError(`backtest run ${runId} is already ${from}`);
      if (!changed) return run;
      await options.alsoInTransaction?.(em);
      await this.governance.audit.record(em, {
        action: `backtest.${to === 'running' ? 'started' : to}`,
        subjectType: 'BacktestRun',
        subjectId: run.id,
        datasetChecksum: run.datasetChecksum,
        engineVersion: run.engineVersion ?? null,
        details: { status: to, ...(run.failureReason ? { failureReason: run.failureReason } : {}) },
      });
      await publishEvent(em, 'BACKTEST_RUN_UPDATED', { id: run.id, status: run.status });
      return run;
    });
  }
}

/**
 * The template's parameters from raw input (missing ones take the template's defaults), as a backtest or a deployment
 * is started with. @throws ValidationError naming `parameters.<name>`.
 */
export function parseTemplateParameters(templateId: string, raw: Record<string, unknown>) {
  try {
    return parseParameters(getStrategyTemplate(templateId), raw);
  } catch (error) {
    if (error instanceof EngineInputError) throw new ValidationError(error.message, `parameters.${error.field}`);
    throw error;
  }
}
