import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cycleDefaults, cycleSizing } from '../../domain/cycle/cycle-settings.ts';
import { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { jobPriorities, type JobPriorityClass } from '../../domain/jobs.ts';
import type { RegimeBand } from '../../domain/market-data/regime-band.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { TriggerEvent, type TriggerEventType } from '../../domain/trigger/trigger-event.entity.ts';
import { TriggerLink } from '../../domain/trigger/trigger-link.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { inSpan } from '../../infra/tracing/spans.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { BacktestService } from '../backtest/backtest.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { findBestConfiguration } from './best-configuration.ts';

/** What is recorded for one trigger. */
export interface TriggerInput {
  type: TriggerEventType;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  /** Strategies the trigger is about; null = decided by `universe` or, without one, every strategy. */
  strategyIds?: string[] | null;
  /** Symbols of a dataset: strategies whose eligible markets intersect them (or are `*`) are impacted. */
  universe?: string[] | null;
  /** Extra symbols the resulting cycle evaluates besides the defaults. */
  symbols?: string[];
  /** Queue priority class of the work. */
  priority: JobPriorityClass;
  /** Overrides of the cycle size (on-demand cycles). */
  configurationCount?: number | null;
  maxTemplateShare?: number | null;
  seed?: number | null;
  /**
   * `regime_change` only: the dataset whose regime changed and the band its last bar is in now (already computed by
   * the caller). Each eligible strategy's best configuration is
   * backtested on it (a regime-specific run with per-regime metrics and robustness, lifecycle-spec FR-008), linked
   * to the trigger.
   */
  retest?: { dataSetId: string; regimeBand: RegimeBand } | null;
}

/** What a manual run request carries (lifecycle-spec FR-009). */
export interface ManualRunInput {
  /** One strategy, or null for every eligible strategy. */
  strategyId?: string | null;
  /** Why the run is needed; required. */
  reason: string;
  /** Link to the approval, where policy asks for one (ticket, review URL). */
  approvalLink?: string | null;
}

/** Strategy in scope of a trigger, with its newest and newest approved version. */
interface ImpactedStrategy {
  id: string;
  code: string;
  newest_status: string | null;
  newest_tag: string | null;
  approved_version_id: string | null;
}

/** Short, stable hash of a cycle's scope (sorted strategy ids). */
export function makeScopeKey(strategyIds: readonly string[] | null): string {
  const text = strategyIds === null ? '*' : [...strategyIds].sort().join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/**
 * Triggers (orchestration-spec FR-001, lifecycle-spec FR-006..010): every trigger is recorded; its impacted
 * strategies (approved versions only) are evaluated by one evaluation cycle enqueued in the SAME transaction.
 * Triggers that arrive while a cycle for the same scope still waits join it (row lock + graphile-worker job key in
 * `preserve_run_at` mode): one set of runs, every trigger linked to it.
 */
export class TriggerService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly backtests: BacktestService;
  constructor(ctx: ServiceContext, governance: Governance, backtests: BacktestService) {
    this.ctx = ctx;
    this.governance = governance;
    this.backtests = backtests;
  }

  /**
   * Records a manual run request with its reason and optional approval link, and enqueues the runs.
   * @throws ValidationError (empty reason), NotFoundError, ForbiddenError (needs `create TriggerEvent`).
   */
  async requestManualRun(input: ManualRunInput): Promise<TriggerEvent> {
    await this.governance.authorizeUseCase('requestManualRun');
    const reason = input.reason.trim();
    if (reason.length < 3) throw new ValidationError('give a reason for the manual run (at least 3 characters)', 'reason');
    if (input.approvalLink && !/^https?:\/\/\S+$|^[A-Z][A-Z0-9]+-\d+$/.test(input.approvalLink)) {
      throw new ValidationError('approvalLink must be an http(s) URL or a ticket id like OPS-123', 'approvalLink');
    }
    return this.ctx.em.transactional(async (em) => {
      if (input.strategyId && !(await em.findOne(Strategy, { id: input.strategyId }))) throw new NotFoundError('Strategy', input.strategyId);
      return this.recordIn(em, {
        type: 'manual',
        subjectType: input.strategyId ? 'Strategy' : 'Platform',
        subjectId: input.strategyId ?? null,
        details: { reason, approvalLink: input.approvalLink ?? null },
        strategyIds: input.strategyId ? [input.strategyId] : null,
        priority: 'validation',
      });
    });
  }

  /** Records a trigger in its own transaction (scheduled cycles, the platform). */
  async record(input: TriggerInput): Promise<TriggerEvent> {
    await this.governance.authorize('create', 'TriggerEvent');
    return this.ctx.em.transactional((em) => this.recordIn(em, input));
  }

  /**
   * Records a trigger on `em` (inside the caller's transaction) and enqueues its work there too, so the trigger,
   * its links and its job commit together. Strategies whose newest version is pending run their newest APPROVED
   * version; strategies without one (or retired) run nothing.
   */
  async recordIn(em: EntityManager, input: TriggerInput): Promise<TriggerEvent> {
    // The trigger's span: the jobs it enqueues carry its trace context, so the worker's task spans join its trace.
    const attributes = { 'crucible.trigger.type': input.type, 'crucible.correlation_id': this.ctx.correlationId };
    return inSpan(`trigger ${input.type}`, { attributes }, () => this.recordTrigger(em, input));
  }

  private async recordTrigger(em: EntityManager, input: TriggerInput): Promise<TriggerEvent> {
    const receivedAt = this.ctx.clock.now();
    const impacted = await this.impactedStrategies(em, input);
    const eligible = impacted.filter((strategy) => strategy.approved_version_id !== null);
    const pendingNotes = impacted
      .filter((strategy) => strategy.newest_status === 'pending')
      .map((strategy) => `${strategy.code}: newest version ${strategy.newest_tag} is pending (not run)`);
    const trigger = em.create(TriggerEvent, {
      type: input.type,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      details: { ...(input.details ?? {}), ...(input.universe ? { universe: input.universe } : {}), impactedStrategies: impacted.map((strategy) => strategy.code) },
      actor: this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null,
      correlationId: this.ctx.correlationId,
      receivedAt,
      enqueuedAt: null,
      outcome: 'skipped',
      outcomeReason: '',
    });
    await em.flush();
    if (eligible.length === 0) {
      trigger.outcomeReason = [impacted.length === 0 ? 'no impacted strategy' : 'no impacted strategy has an approved version', ...pendingNotes].join('; ');
    } else {
      const scopeIds = input.strategyIds || input.universe ? eligible.map((strategy) => strategy.id).sort() : null;
      const cycle = await this.joinOrCreateCycle(em, input, scopeIds, eligible.length);
      const jobKey = `evaluation-cycle:${cycle.scopeKey}`;
      // A joining trigger never lowers the urgency of the waiting job (lower priority number = sooner); scheduled
      // research runs one at a time on the `research` queue, so validation and remediation keep the other slots.
      const [waitingJob] = await em.execute<{ priority: number }[]>('select priority from graphile_worker._private_jobs where key = ? and locked_at is null', [jobKey]);
      const priority = Math.min(jobPriorities[input.priority], waitingJob?.priority ?? Number.POSITIVE_INFINITY);
      // The cycle's correlation id (its first trigger's) follows the job, also when a later trigger joins it.
      await enqueueJob(em, 'run_evaluation_cycle', { cycleId: cycle.id, correlationId: cycle.correlationId }, {
        jobKey,
        jobKeyMode: 'preserve_run_at',
        priority,
        queueName: priority >= jobPriorities.research ? 'research' : undefined,
      });
      em.create(TriggerLink, { triggerEvent: trigger, targetType: 'job', targetId: jobKey, jobKey, taskIdentifier: 'run_evaluation_cycle' });
      em.create(TriggerLink, { triggerEvent: trigger, targetType: 'evaluation_cycle', targetId: cycle.id, jobKey, taskIdentifier: 'run_evaluation_cycle' });
      const retests = input.retest ? await this.queueRegimeRetests(em, trigger, eligible, input.retest) : 0;
      trigger.outcome = 'enqueued';
      trigger.enqueuedAt = this.ctx.clock.now();
      trigger.outcomeReason = [
        `evaluation cycle of ${eligible.length} strateg${eligible.length === 1 ? 'y' : 'ies'} queued`,
        ...(retests > 0 ? [`${retests} regime-specific backtest${retests === 1 ? '' : 's'} queued`] : []),
        ...pendingNotes,
      ].join('; ');
    }
    await em.flush();
    await this.governance.audit.record(em, {
      action: 'trigger.recorded',
      subjectType: 'TriggerEvent',
      subjectId: trigger.id,
      details: { type: input.type, subjectType: input.subjectType, subjectId: input.subjectId ?? null, outcome: trigger.outcome, reason: trigger.outcomeReason, ...(input.details ?? {}) },
    });
    await publishEvent(em, 'TRIGGER_RECORDED', { id: trigger.id });
    this.ctx.logger.info({ triggerId: trigger.id, type: input.type, outcome: trigger.outcome, correlationId: this.ctx.correlationId }, 'trigger recorded');
    return trigger;
  }

  /** Triggers, newest first. */
  async list(page: PageRequest, filter: { type?: TriggerEventType | null } = {}): Promise<Page<TriggerEvent>> {
    await this.governance.authorize('read', 'TriggerEvent');
    return paginate(this.ctx.em, TriggerEvent, filter.type ? { type: filter.type } : {}, page);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<TriggerEvent> {
    await this.governance.authorize('read', 'TriggerEvent', id);
    const trigger = await this.ctx.em.findOne(TriggerEvent, { id });
    if (!trigger) throw new NotFoundError('TriggerEvent', id);
    return trigger;
  }

  /** What a trigger caused: its job and runs, oldest first. */
  async links(triggerId: string): Promise<TriggerLink[]> {
    await this.governance.authorize('read', 'TriggerEvent', triggerId);
    return this.ctx.em.find(TriggerLink, { triggerEvent: triggerId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Triggers linked to a run (`evaluation_cycle`, `backtest_run`, `optimization`). */
  async triggersOf(targetType: TriggerLink['targetType'], targetId: string): Promise<TriggerEvent[]> {
    await this.governance.authorize('read', 'TriggerEvent');
    const links = await this.ctx.em.find(TriggerLink, { targetType, targetId }, { populate: ['triggerEvent'], orderBy: { createdAt: 'asc' } });
    return links.map((link) => link.triggerEvent as TriggerEvent);
  }

  /**
   * Regime-specific re-tests: each eligible strategy's best configuration (approved version) backtested on the
   * dataset whose regime changed, each run linked to the trigger. @returns how many runs were queued.
   */
  private async queueRegimeRetests(
    em: EntityManager,
    trigger: TriggerEvent,
    eligible: readonly ImpactedStrategy[],
    { dataSetId, regimeBand }: { dataSetId: string; regimeBand: RegimeBand },
  ): Promise<number> {
    for (const strategy of eligible) {
      const versionId = strategy.approved_version_id!;
      const run = await this.backtests.queueIn(em, {
        strategyVersionId: versionId,
        marketDataSetId: dataSetId,
        parameters: await findBestConfiguration(em, versionId),
        triggerType: 'regime_change',
      }, { regimeBand });
      em.create(TriggerLink, {
        triggerEvent: trigger,
        targetType: 'backtest_run',
        targetId: run.id,
        jobKey: `backtest:${run.id}`,
        taskIdentifier: 'run_backtest',
        strategy: em.getReference(Strategy, strategy.id),
      });
    }
    return eligible.length;
  }

  private async impactedStrategies(em: EntityManager, input: TriggerInput): Promise<ImpactedStrategy[]> {
    const conditions: string[] = [`s.lifecycle_state <> 'retired'`];
    const parameters: unknown[] = [];
    if (input.strategyIds) {
      conditions.push(`s.id = any(?::uuid[])`);
      parameters.push(`{${input.strategyIds.join(',')}}`);
    }
    if (input.universe) {
      conditions.push(`s.eligible_markets && ?::text[]`);
      parameters.push(`{${['*', ...input.universe].map((symbol) => `"${symbol.replaceAll('"', '')}"`).join(',')}}`);
    }
    return em.execute<ImpactedStrategy[]>(
      `select s.id, s.code,
              (select v.approval_status from strategy_version v where v.strategy_id = s.id order by v.submitted_at desc, v.id desc limit 1) as newest_status,
              (select v.version_tag from strategy_version v where v.strategy_id = s.id order by v.submitted_at desc, v.id desc limit 1) as newest_tag,
              (select v.id from strategy_version v where v.strategy_id = s.id and v.approval_status = 'approved' order by v.submitted_at desc, v.id desc limit 1) as approved_version_id
         from strategy s where ${conditions.join(' and ')} order by s.code`,
      parameters,
    );
  }

  /** The queued cycle of this scope (locked), absorbing the trigger's symbols, or a new one. */
  private async joinOrCreateCycle(em: EntityManager, input: TriggerInput, scopeIds: string[] | null, strategyCount: number): Promise<EvaluationCycle> {
    const scopeKey = makeScopeKey(scopeIds);
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`evaluation-cycle:${scopeKey}`]);
    const symbols = [...new Set([...cycleDefaults.symbols, ...(input.universe ?? []), ...(input.symbols ?? [])])];
    const [waiting] = await em.execute<{ id: string }[]>(`select id from evaluation_cycle where scope_key = ? and status = 'queued' order by queued_at limit 1 for update`, [scopeKey]);
    if (waiting) {
      const cycle = await em.findOneOrFail(EvaluationCycle, { id: waiting.id }, { refresh: true });
      const merged = [...new Set([...cycle.symbols, ...symbols])];
      if (merged.length !== cycle.symbols.length) cycle.symbols = merged;
      return cycle;
    }
    const sizing = cycleSizing(strategyCount, input.configurationCount ?? cycleDefaults.configurationCount, input.maxTemplateShare ?? cycleDefaults.maxTemplateShare);
    const now = this.ctx.clock.now();
    const cycle = em.create(EvaluationCycle, {
      status: 'queued',
      configurationCount: sizing.configurationCount,
      maxTemplateShare: sizing.maxTemplateShare,
      seed: input.seed ?? (Math.floor(now.getTime() / 86_400_000) % 0x7fffffff),
      scopeKey,
      strategyIds: scopeIds,
      symbols,
      correlationId: this.ctx.correlationId,
      reason: input.type,
    });
    await em.flush();
    return cycle;
  }
}
