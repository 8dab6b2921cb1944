import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { reconcileLiveWithBacktest, type LiveBacktestReconciliation } from '../../domain/monitoring/policy/live-backtest-reconciliation.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { TradeLedger } from '../../engine/backtest/trade-ledger.ts';
import { getStrategyTemplate, parseParameters, replayTargets, sliceBarFrame, type FillModelConfig } from '../../engine/index.ts';
import type { Governance } from '../auth/authorize.ts';
import { fillModelOf } from '../deployment/deployment-runner.service.ts';
import { loadTargetHistory } from '../deployment/target-history.ts';
import type { ServiceContext } from '../service-context.ts';

/** A what-if on the backtest side: another fee or slippage (basis points) than the deployment's own fill model. */
export interface ReconciliationOverrides {
  takerFeeBps?: number | null;
  makerFeeBps?: number | null;
  slippageBps?: number | null;
}

/** The reconciliation and what it compared. */
export interface DeploymentReconciliation extends LiveBacktestReconciliation {
  deploymentId: string;
  /** Open time of the first and last live mark compared (the live window); null without marks. */
  windowStart: Date | null;
  windowEnd: Date | null;
  /** The live start equity the backtest started from, quote currency. */
  startEquity: number;
  /** The fill model the backtest ran with (the deployment's, with any override). */
  backtestFillModel: FillModelConfig;
}

const bpsBound = { min: 0, max: 10_000 } as const;

/**
 * Live-vs-backtest reconciliation (issue 13): re-runs the deployment's template and parameters over its live window —
 * the bars it accepted, its warm-up history included so indicators are formed as they were live — from its live start
 * equity with the same fill model (`replayTargets`, the engine's one decision path), and reconciles the result with
 * the live record (P&L marks and fills, round trips built by the backtest's own `TradeLedger`) through the pure
 * `reconcileLiveWithBacktest`: tracking error and a per-trade attribution to missing/extra trades, fill price, size,
 * fill time and fees. Read-only; money figures, so capital-reading roles only.
 */
