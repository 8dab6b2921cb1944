import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { runningActivationStates } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { PnlSnapshot } from '../../domain/deployment/pnl-snapshot.entity.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import { deploymentDayFigures, riskWindowDays, utcDayBounds } from '../../domain/reporting/daily-report-figures.ts';
import { DailyReport, type DailyReportDeployment, type DailyReportIncident } from '../../domain/reporting/daily-report.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { Timeframe } from '../../engine/index.ts';
import type { Governance } from '../auth/authorize.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { ServiceContext } from '../service-context.ts';

/** What one run of the daily job did. */
export interface DailyReportRun {
  reportDate: string;
  /** Reports written by this run. */
  created: DailyReport[];
  /** Strategies whose report of the day existed already (left as they were). */
  existing: number;
}

/** Filter of the report list. */
export interface DailyReportFilter {
  strategyId?: string | null;
  /** Inclusive `YYYY-MM-DD` bounds. */
  from?: string | null;
  to?: string | null;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of a real calendar day. @throws ValidationError naming `field`. */
export function parseReportDate(value: string, field = 'reportDate'): string {
  if (!datePattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new ValidationError(`${field} must be a calendar day YYYY-MM-DD`, field);
  }
  return value;
}

/** The UTC day before `at`, `YYYY-MM-DD`: what the daily job reports on. */
export function previousUtcDay(at: Date): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Daily performance reports per strategy (orchestration-spec FR-015), written by the daily job and kept: one per
 * (strategy, UTC day), never rewritten. Figures come from the deployments' P&L marks through the engine's metric
 * functions (`deploymentDayFigures`); a day is the bars CLOSING within it (market time: a replay's marks carry their
 * historical bar times, so its report for a past day covers the bars of that day it has replayed).
 */
export class DailyReportService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Writes the report of `reportDate` for every strategy with a deployment running or paused now, or which marked
   * P&L in that day — in one transaction, audited (`daily_reports.generated`). Idempotent: a strategy's existing
   * report of the day is kept and counted in `existing`.
   * @throws ValidationError (`reportDate` not a past day), ForbiddenError (the platform only).
   */
  async generate(reportDate: string): Promise<DailyReportRun> {
    await this.governance.authorize('manage', 'DailyReport');
    parseReportDate(reportDate);
    const today = this.ctx.clock.now().toISOString().slice(0, 10);
    if (reportDate >= today) throw new ValidationError(`reportDate must be a day that is over (before ${today} UTC)`, 'reportDate');
    const { dayStart, dayEnd } = utcDayBounds(reportDate);
    return this.ctx.em.transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`daily-reports:${reportDate}`]);
      const markedIds = (
        await em.execute<{ deployment_id: string }[]>(`select distinct deployment_id from pnl_snapshot where bar_at >= ? and bar_at < ?`, [new Date(dayStart.getTime() - 86_400_000), dayEnd])
      ).map((row) => row.deployment_id);
      const deployments = await em.find(
        Deployment,
        { $or: [{ activationState: { $in: [...runningActivationStates, 'paused'] } }, { id: { $in: markedIds } }] },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const sections = new Map<string, DailyReportDeployment[]>();
      for (const deployment of deployments) {
        const section = await this.deploymentSection(em, deployment, dayStart, dayEnd);
        if (section.markCount === 0 && !['pending', 'active', 'paused'].includes(deployment.activationState)) continue;
        const strategyId = deployment.strategy.id;
        sections.set(strategyId, [...(sections.get(strategyId) ?? []), section]);
      }
      const strategyIds = [...sections.keys()];
      const existing = new Set((await em.find(DailyReport, { strategy: { $in: strategyIds }, reportDate }, { fields: ['id', 'strategy'] })).map((report) => report.strategy.id));
      const incidents = await this.incidentsOf(em, strategyIds, dayStart, dayEnd);
      const now = this.ctx.clock.now();
      const created = strategyIds
        .filter((strategyId) => !existing.has(strategyId))
        .map((strategyId) =>
          em.create(DailyReport, {
            strategy: em.getReference(Strategy, strategyId),
            reportDate,
            generatedAt: now,
            deployments: sections.get(strategyId)!,
            incidents: incidents.get(strategyId) ?? [],
          }),
        );
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'daily_reports.generated',
        subjectType: 'DailyReport',
        subjectId: null,
        details: { reportDate, created: created.map((report) => report.id), strategyIds: created.map((report) => report.strategy.id), existing: existing.size },
      });
      this.ctx.logger.info({ reportDate, created: created.length, existing: existing.size }, 'daily reports generated');
      return { reportDate, created, existing: existing.size };
    });
  }

  /** Reports, newest first (production, risk, compliance, admin). @throws ValidationError (page, dates), ForbiddenError. */
  async list(page: PageRequest, filter: DailyReportFilter = {}): Promise<Page<DailyReport>> {
    await this.governance.authorize('read', 'DailyReport');
    const where: FilterQuery<DailyReport> = {};
    if (filter.strategyId) where.strategy = filter.strategyId;
    const dates: Record<string, string> = {};
    if (filter.from) dates.$gte = parseReportDate(filter.from, 'from');
    if (filter.to) dates.$lte = parseReportDate(filter.to, 'to');
    if (Object.keys(dates).length > 0) where.reportDate = dates;
    return paginate(this.ctx.em, DailyReport, where, page);
  }

  /** The report of one strategy and day. @throws NotFoundError, ValidationError (`reportDate`), ForbiddenError. */
  async getFor(strategyId: string, reportDate: string): Promise<DailyReport> {
    await this.governance.authorize('read', 'DailyReport');
    parseReportDate(reportDate);
    const report = await this.ctx.em.findOne(DailyReport, { strategy: strategyId, reportDate });
    if (!report) throw new NotFoundError('DailyReport', `${strategyId} ${reportDate}`);
    return report;
  }

  private async deploymentSection(em: EntityManager, deployment: Deployment, dayStart: Date, dayEnd: Date): Promise<DailyReportDeployment> {
    const barMs = deployment.timeframe === 'tick' ? 0 : timeframeMilliseconds[deployment.timeframe];
    const snapshots = await em.find(
      PnlSnapshot,
      { deployment: deployment.id, barAt: { $gte: new Date(dayEnd.getTime() - (riskWindowDays + 1) * 86_400_000 - barMs), $lt: dayEnd } },
      { orderBy: { barAt: 'asc' } },
    );
    const marks = snapshots.map((mark) => ({ ...mark, closeAt: new Date(mark.barAt.getTime() + barMs) }));
    const figures = deploymentDayFigures(marks, { dayStart, dayEnd, initialEquity: deployment.initialEquity, timeframe: deployment.timeframe as Timeframe });
    return {
      deploymentId: deployment.id,
      symbol: deployment.symbol,
      timeframe: deployment.timeframe,
      quoteCurrency: deployment.quoteCurrency,
      stage: deployment.stage,
      effectiveStage: deployment.effectiveStage,
      activationState: deployment.activationState,
      tradingState: deployment.tradingState,
      health: deployment.health,
      healthReason: deployment.healthReason ?? null,
      ...figures,
    };
  }

  private async incidentsOf(em: EntityManager, strategyIds: readonly string[], dayStart: Date, dayEnd: Date): Promise<Map<string, DailyReportIncident[]>> {
    const byStrategy = new Map<string, DailyReportIncident[]>();
    if (strategyIds.length === 0) return byStrategy;
    const incidents = await em.find(
      MonitoringIncident,
      { detectedAt: { $gte: dayStart, $lt: dayEnd }, $or: [{ strategy: { $in: [...strategyIds] } }, { deployment: { strategy: { $in: [...strategyIds] } } }] },
      { populate: ['deployment'], orderBy: { detectedAt: 'asc', id: 'asc' } },
    );
    for (const incident of incidents) {
      const strategyId = incident.strategy?.id ?? incident.deployment?.strategy.id;
      if (!strategyId) continue;
      byStrategy.set(strategyId, [
        ...(byStrategy.get(strategyId) ?? []),
        {
          incidentId: incident.id,
          incidentType: incident.incidentType,
          severity: incident.severity,
          status: incident.status,
          summary: incident.summary,
          detectedAt: incident.detectedAt.toISOString(),
          deploymentId: incident.deployment?.id ?? null,
        },
      ]);
    }
    return byStrategy;
  }
}
