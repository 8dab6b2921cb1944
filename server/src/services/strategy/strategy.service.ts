import { createHash } from 'node:crypto';
import { strategyTemplates, type StrategyTemplate } from '../../engine/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { systemUserEmail, User } from '../../domain/user/user.entity.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';

/** Code of the built-in strategy registered for an engine template, e.g. `builtin-sma-crossover`. */
export function builtInStrategyCode(templateId: string): string {
  return `builtin-${templateId.replaceAll('_', '-')}`;
}

/** Strategy registry use-cases (the full registry — submissions, approvals, lifecycle — comes with issue #5). */
export class StrategyService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The platform's service account, created on first use. @throws ForbiddenError unless the platform acts. */
  async systemUser(): Promise<User> {
    const existing = await this.ctx.em.findOne(User, { email: systemUserEmail });
    if (existing) return existing;
    await this.governance.authorize('create', 'User');
    await this.ctx.em.transactional(async (em) => {
      const id = crypto.randomUUID();
      const inserted = await em.execute<{ id: string }[]>(
        `insert into app_user (id, email, display_name, kind) values (?, ?, 'Crucible system', 'service') on conflict (email) do nothing returning id`,
        [id, systemUserEmail],
      );
      if (inserted.length > 0) await this.governance.audit.record(em, { action: 'user.created', subjectType: 'User', subjectId: id, details: { email: systemUserEmail, kind: 'service' } });
    });
    return this.ctx.em.findOneOrFail(User, { email: systemUserEmail });
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
        parameterSpace: template.parameterSpace as unknown as Record<string, unknown>,
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'strategy.registered',
        subjectType: 'Strategy',
        subjectId: strategy.id,
        details: { code, template: template.id, versionId: version.id, versionTag: version.versionTag, approvalStatus: version.approvalStatus, builtIn: true },
      });
      return strategy;
    });
  }

  /** Strategies, newest first. */
  async list(page: PageRequest): Promise<Page<Strategy>> {
    await this.governance.authorize('read', 'Strategy');
    return paginate(this.ctx.em, Strategy, {}, page);
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