export class ReconciliationService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * @param overrides a backtest fill model differing from the deployment's (what-if: another fee), each 0–10,000 bps.
   * @throws ValidationError (`deploymentId`, `takerFeeBps`, `makerFeeBps`, `slippageBps`), NotFoundError,
   *   ForbiddenError (needs `read Deployment` with its capital figures: production, risk, compliance, admin).
   */
  async reconcile(deploymentId: string, overrides: ReconciliationOverrides = {}): Promise<DeploymentReconciliation> {
    await this.governance.authorize('read', 'Deployment', deploymentId);
    if (!this.ctx.actor.ability.can('read', 'Deployment', 'equity')) throw new ForbiddenError('the reconciliation is in money: only roles that read a deployment’s capital figures see it');
    if (!isUuid(deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    for (const field of ['takerFeeBps', 'makerFeeBps', 'slippageBps'] as const) {
      const value = overrides[field];
      if (value != null && !(value >= bpsBound.min && value <= bpsBound.max)) throw new ValidationError(`${field} must be ${bpsBound.min}–${bpsBound.max} basis points`, field);
    }
    const em = this.ctx.em.fork();
    const deployment = await em.findOne(Deployment, { id: deploymentId });
    if (!deployment) throw new NotFoundError('Deployment', deploymentId);
    return this.compute(em, deployment, overrides);
  }

  /**
   * A drift alert's re-backtest (the `reconcile_monitoring_incident` job): the reconciliation of the incident's
   * deployment — its deployed configuration re-run over its live window with its own fill model — recorded on the
   * incident (`reconciliation`: the figures without the per-trade list, which {@link reconcile} gives on demand).
   * Idempotent (a retried job records it again). Platform use only.
   * @throws NotFoundError (no such incident), ValidationError (`incidentId`: the incident has no deployment), ForbiddenError.
   */
  async recordForIncident(incidentId: string): Promise<void> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    const em = this.ctx.em.fork();
    const incident = await em.findOne(MonitoringIncident, { id: incidentId });
    if (!incident) throw new NotFoundError('MonitoringIncident', incidentId);
    if (!incident.deployment) throw new ValidationError('the incident has no deployment to reconcile', 'incidentId');
    const deployment = await em.findOneOrFail(Deployment, { id: incident.deployment.id });
    const { trades, ...figures } = await this.compute(em, deployment, {});
    incident.reconciliation = {
      computedAt: this.ctx.clock.now().toISOString(),
      ...figures,
      windowStart: figures.windowStart?.toISOString() ?? null,
      windowEnd: figures.windowEnd?.toISOString() ?? null,
      // JSON has no NaN: a figure that could not be measured (too few aligned marks) is null.
      trackingError: Number.isFinite(figures.trackingError) ? figures.trackingError : null,
      finalEquityDifference: Number.isFinite(figures.finalEquityDifference) ? figures.finalEquityDifference : null,
      trades: trades.length,
    };
    await em.flush();
  }

  private async compute(em: EntityManager, deployment: Deployment, overrides: ReconciliationOverrides): Promise<DeploymentReconciliation> {
    const deploymentId = deployment.id;
    const base = fillModelOf(deployment);
    const fillModel: FillModelConfig = {
      ...base,
      takerFeeBps: overrides.takerFeeBps ?? base.takerFeeBps,
      makerFeeBps: overrides.makerFeeBps ?? base.makerFeeBps,
      slippageBps: overrides.slippageBps ?? base.slippageBps,
    };
    const marks = await em.execute<{ t: number; equity: number }[]>(`select (extract(epoch from bar_at) * 1000)::float8 as t, equity from pnl_snapshot where deployment_id = ? order by bar_at`, [deploymentId]);
    const fills = await em.execute<{ t: number; side: 'buy' | 'sell'; quantity: number; price: number; fee: number }[]>(
      `select (extract(epoch from bar_at) * 1000)::float8 as t, side, quantity, price, fee from deployment_fill where deployment_id = ? order by bar_at, created_at, sequence`,
      [deploymentId],
    );
    const live = {
      timestamp: Float64Array.from(marks, (mark) => mark.t),
      equity: Float64Array.from(marks, (mark) => mark.equity),
      trades: liveTrades(fills),
    };
    const empty = { timestamp: new Float64Array(0), equity: new Float64Array(0), trades: [] };
    let backtest: typeof live = empty;
    if (deployment.timeframe !== 'tick' && marks.length > 0) {
      const { frame } = await loadTargetHistory(em, deployment, [], false);
      const version = await em.findOneOrFail(StrategyVersion, { id: deployment.strategyVersion.id });
      const config = await em.findOneOrFail(ParameterConfig, { id: deployment.parameterConfig.id });
      const template = getStrategyTemplate(version.template);
      const targets = new Float64Array(frame.length);
      template.computeTargets(frame, parseParameters(template, config.parameters), targets);
      // The runner's first live bar acts on the target decided at the close of the bar before it (the warm-up's last).
      const firstLive = frame.timestamp.findIndex((time) => time >= marks[0]!.t);
      const start = Math.max(0, firstLive - 1);
      const window = sliceBarFrame(frame, start, frame.length);
      const replay = replayTargets(window, targets.subarray(start), fillModel, { barDurationMs: timeframeMilliseconds[deployment.timeframe], initialEquity: deployment.initialEquity });
      backtest = { timestamp: Float64Array.from(window.timestamp), equity: Float64Array.from(replay.equity), trades: replay.trades };
    }
    const result = reconcileLiveWithBacktest(live, backtest);
    return {
      ...result,
      deploymentId,
      windowStart: marks.length ? new Date(marks[0]!.t) : null,
      windowEnd: marks.length ? new Date(marks[marks.length - 1]!.t) : null,
      startEquity: deployment.initialEquity,
      backtestFillModel: fillModel,
    };
  }
}

/** Round trips of the live fills, built exactly as the backtest builds them (fee rate = fee / notional of each fill). */
function liveTrades(fills: readonly { t: number; side: 'buy' | 'sell'; quantity: number; price: number; fee: number }[]) {
  const ledger = new TradeLedger();
  let quantity = 0;
  for (const fill of fills) {
    const next = quantity + (fill.side === 'buy' ? fill.quantity : -fill.quantity);
    const notional = fill.quantity * fill.price;
    ledger.recordFill(fill.t, quantity, next, fill.price, notional > 0 ? fill.fee / notional : 0);
    quantity = next;
  }
  return ledger.finish();
}
