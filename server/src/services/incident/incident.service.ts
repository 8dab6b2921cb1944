import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { incidentLifecycle } from '../../domain/monitoring/incident.lifecycle.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { isUuid } from '../../domain/ids.ts';
import {
  incidentSeverities,
  incidentStatuses,
  incidentTypes,
  MonitoringIncident,
  strategyIncidentTypes,
  type FailedJobContext,
  type IncidentSeverity,
  type IncidentStatus,
  type IncidentType,
  type StrategyIncidentType,
} from '../../domain/monitoring/monitoring-incident.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { TriggerLink } from '../../domain/trigger/trigger-link.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import type { UseCase } from '../../domain/auth/abilities.ts';

/** What opening an incident on a strategy takes. */
export interface OpenStrategyIncidentInput {
  strategyId: string;
  /** Any type but `operational` (those come from the platform). */
  incidentType: StrategyIncidentType;
  severity: IncidentSeverity;
  /** What was found: 3–2,000 characters. */
  summary: string;
}

/** Filters of the incident list; all optional, combined with AND. */
export interface IncidentFilter {
  status?: IncidentStatus | null;
  incidentType?: IncidentType | null;
  strategyId?: string | null;
}

/** A job that failed its last attempt, as the worker reports it (the queue name is looked up from `queueId`). */
export type FailedJobReport = Omit<FailedJobContext, 'queue' | 'priority'> & { queueId?: number | null; priority?: number | null };

/** Who hears of a strategy incident (lifecycle-spec FR-032: research, production and risk stakeholders). */
export const strategyIncidentAudiences: readonly Role[] = ['research', 'production', 'risk'];
/** Who hears of an escalated job: research owns the work that failed; production settles operational incidents. */
export const escalationAudiences: readonly Role[] = ['research', 'production'];

const summaryLength = { min: 3, max: 2000 } as const;
const notesMaxLength = 4000;

/**
 * Incidents (lifecycle-spec FR-030/031/037/040, NFR-002): a strategy incident opened by the risk desk or a
 * production trader records a `monitoring_incident` trigger that queues a re-validation cycle at REMEDIATION
 * priority (ahead of validation and research work) in the same transaction; a job given up after its last retry
 * becomes an operational incident carrying the job's context. Both notify the roles that act on them.
 */
