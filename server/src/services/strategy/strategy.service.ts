import { createHash } from 'node:crypto';
import { EngineInputError, getStrategyTemplate, strategyTemplates, type StrategyTemplate } from '../../engine/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { sensitiveAuditDetails, type Subject } from '../../domain/auth/abilities.ts';
import type { ParameterOverride } from '../../domain/optimization/optimization-settings.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { strategyLifecycle } from '../../domain/strategy/strategy.lifecycle.ts';
import { versionApprovalLifecycle } from '../../domain/strategy/version-approval.lifecycle.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';
import { capitalStates, lifecycleStates, riskCategories, Strategy, type CapitalGuardrails, type CapitalState, type LifecycleState, type RiskCategory } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { diffVersionDefinitions, type VersionChange } from '../../domain/strategy/version-diff.ts';
import { User } from '../../domain/user/user.entity.ts';
import { applyParameterOverrides } from '../optimization/optimization-input.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { RowVersionCache, type RowVersion } from '../read-cache/row-version-cache.ts';

/** Strategy versions as listed by `versionsOfMany`, by row version (process-wide). */
const versionRows = new RowVersionCache<StrategyVersion>();
/** Strategies as listed by `list` (the registry), by row version (process-wide). */
const strategyRows = new RowVersionCache<Strategy>();

/** What registering a strategy takes (lifecycle-spec FR-001). */
export interface RegisterStrategyInput {
  /** Unique, lower-case letters, digits and dashes, 3–64 characters. */
  code: string;
  name: string;
  objective: string;
  /** Owner's user id; default the caller. */
  ownerId?: string | null;
  /** Symbols, e.g. `BTC-USDT`, or `*` for any. */
  eligibleMarkets: string[];
  riskCategory: RiskCategory;
  /** Capital caps per lifecycle state, fractions of portfolio (0.05 = 5 %), each in [0, 1]. */
  capitalGuardrails: CapitalGuardrails;
  dependencyNotes?: string | null;
}

/** What submitting a version takes (lifecycle-spec FR-002): immutable once stored, `pending` until reviewed. */
export interface SubmitVersionInput {
  strategyId: string;
  /** Engine template id, e.g. `sma_crossover`. */
  template: string;
  /** Narrowings of the template's parameter space (bounds, steps, choices); none = the template's full space. */
  parameterOverrides?: ParameterOverride[] | null;
  changelog: string;
  /** Seed for reproducible runs, a whole number in [0, 2⁵³). */
  deterministicSeed: number;
}

