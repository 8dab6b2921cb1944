import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { parsePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { Governance } from '../auth/authorize.ts';
import { operatorReason } from '../deployment/operator-reason.ts';
import type { ServiceContext } from '../service-context.ts';
import { readActivePromotionPolicy, type ActivePromotionPolicy } from './active-promotion-policy.ts';

export type { ActivePromotionPolicy } from './active-promotion-policy.ts';

/** Versions {@link PromotionPolicyService.versions} returns at most. */
const versionListLimit = 200;

/** Rules a policy proposal or activation can break: each refusal's message starts with its rule. */
export const promotionPolicyRules = ['policy.versionExists', 'policy.alreadyActive', 'policy.invalid', 'policy.fourEyes'] as const;

/**
 * The versioned promotion policy (promotion-framework §3.A; DESIGN.md §2): reads the one in force, and changes it
 * under four eyes without a release — one person (risk, with a step-up) proposes a new version, validated at the edge
 * and stored inactive; another (risk or compliance, with a step-up; never its proposer) activates it, which
 * deactivates every other version in the same transaction. Versions are never edited: a change is a new version, and
 * the governance simulation can replay a proposal over history before anyone activates it.
 */
export class PromotionPolicyService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The newest active promotion policy and its resolution (a missing or invalid one: everything stays OBSERVE). */
  async active(em: EntityManager = this.ctx.em): Promise<ActivePromotionPolicy> {
    return readActivePromotionPolicy(em);
  }

  /** Every stored version, newest first (at most 200), active or proposed. @throws ForbiddenError (needs `read Deployment`). */
  async versions(): Promise<PromotionPolicyVersion[]> {
    await this.governance.authorize('read', 'Deployment');
    return this.ctx.em.fork().find(PromotionPolicyVersion, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: versionListLimit });
  }

  /**
   * Proposes a new policy version (stored inactive, the proposer recorded; audit `promotion.policy_proposed` with the
   * reason; `PROMOTION_POLICY_UPDATED`). `definitionJson` is a whole `PromotionPolicy` as JSON text (its `version` names the new version; at most
   * 100,000 characters, checked at the API's edge) and is validated as the policy in force is read, so what is stored
   * is what would decide.
   * @throws ForbiddenError (risk, fresh step-up), ValidationError naming the field (`definitionJson` when it is not
   *   JSON, `definition.<path>`, `reason`), ConflictError `policy.versionExists`.
   */
  async propose(input: { definitionJson: string; reason: string }): Promise<PromotionPolicyVersion> {
    await this.governance.authorizeUseCase('proposePromotionPolicy');
    const reason = operatorReason(input.reason);
    let definition: unknown;
    try {
      definition = JSON.parse(input.definitionJson);
    } catch {
      throw new ValidationError('definitionJson is not JSON text', 'definitionJson');
    }
    let policy;
    try {
      policy = parsePromotionPolicy(definition);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(`definition: ${error.message}`, `definition${error.field ? `.${error.field}` : ''}`);
      throw error;
    }
    const proposerId = this.ctx.actor.userId;
    return this.ctx.em.fork().transactional(async (em) => {
      if ((await em.count(PromotionPolicyVersion, { version: policy.version })) > 0) {
        throw new ConflictError(`policy.versionExists: promotion policy version ${policy.version} exists; a change is a new version`);
      }
      const row = em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: false, createdBy: proposerId ? em.getReference(User, proposerId) : null });
      await em.flush();
      await this.governance.audit.record(em, { action: 'promotion.policy_proposed', subjectType: 'PromotionPolicyVersion', subjectId: row.id, details: { version: policy.version, reason } });
      await publishEvent(em, 'PROMOTION_POLICY_UPDATED', { id: row.id, version: row.version, change: 'proposed' });
      return row;
    });
  }

  /**
   * Activates a proposed version: it decides from now on (every other version deactivated in the same transaction);
   * audit `promotion.policy_activated` with the version it replaces, its proposer and the reason; `PROMOTION_POLICY_UPDATED`.
   * @throws ForbiddenError (risk or compliance, fresh step-up), ValidationError (`version`, `reason`), NotFoundError,
   *   ConflictError `policy.fourEyes` (its proposer), `policy.alreadyActive`, `policy.invalid` (a stored definition that
   *   no longer validates).
   */
  async activate(input: { version: string; reason: string }): Promise<PromotionPolicyVersion> {
    await this.governance.authorizeUseCase('activatePromotionPolicy');
    const version = (input.version ?? '').trim();
    if (version.length === 0 || version.length > 255) throw new ValidationError('version: 1–255 characters', 'version');
    const reason = operatorReason(input.reason);
    const actorId = this.ctx.actor.userId;
    return this.ctx.em.fork().transactional(async (em) => {
      const row = await em.findOne(PromotionPolicyVersion, { version }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row) throw new NotFoundError('PromotionPolicyVersion', version);
      if (row.createdBy && row.createdBy.id === actorId) throw new ConflictError(`policy.fourEyes: ${version} was proposed by you; another person activates it`);
      const before = await readActivePromotionPolicy(em);
      if (row.active && before.row?.id === row.id) throw new ConflictError(`policy.alreadyActive: ${version} is the policy in force`);
      try {
        parsePromotionPolicy(row.definition);
      } catch (error) {
        throw new ConflictError(`policy.invalid: ${version} does not validate (${(error as Error).message}); it cannot decide anything`);
      }
      await em.execute('update promotion_policy set active = false where active and id <> ?', [row.id]);
      row.active = true;
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'promotion.policy_activated',
        subjectType: 'PromotionPolicyVersion',
        subjectId: row.id,
        details: { version, replaces: before.row?.version ?? null, proposedById: row.createdBy?.id ?? null, reason },
      });
      await publishEvent(em, 'PROMOTION_POLICY_UPDATED', { id: row.id, version: row.version, change: 'activated' });
      return row;
    });
  }
}
