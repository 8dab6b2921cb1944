import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { deploymentStages, type DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import { operatorReason } from '../deployment/operator-reason.ts';
import type { ServiceContext } from '../service-context.ts';
import { clearRegulatoryHoldIn, demoteDeploymentIn, freezeDeploymentIn, setRegulatoryHoldIn, unfreezeStrategyIn, type StageChangeBasis, type StageChangeResult } from './stage-demotion.ts';

/** The policy version a manual change is recorded under: the active promotion policy's, or `none` when there is none. */
async function activePolicyVersion(em: EntityManager): Promise<string> {
  const row = await em.findOne(PromotionPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  return row?.version ?? 'none';
}

/**
 * Manual demotion, freeze, unfreeze and regulatory hold (issue 12 "Demotion, freeze and hold"): thin use-cases over
 * `stage-demotion.ts`, each ONE transaction, authorized through the one permission table (`demoteDeployment`,
 * `freezeDeployment`: production or risk; `unfreezeStrategy`: production; `setRegulatoryHold`, `clearRegulatoryHold`:
 * compliance — all production actions with a fresh TOTP step-up) and audited with the operator's reason.
 */
export class StageControlService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Demotes a deployment to a lower stage (`toStage`; SHADOW on a risk breach).
   * @throws ValidationError (`deploymentId`, `toStage`, `reason`), NotFoundError, ConflictError (`demotion.notSafer`,
   *   `demotion.notActive`), ForbiddenError (production or risk, fresh step-up).
   */
  async demote(input: { deploymentId: string; toStage: string; reason: string }): Promise<StageChangeResult> {
    await this.governance.authorizeUseCase('demoteDeployment', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    if (!(deploymentStages as readonly string[]).includes(input.toStage)) throw new ValidationError(`toStage must be one of ${deploymentStages.join(', ')}`, 'toStage');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional(async (em) => demoteDeploymentIn(em, this.governance.audit, input.deploymentId, input.toStage as DeploymentStage, await this.basis(em, 'manual_demotion', reason, ['production', 'risk'])));
  }

  /**
   * Freezes a deployment: to OBSERVE, its strategy's promotions frozen until a person unfreezes them.
   * @throws ValidationError (`deploymentId`, `reason`), NotFoundError, ConflictError (`demotion.notActive`),
   *   ForbiddenError (production or risk, fresh step-up).
   */
  async freeze(input: { deploymentId: string; reason: string }): Promise<StageChangeResult> {
    await this.governance.authorizeUseCase('freezeDeployment', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional(async (em) => freezeDeploymentIn(em, this.governance.audit, input.deploymentId, await this.basis(em, 'manual_freeze', reason, ['production', 'risk'])));
  }

  /**
   * Unfreezes a strategy's promotions (a new approval by a person; the stage stays where it is).
   * @throws ValidationError (`strategyId`, `reason`), NotFoundError, ConflictError (`freeze.notFrozen`,
   *   `demotion.regulatoryHold`), ForbiddenError (whoever approves deployments — `approve Deployment` — with a fresh step-up; the platform never unfreezes).
   */
  async unfreeze(input: { strategyId: string; reason: string }): Promise<Awaited<ReturnType<typeof unfreezeStrategyIn>>> {
    await this.governance.authorizeUseCase('unfreezeStrategy', input.strategyId);
    if (!isUuid(input.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    const reason = operatorReason(input.reason);
    const userId = this.ctx.actor.userId;
    if (!userId) throw new ValidationError('only a person unfreezes a strategy (a new approval): sign in as production', 'actor');
    return this.ctx.em.transactional(async (em) => {
      const basis = await this.basis(em, 'manual_unfreeze', reason, ['production', 'risk']);
      return unfreezeStrategyIn(em, this.governance.audit, input.strategyId, { ...basis, actor: { userId, role: basis.actor.role ?? 'production' } });
    });
  }

  /** Sets a regulatory hold. @throws ValidationError (`strategyId`, `reason`), NotFoundError, ConflictError (`hold.alreadyHeld`), ForbiddenError (compliance, step-up). */
  async setRegulatoryHold(input: { strategyId: string; reason: string }): Promise<Strategy> {
    await this.governance.authorizeUseCase('setRegulatoryHold', input.strategyId);
    if (!isUuid(input.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional((em) => setRegulatoryHoldIn(em, this.governance.audit, input.strategyId, reason, this.ctx.clock.now(), this.ctx.actor.userId));
  }

  /** Clears a regulatory hold. @throws ValidationError (`strategyId`, `reason`), NotFoundError, ConflictError (`hold.notHeld`), ForbiddenError (compliance, step-up). */
  async clearRegulatoryHold(input: { strategyId: string; reason: string }): Promise<Strategy> {
    await this.governance.authorizeUseCase('clearRegulatoryHold', input.strategyId);
    if (!isUuid(input.strategyId)) throw new ValidationError('strategyId is not a strategy id', 'strategyId');
    const reason = operatorReason(input.reason);
    return this.ctx.em.transactional((em) => clearRegulatoryHoldIn(em, this.governance.audit, input.strategyId, reason));
  }

  private async basis(em: EntityManager, reasonCode: string, reason: string, actingRoles: readonly Role[]): Promise<StageChangeBasis> {
    const role = this.ctx.actor.roles.find((held) => actingRoles.includes(held)) ?? null;
    return { reasonCode, reason, policyVersion: await activePolicyVersion(em), now: this.ctx.clock.now(), actor: { userId: this.ctx.actor.userId, role }, automated: false };
  }
}