/** One line of a strategy's history (from the audit trail). */
export interface StrategyHistoryEntry {
  occurredAt: Date;
  action: string;
  actorRole: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

const codePattern = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
const marketPattern = /^(\*|[A-Z0-9]{2,12}-[A-Z0-9]{2,12})$/;

/** Code of the built-in strategy registered for an engine template, e.g. `builtin-sma-crossover`. */
export function builtInStrategyCode(templateId: string): string {
  return `builtin-${templateId.replaceAll('_', '-')}`;
}

/** Strategy registry use-cases (the full registry — submissions, approvals, lifecycle — comes with issue #5). */
export class StrategyService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  constructor(ctx: ServiceContext, governance: Governance, triggers: TriggerService) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = triggers;
  }

  /**
   * Registers a strategy in `research`. @throws ValidationError naming the field, ConflictError (code taken),
   * NotFoundError (owner), ForbiddenError (needs `create Strategy`).
   */
  async register(input: RegisterStrategyInput): Promise<Strategy> {
    // Registered for its owner: the caller unless the authorization table lets the caller register for others.
    const requestedOwnerId = input.ownerId ?? this.ctx.actor.userId ?? null;
    await this.governance.authorizeUseCase('registerStrategy', null, requestedOwnerId ? { object: { ownerId: requestedOwnerId } } : {});
    const code = input.code.trim();
    if (!codePattern.test(code)) throw new ValidationError('code must be 3–64 lower-case letters, digits and dashes', 'code');
    if (!input.name.trim()) throw new ValidationError('name is required', 'name');
    if (!input.objective.trim()) throw new ValidationError('objective is required', 'objective');
    const markets = [...new Set(input.eligibleMarkets.map((market) => market.trim().toUpperCase()))];
    if (markets.length === 0 || markets.some((market) => !marketPattern.test(market))) {
      throw new ValidationError('eligibleMarkets must list symbols like BTC-USDT, or "*" for any', 'eligibleMarkets');
    }
    if (!riskCategories.includes(input.riskCategory)) throw new ValidationError(`riskCategory must be one of ${riskCategories.join(', ')}`, 'riskCategory');
    for (const [state, cap] of Object.entries(input.capitalGuardrails)) {
      if (!capitalStates.includes(state as CapitalState)) throw new ValidationError(`capitalGuardrails has an unknown state ${state} (one of ${capitalStates.join(', ')})`, 'capitalGuardrails');
      if (typeof cap !== 'number' || !(cap >= 0 && cap <= 1)) throw new ValidationError(`capitalGuardrails.${state} must be a fraction in [0, 1]`, 'capitalGuardrails');
    }
    return this.ctx.em.transactional(async (em) => {
      if (await em.findOne(Strategy, { code })) throw new ConflictError(`strategy code ${code} is taken`);
      const ownerId = requestedOwnerId ?? (await this.systemUser()).id;
      const owner = await em.findOne(User, { id: ownerId });
      if (!owner) throw new NotFoundError('User', ownerId);
      const strategy = em.create(Strategy, {
        code,
        name: input.name.trim(),
        objective: input.objective.trim(),
        owner,
        eligibleMarkets: markets,
        riskCategory: input.riskCategory,
        capitalGuardrails: { ...input.capitalGuardrails },
        lifecycleState: 'research',
        dependencyNotes: input.dependencyNotes?.trim() || null,
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'strategy.registered',
        subjectType: 'Strategy',
        subjectId: strategy.id,
        details: { code, name: strategy.name, ownerId: owner.id, eligibleMarkets: markets, riskCategory: input.riskCategory, capitalGuardrails: input.capitalGuardrails },
      });
      await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'registered' });
      return strategy;
    });
  }

  /**
   * Submits an immutable version (`pending`), tagged `vYYYY.MM.patch`, and records a `parameter_space_registered`
   * trigger (which runs nothing while the version is pending). @throws ValidationError, NotFoundError,
   * ConflictError (retired strategy), ForbiddenError (needs `create StrategyVersion`).
   */
  async submitVersion(input: SubmitVersionInput): Promise<StrategyVersion> {
    await this.governance.authorizeUseCase('submitStrategyVersion');
    try {
      getStrategyTemplate(input.template);
    } catch (error) {
      if (error instanceof EngineInputError) throw new ValidationError(`unknown template ${input.template}`, 'template');
      throw error;
    }
    const space = applyParameterOverrides(input.template, input.parameterOverrides ?? []);
    if (!input.changelog.trim()) throw new ValidationError('changelog is required', 'changelog');
    if (!Number.isSafeInteger(input.deterministicSeed) || input.deterministicSeed < 0) throw new ValidationError('deterministicSeed must be a whole number in [0, 2⁵³)', 'deterministicSeed');
    return this.ctx.em.transactional(async (em) => {
      const strategy = await em.findOne(Strategy, { id: input.strategyId });
      if (!strategy) throw new NotFoundError('Strategy', input.strategyId);
      if (strategy.lifecycleState === 'retired') throw new ConflictError(`strategy ${strategy.code} is retired`);
      await em.execute('select 1 from strategy where id = ? for update', [strategy.id]);
      const now = this.ctx.clock.now();
      const prefix = `v${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, '0')}.`;
      const sameMonth = await em.count(StrategyVersion, { strategy, versionTag: { $like: `${prefix}%` } });
      const submitter = this.ctx.actor.userId ? await em.findOneOrFail(User, { id: this.ctx.actor.userId }) : await this.systemUser();
      const version = em.create(StrategyVersion, {
        strategy,
        versionTag: `${prefix}${sameMonth}`,
        submittedBy: submitter,
        submittedAt: now,
        approvalStatus: 'pending',
        approvalMetadata: null,
        changelog: input.changelog.trim(),
        deterministicSeed: input.deterministicSeed,
        template: input.template,
        parameterSpace: space,
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'strategy_version.submitted',
        subjectType: 'StrategyVersion',
        subjectId: version.id,
        details: { strategyId: strategy.id, versionTag: version.versionTag, template: input.template, parameterOverrides: input.parameterOverrides ?? [], deterministicSeed: input.deterministicSeed },
      });
      await this.triggers.recordIn(em, {
        type: 'parameter_space_registered',
        subjectType: 'StrategyVersion',
        subjectId: version.id,
        details: { versionTag: version.versionTag, template: input.template },
        strategyIds: [strategy.id],
        priority: 'validation',
      });
      await publishEvent(em, 'STRATEGY_VERSION_UPDATED', { id: version.id, strategyId: strategy.id, change: 'submitted' });
      return version;
    });
  }

  /**
   * Approves a pending version (production action: needs a TOTP step-up) and records a `version_approved` trigger
   * that queues its validation runs in the same transaction. Nobody approves their own submission.
   * @throws ConflictError (not pending), ForbiddenError (own submission; needs `approve StrategyVersion`).
   */
  async approveVersion(versionId: string, notes?: string | null): Promise<StrategyVersion> {
    return this.decide(versionId, 'approved', notes ?? null);
  }

  /** Rejects a pending version with notes (required). Same rules as {@link approveVersion}. */
  async rejectVersion(versionId: string, notes: string): Promise<StrategyVersion> {
    return this.decide(versionId, 'rejected', notes);
  }

  private async decide(versionId: string, decision: 'approved' | 'rejected', notes: string | null): Promise<StrategyVersion> {
    await this.governance.authorizeUseCase(decision === 'approved' ? 'approveStrategyVersion' : 'rejectStrategyVersion', versionId);
    if (decision === 'rejected' && !notes?.trim()) throw new ValidationError('say why the version is rejected', 'notes');
    return this.ctx.em.transactional(async (em) => {
      const reviewerId = await this.governance.actingUserId();
      const { row: version } = await applyTransition(em, versionApprovalLifecycle, {
        entity: StrategyVersion,
        id: versionId,
        field: 'approvalStatus',
        to: decision,
        subject: (row) => `version ${row.versionTag}`,
        change: (row) => {
          if (this.ctx.actor.credential.kind !== 'system' && row.submittedBy.id === reviewerId) {
            throw new ForbiddenError('four-eyes rule: nobody approves or rejects their own submission');
          }
          row.approvalMetadata = { reviewerId, decidedAt: this.ctx.clock.now().toISOString(), ...(notes?.trim() ? { notes: notes.trim() } : {}) };
        },
      });
      await this.governance.audit.record(em, {
        action: decision === 'approved' ? 'strategy_version.approved' : 'strategy_version.rejected',
        subjectType: 'StrategyVersion',
        subjectId: version.id,
        details: { strategyId: version.strategy.id, versionTag: version.versionTag, notes: notes?.trim() || null },
      });
      if (decision === 'approved') {
        await this.triggers.recordIn(em, {
          type: 'version_approved',
          subjectType: 'StrategyVersion',
          subjectId: version.id,
          details: { versionTag: version.versionTag, template: version.template },
          strategyIds: [version.strategy.id],
          priority: 'validation',
        });
      }
      await publishEvent(em, 'STRATEGY_VERSION_UPDATED', { id: version.id, strategyId: version.strategy.id, change: decision });
      return version;
    });
  }

  /**
   * Moves a strategy through its lifecycle by the transition table (validation cannot be skipped; forward moves are
   * gated). Retiring also needs `retire Strategy` on this strategy (its owner, or production) with a step-up.
   * @throws ConflictError with the gate's reason, NotFoundError, ForbiddenError (needs `update Strategy`; `retire`).
   */
  async transitionLifecycle(strategyId: string, to: LifecycleState, reason: string): Promise<Strategy> {
    await this.governance.authorizeUseCase('transitionStrategyLifecycle', strategyId);
    if (!lifecycleStates.includes(to)) throw new ValidationError(`unknown lifecycle state ${to}`, 'to');
    if (!reason.trim()) throw new ValidationError('give a reason for the transition', 'reason');
    if (to === 'retired') {
      // Retirement is terminal: `retire Strategy` (research: own strategies only; a production action with step-up).
      const owner = await this.ctx.em.findOne(Strategy, { id: strategyId }, { fields: ['owner'] });
      if (!owner) throw new NotFoundError('Strategy', strategyId);
      await this.governance.authorizeOn('retire', 'Strategy', strategyId, { ownerId: owner.owner.id });
    }
    return this.ctx.em.transactional(async (em) => {
      const { row: strategy, from } = await applyTransition(em, strategyLifecycle, {
        entity: Strategy,
        id: strategyId,
        field: 'lifecycleState',
        to,
        evidence: async () => {
          const approved = await em.count(StrategyVersion, { strategy: strategyId, approvalStatus: 'approved' });
          const latest = await em.findOne(ScorecardEntry, { strategy: strategyId }, { orderBy: { evaluationDate: 'desc' } });
          // production = LIVE (specs README): a deployment of the strategy the ladder promoted into LIVE and still there
          const live = await em.count(Deployment, { strategy: strategyId, stage: 'live', activationState: { $nin: ['retired', 'rolled_back'] } });
          return { hasApprovedVersion: approved > 0, meetsProductionStandard: latest !== null && latest.complete && !latest.researchOnly, hasApprovedPromotion: live > 0 };
        },
      });
      await this.governance.audit.record(em, { action: 'strategy.lifecycle_changed', subjectType: 'Strategy', subjectId: strategyId, details: { from, to, reason: reason.trim() } });
      if (to === 'validation') {
        await this.triggers.recordIn(em, { type: 'manual', subjectType: 'Strategy', subjectId: strategyId, details: { reason: `entered validation: ${reason.trim()}` }, strategyIds: [strategyId], priority: 'validation' });
      }
      await publishEvent(em, 'STRATEGY_UPDATED', { id: strategyId, change: `lifecycle:${from}->${to}` });
      return strategy;
    });
  }

  /** A strategy's history (registration, submissions, decisions, lifecycle moves), newest first, from the audit trail. */
  async history(strategyId: string, limit = 100): Promise<StrategyHistoryEntry[]> {
    await this.governance.authorize('read', 'Strategy', strategyId);
    const rows = await this.ctx.em.execute<{ occurred_at: Date; action: string; actor_role: string; subject_type: string; subject_id: string | null; details: Record<string, unknown> }[]>(
      `select occurred_at, action, actor_role, subject_type, subject_id, details from audit_event
        where (subject_type = 'Strategy' and subject_id = ?)
           or (subject_type = 'StrategyVersion' and subject_id in (select id::text from strategy_version where strategy_id = ?))
        order by sequence desc limit ?`,
      [strategyId, strategyId, Math.min(Math.max(1, limit), 500)],
    );
    return rows.map((row) => ({
      occurredAt: new Date(row.occurred_at),
      action: row.action,
      actorRole: row.actor_role,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: this.withoutHiddenFields(row.subject_type, row.details),
    }));
  }

  /**
   * Audit details minus the keys that reveal a field the viewer may not read on that subject (capital guardrails;
   * approval metadata, including a decision's notes and reviewer): {@link sensitiveAuditDetails}.
   */
  private withoutHiddenFields(subjectType: string, details: Record<string, unknown>): Record<string, unknown> {
    const revealing = (sensitiveAuditDetails as Record<string, Readonly<Record<string, string>> | undefined>)[subjectType] ?? {};
    const ability = this.ctx.actor.ability;
    const redacted = Object.keys(details).filter((key) => key in revealing && !ability.can('read', subjectType as Subject, revealing[key]));
    return redacted.length === 0 ? details : Object.fromEntries(Object.entries(details).filter(([key]) => !redacted.includes(key)));
  }

  /** Differences between two versions' template and parameter space (a → b). @throws NotFoundError */
  async versionDiff(fromVersionId: string, toVersionId: string): Promise<VersionChange[]> {
    const [from, to] = [await this.getVersion(fromVersionId), await this.getVersion(toVersionId)];
    return diffVersionDefinitions(from, to);
  }

  /** The platform's service account: {@link Governance.systemUser}. */
  async systemUser(): Promise<User> {
    return this.governance.systemUser();
  }

  /**
   * Registers one approved built-in strategy per engine template (idempotent): owner and approver are the
   * system account, eligible markets are all markets (`*`), the seed is derived from the template id.
   */
  async registerBuiltInStrategies(): Promise<Strategy[]> {
    await this.governance.authorize('create', 'Strategy');
    const system = await this.systemUser();
    const registered: Strategy[] = [];
    for (const template of strategyTemplates) {
      registered.push(await this.registerBuiltIn(template, system));
    }
    return registered;
  }

  private async registerBuiltIn(template: StrategyTemplate, system: User): Promise<Strategy> {
    const code = builtInStrategyCode(template.id);
    const existing = await this.ctx.em.findOne(Strategy, { code });
    if (existing) return existing;
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const strategy = em.create(Strategy, {
        code,
        name: template.name,
        objective: template.description,
        owner: system,
        eligibleMarkets: ['*'],
        riskCategory: 'moderate',
        capitalGuardrails: { staging: 0.02, production: 0.05 },
        lifecycleState: 'research',
      });
      const version = em.create(StrategyVersion, {
        strategy,
        versionTag: `v${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, '0')}.0`,
        submittedBy: system,
        approvalStatus: 'approved',
        approvalMetadata: { reviewerId: system.id, decidedAt: now.toISOString(), notes: 'built-in engine template' },
        changelog: `Built-in ${template.name} template shipped with the engine.`,
        deterministicSeed: seedFromText(template.id),
        template: template.id,
        parameterSpace: template.parameterSpace,
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'strategy.registered',
        subjectType: 'Strategy',
        subjectId: strategy.id,
        details: { code, template: template.id, versionId: version.id, versionTag: version.versionTag, approvalStatus: version.approvalStatus, builtIn: true },
      });
      await publishEvent(em, 'STRATEGY_UPDATED', { id: strategy.id, change: 'registered' });
      return strategy;
    });
  }

  /** Strategies, newest first. */
  async list(page: PageRequest): Promise<Page<Strategy>> {
    await this.governance.authorize('read', 'Strategy');
    return paginate(this.ctx.em, Strategy, {}, page, [], strategyRows);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<Strategy> {
    await this.governance.authorize('read', 'Strategy');
    const strategy = await this.ctx.em.findOne(Strategy, { id });
    if (!strategy) throw new NotFoundError('Strategy', id);
    return strategy;
  }

  /** @throws NotFoundError */
  async getVersion(id: string): Promise<StrategyVersion> {
    await this.governance.authorize('read', 'StrategyVersion');
    const version = await this.ctx.em.findOne(StrategyVersion, { id });
    if (!version) throw new NotFoundError('StrategyVersion', id);
    return version;
  }

  /** A strategy's versions, newest first. */
  async versions(strategyId: string): Promise<StrategyVersion[]> {
    await this.governance.authorize('read', 'StrategyVersion');
    return this.ctx.em.find(StrategyVersion, { strategy: strategyId }, { orderBy: { submittedAt: 'desc' } });
  }

  /** Strategies by id in one query (for batching); ids not found are absent from the result. */
  async getMany(ids: readonly string[]): Promise<Strategy[]> {
    await this.governance.authorize('read', 'Strategy');
    return ids.length === 0 ? [] : this.ctx.em.find(Strategy, { id: { $in: [...ids] } });
  }

  /** Strategy versions by id in one query (for batching); ids not found are absent from the result. */
  async getVersions(ids: readonly string[]): Promise<StrategyVersion[]> {
    await this.governance.authorize('read', 'StrategyVersion');
    return ids.length === 0 ? [] : this.ctx.em.find(StrategyVersion, { id: { $in: [...ids] } });
  }

  /**
   * The versions of several strategies, each list newest first (for batching): one query for their ids and row
   * versions; only rows not already cached in that version are loaded ({@link RowVersionCache}).
   */
  async versionsOfMany(strategyIds: readonly string[]): Promise<Map<string, StrategyVersion[]>> {
    await this.governance.authorize('read', 'StrategyVersion');
    const byStrategy = new Map<string, StrategyVersion[]>(strategyIds.map((id) => [id, []]));
    if (strategyIds.length === 0) return byStrategy;
    const seen = await this.ctx.em.execute<RowVersion[]>(
      `select id, xmin::text as version from strategy_version where strategy_id in (?) order by submitted_at desc, id desc`,
      [[...strategyIds]],
    );
    const versions = await versionRows.resolve(this.ctx.em, seen, (fork, ids) => fork.find(StrategyVersion, { id: { $in: ids } }));
    for (const version of versions) byStrategy.get(version.strategy.id)?.push(version);
    return byStrategy;
  }

  /** The newest approved version of a strategy, if any. */
  async latestApprovedVersion(strategyId: string): Promise<StrategyVersion | null> {
    return this.ctx.em.findOne(StrategyVersion, { strategy: strategyId, approvalStatus: 'approved' }, { orderBy: { submittedAt: 'desc' } });
  }
}

/** A positive 53-bit seed derived from text (SHA-256 prefix), stable across runs and machines. */
function seedFromText(text: string): number {
  const digest = createHash('sha256').update(text).digest();
  return Number(digest.readBigUInt64BE(0) >> 11n);
}