export class IncidentService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, triggers: TriggerService, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = triggers;
    this.notifications = notifications;
  }

  /**
   * Opens an incident on a strategy and, in the same transaction, records a `monitoring_incident` trigger that
   * queues (or joins) the strategy's re-validation cycle at remediation priority (graphile-worker priority 0); the
   * incident links the trigger and the cycle. A strategy without an approved version gets the incident and a
   * skipped trigger (nothing to run). Notifies research, production and risk.
   * @throws ValidationError naming the field (`strategyId`, `incidentType`, `severity`, `summary`), NotFoundError
   *   (strategy), ConflictError (retired strategy), ForbiddenError (needs `create MonitoringIncident`).
   */
  async openStrategyIncident(input: OpenStrategyIncidentInput): Promise<MonitoringIncident> {
    await this.governance.authorizeUseCase('openStrategyIncident');
    if (!isUuid(input.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    if (!(strategyIncidentTypes as readonly string[]).includes(input.incidentType)) {
      throw new ValidationError(`incidentType must be one of ${strategyIncidentTypes.join(', ')} (operational incidents come from the platform)`, 'incidentType');
    }
    if (!incidentSeverities.includes(input.severity)) throw new ValidationError(`severity must be one of ${incidentSeverities.join(', ')}`, 'severity');
    const summary = input.summary.trim();
    if (summary.length < summaryLength.min || summary.length > summaryLength.max) {
      throw new ValidationError(`summary must say what was found in ${summaryLength.min}–${summaryLength.max} characters`, 'summary');
    }
    return this.ctx.em.transactional(async (em) => {
      const strategy = await em.findOne(Strategy, { id: input.strategyId });
      if (!strategy) throw new NotFoundError('Strategy', input.strategyId);
      if (strategy.lifecycleState === 'retired') throw new ConflictError(`strategy ${strategy.code} is retired: there is nothing to re-validate`);
      const incident = em.create(MonitoringIncident, {
        strategy,
        incidentType: input.incidentType,
        detectedAt: this.ctx.clock.now(),
        severity: input.severity,
        status: 'open',
        summary,
        context: { strategyCode: strategy.code, lifecycleState: strategy.lifecycleState },
        openedBy: this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null,
        autoActions: {},
      });
      await em.flush();
      const trigger = await this.triggers.recordIn(em, {
        type: 'monitoring_incident',
        subjectType: 'MonitoringIncident',
        subjectId: incident.id,
        strategyIds: [strategy.id],
        priority: 'remediation',
        details: { incidentType: input.incidentType, severity: input.severity, summary },
      });
      const cycleLink = await em.findOne(TriggerLink, { triggerEvent: trigger, targetType: 'evaluation_cycle' });
      incident.triggerEvent = trigger;
      incident.followUpCycle = cycleLink ? em.getReference(EvaluationCycle, cycleLink.targetId) : null;
      await this.notifications.notifyIn(em, strategyIncidentAudiences, {
        kind: 'incident.opened',
        message: `${input.severity === 'critical' ? 'Critical' : 'Warning'} ${input.incidentType.replaceAll('_', ' ')} incident on ${strategy.code}: ${summary}${cycleLink ? ' — re-validation queued at remediation priority.' : ` — nothing re-validated (${trigger.outcomeReason}).`}`,
        subjectType: 'MonitoringIncident',
        subjectId: incident.id,
        details: { strategyId: strategy.id, strategyCode: strategy.code, incidentType: input.incidentType, severity: input.severity, triggerEventId: trigger.id, followUpCycleId: cycleLink?.targetId ?? null },
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'incident.opened',
        subjectType: 'MonitoringIncident',
        subjectId: incident.id,
        details: { strategyId: strategy.id, strategyCode: strategy.code, incidentType: input.incidentType, severity: input.severity, summary, triggerEventId: trigger.id, followUpCycleId: cycleLink?.targetId ?? null },
      });
      await publishEvent(em, 'INCIDENT_UPDATED', { id: incident.id, severity: incident.severity, change: 'opened' });
      this.ctx.logger.info({ incidentId: incident.id, strategy: strategy.code, triggerId: trigger.id, outcome: trigger.outcome }, 'strategy incident opened');
      return incident;
    });
  }

  /**
   * Escalation after a job's last attempt (orchestration-spec FR-003, lifecycle-spec NFR-002): an `operational`
   * incident (critical) carrying the job's context, a notification for research and production, and the audit event
   * `job.escalated`, in one transaction. Idempotent per job id: a second report of the same job returns the
   * incident of the first. Platform use only (the worker).
   * @throws ForbiddenError for anyone but the platform account.
   */
  async escalateFailedJob(report: FailedJobReport): Promise<MonitoringIncident> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    return this.ctx.em.transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`job-escalation:${report.jobId}`]);
      const existing = await this.operationalIncidentOf(em, report.jobId);
      if (existing) return existing;
      const context: FailedJobContext = {
        jobId: report.jobId,
        task: report.task,
        payload: report.payload,
        attempts: report.attempts,
        maxAttempts: report.maxAttempts,
        jobKey: report.jobKey,
        queue: await this.queueName(em, report.queueId ?? null),
        priority: report.priority ?? null,
        lastError: report.lastError,
      };
      const summary = `Job ${context.task} #${context.jobId} failed ${context.attempts} of ${context.maxAttempts} attempts and was given up: ${context.lastError}`;
      const incident = em.create(MonitoringIncident, {
        strategy: null,
        incidentType: 'operational',
        detectedAt: this.ctx.clock.now(),
        severity: 'critical',
        status: 'open',
        summary: summary.slice(0, summaryLength.max),
        context: { ...context },
        openedBy: null,
        autoActions: {},
      });
      await em.flush();
      await this.notifications.notifyIn(em, escalationAudiences, {
        kind: 'job.escalated',
        message: summary,
        subjectType: 'MonitoringIncident',
        subjectId: incident.id,
        details: { ...context, incidentId: incident.id },
      });
      await em.flush();
      await this.governance.audit.record(em, { action: 'job.escalated', subjectType: 'Job', subjectId: context.jobId, details: { ...context, incidentId: incident.id } });
      await publishEvent(em, 'INCIDENT_UPDATED', { id: incident.id, severity: incident.severity, change: 'opened' });
      return incident;
    });
  }

  /** open → in_review, with optional notes. @throws NotFoundError, ConflictError, ForbiddenError (needs `update MonitoringIncident`). */
  async review(id: string, notes?: string | null): Promise<MonitoringIncident> {
    return this.transition(id, 'in_review', notes ?? null, 'reviewIncident');
  }

  /**
   * → resolved (from open or in_review), sets `resolvedAt`; notes (what was done, the outcome) are required.
   * @throws ValidationError (`notes`), NotFoundError, ConflictError, ForbiddenError (needs `update MonitoringIncident`).
   */
  async resolve(id: string, notes: string): Promise<MonitoringIncident> {
    return this.transition(id, 'resolved', notes, 'resolveIncident');
  }

  /** resolved → closed (final), with optional notes. @throws NotFoundError, ConflictError, ForbiddenError. */
  async close(id: string, notes?: string | null): Promise<MonitoringIncident> {
    return this.transition(id, 'closed', notes ?? null, 'closeIncident');
  }

  /** Incidents, newest first. @throws ValidationError (page arguments), ForbiddenError (needs `read MonitoringIncident`). */
  async list(page: PageRequest, filter: IncidentFilter = {}): Promise<Page<MonitoringIncident>> {
    await this.governance.authorize('read', 'MonitoringIncident');
    if (filter.status && !incidentStatuses.includes(filter.status)) throw new ValidationError(`status must be one of ${incidentStatuses.join(', ')}`, 'status');
    if (filter.incidentType && !incidentTypes.includes(filter.incidentType)) throw new ValidationError(`incidentType must be one of ${incidentTypes.join(', ')}`, 'incidentType');
    if (filter.strategyId && !isUuid(filter.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    const where: FilterQuery<MonitoringIncident> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.incidentType ? { incidentType: filter.incidentType } : {}),
      ...(filter.strategyId ? { strategy: filter.strategyId } : {}),
    };
    return paginate(this.ctx.em, MonitoringIncident, where, page);
  }

  /** @throws NotFoundError, ForbiddenError (needs `read MonitoringIncident`). */
  async get(id: string): Promise<MonitoringIncident> {
    await this.governance.authorize('read', 'MonitoringIncident', id);
    const incident = isUuid(id) ? await this.ctx.em.findOne(MonitoringIncident, { id }) : null;
    if (!incident) throw new NotFoundError('MonitoringIncident', id);
    return incident;
  }

  private async transition(id: string, to: IncidentStatus, notes: string | null, useCase: UseCase): Promise<MonitoringIncident> {
    await this.governance.authorizeUseCase(useCase, id);
    if (to === 'resolved' && !notes?.trim()) throw new ValidationError('say how the incident was resolved', 'notes');
    const text = notes?.trim() ?? '';
    if (text.length > notesMaxLength) throw new ValidationError(`notes must be at most ${notesMaxLength} characters`, 'notes');
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const { row: incident, from } = await applyTransition(em, incidentLifecycle, {
        entity: MonitoringIncident,
        id,
        field: 'status',
        to,
        change: (row) => {
          if (to === 'resolved') row.resolvedAt = now;
          if (text) {
            const line = `${now.toISOString()} ${this.ctx.actor.email ?? 'platform'} → ${to}: ${text}`;
            row.notes = row.notes ? `${row.notes}\n${line}` : line;
          }
        },
      });
      const action = ({ in_review: 'incident.reviewed', resolved: 'incident.resolved', closed: 'incident.closed', open: 'incident.opened' } as const)[to];
      await this.governance.audit.record(em, { action, subjectType: 'MonitoringIncident', subjectId: incident.id, details: { from, to, notes: text || null } });
      await publishEvent(em, 'INCIDENT_UPDATED', { id: incident.id, severity: incident.severity, change: to });
      return incident;
    });
  }

  private async operationalIncidentOf(em: EntityManager, jobId: string): Promise<MonitoringIncident | null> {
    const [row] = await em.execute<{ id: string }[]>(`select id from monitoring_incident where incident_type = 'operational' and context->>'jobId' = ? order by id limit 1`, [jobId]);
    return row ? em.findOneOrFail(MonitoringIncident, { id: row.id }) : null;
  }

  private async queueName(em: EntityManager, queueId: number | null): Promise<string | null> {
    if (queueId === null) return null;
    const [row] = await em.execute<{ queue_name: string }[]>('select queue_name from graphile_worker._private_job_queues where id = ?', [queueId]);
    return row?.queue_name ?? null;
  }
}
