import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../domain/auth/roles.ts';
import { deploymentStages, type DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DemotionReasonCode } from '../../domain/promotion/demotion-triggers.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { isUuid } from '../../domain/ids.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import { operatorReason } from '../deployment/operator-reason.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { activePromotionPolicy, readActivePromotionPolicy } from './active-promotion-policy.ts';
import { evaluateDeploymentDemotions } from './deployment-gate.ts';
import { clearRegulatoryHoldIn, demoteDeploymentIn, freezeDeploymentIn, setRegulatoryHoldIn, unfreezeStrategyIn, type StageChangeBasis, type StageChangeResult } from './stage-demotion.ts';

/** The policy version a manual change is recorded under: the active promotion policy's, or `none` when there is none. */
async function activePolicyVersion(em: EntityManager): Promise<string> {
  return (await readActivePromotionPolicy(em)).row?.version ?? 'none';
}

/** What one run of {@link StageControlService.applyDemotionTriggers} did. */
export interface DemotionSweepRun {
  /** The active promotion policy that decided; null when none is valid (the triggers then send everything to OBSERVE). */
  policyVersion: string | null;
  /** Why no valid policy was found; null when one was. */
  unavailable: string | null;
  /** PAPER and LIVE deployments whose triggers were evaluated. */
  evaluated: number;
  /** Deployments moved down or frozen, with the trigger that decided (the most severe) and their promotion record. */
  acted: { deploymentId: string; action: 'demote' | 'freeze'; from: DeploymentStage; to: DeploymentStage; reasonCode: DemotionReasonCode; freeze: boolean; recordId: string }[];
  /** Deployments a trigger fired for but nothing was done, and why (regulatory hold, retired meanwhile, unreadable evidence). */
  skipped: { deploymentId: string; reason: string }[];
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
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
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
    return this.ctx.em.transactional(async (em) => {
      const exchangeVenue = (await em.findOne(Deployment, { id: input.deploymentId }, { fields: ['venue'] }))?.venue ?? null;
      const moved = await demoteDeploymentIn(em, this.governance.audit, input.deploymentId, input.toStage as DeploymentStage, await this.basis(em, 'manual_demotion', reason, ['production', 'risk']));
      await this.notifyStageChange(em, moved, exchangeVenue, `by ${this.ctx.actor.email ?? 'a person'}: ${reason}`, { reasonCode: 'manual_demotion', freeze: false });
      return moved;
    });
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
    return this.ctx.em.transactional(async (em) => {
      const exchangeVenue = (await em.findOne(Deployment, { id: input.deploymentId }, { fields: ['venue'] }))?.venue ?? null;
      const moved = await freezeDeploymentIn(em, this.governance.audit, input.deploymentId, await this.basis(em, 'manual_freeze', reason, ['production', 'risk']));
      await this.notifyStageChange(em, moved, exchangeVenue, `by ${this.ctx.actor.email ?? 'a person'}: ${reason}`, { reasonCode: 'manual_freeze', freeze: true });
      return moved;
    });
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

  /**
   * The automatic demotion triggers of promotion-framework §2, applied (cron `apply_demotion_triggers`, every minute):
   * for every active PAPER and LIVE deployment (at most `limit`, 1–500, oldest first), the pure
   * `evaluateDemotionTriggers` over its records of the last `demotion.lookbackDays` at its stage — the same decision the
   * governance simulation replays — and, when it demotes or freezes, the move: one transaction per deployment through
   * `stage-demotion.ts` (stage moved under the deployment's lock, `demote` or `freeze` promotion record with every
   * trigger that fired, audit, `DEPLOYMENT_UPDATED`, notification `deployment.demoted` to production and risk), as
   * the platform. Risk breaches (daily loss, drawdown, concentration, warnings), broker instability and DEGRADED
   * stretches → SHADOW; a critical incident → SHADOW and frozen; data integrity → OBSERVE and frozen; no valid promotion
   * policy → OBSERVE. Never moves a deployment up; a strategy on regulatory hold is left as it is (reported in
   * `skipped`), as is a deployment whose evidence cannot be read. One deployment's failure does not stop the others.
   * @throws ForbiddenError unless the actor may update deployments (the platform).
   */
  async applyDemotionTriggers(limit = 200): Promise<DemotionSweepRun> {
    await this.governance.authorize('update', 'Deployment');
    const bounded = Math.min(Math.max(Math.trunc(limit), 1), 500);
    const em = this.ctx.em.fork();
    const now = this.ctx.clock.now();
    const run: DemotionSweepRun = { policyVersion: null, unavailable: null, evaluated: 0, acted: [], skipped: [] };
    let policy: PromotionPolicy | null = null;
    try {
      const active = await activePromotionPolicy(em);
      policy = active.policy;
      run.policyVersion = active.row.version;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      run.unavailable = error.message;
    }
    const deployments = await em.find(Deployment, { activationState: 'active', stage: { $in: ['paper', 'live'] } }, { populate: ['strategy'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: bounded });
    run.evaluated = deployments.length;
    for (const evaluation of await evaluateDeploymentDemotions(em, deployments, policy, now.getTime())) {
      const deploymentId = evaluation.deployment.id;
      const { decision } = evaluation;
      if (decision === null) {
        run.skipped.push({ deploymentId, reason: `evidence unreadable: ${evaluation.evidenceError}` });
        continue;
      }
      if (decision.action === 'none' || decision.reasonCode === null) continue;
      const action = decision.action;
      const reasonCode = decision.reasonCode;
      const exchangeVenue = evaluation.deployment.venue;
      const basis: StageChangeBasis = {
        reasonCode,
        reason: decision.triggers.map((trigger) => trigger.message).join('; '),
        policyVersion: decision.policyVersion ?? 'none',
        metrics: { triggers: decision.triggers, window: evaluation.window, clock: evaluation.clock.kind },
        now,
        actor: { userId: null, role: null },
        automated: true,
      };
      try {
        const result = await this.ctx.em.fork().transactional(async (tx) => {
          const moved = decision.freeze ? await freezeDeploymentIn(tx, this.governance.audit, deploymentId, basis, decision.toStage) : await demoteDeploymentIn(tx, this.governance.audit, deploymentId, decision.toStage, basis);
          const deciding = decision.triggers[0]!;
          await this.notifyStageChange(tx, moved, exchangeVenue, `by the demotion trigger ${reasonCode}: ${deciding.message}`, {
            reasonCode,
            freeze: decision.freeze,
            rule: deciding.rule,
            threshold: deciding.threshold,
            measured: deciding.measured,
            policyVersion: basis.policyVersion,
          });
          return moved;
        });
        run.acted.push({ deploymentId, action, from: result.from, to: result.to, reasonCode, freeze: decision.freeze, recordId: result.record.id });
      } catch (error) {
        // held, retired or already moved since it was read (ConflictError), or a failure of this one deployment's
        // transaction: nothing of it is written, the others go on, and the next run reads it again
        run.skipped.push({ deploymentId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return run;
  }

  /**
   * Tells production and risk that a deployment moved down or was frozen (`deployment.demoted`, FR-032), in the
   * change's transaction: by whom or which trigger and why; leaving LIVE, that its holdings and open orders at the
   * exchange stay (nothing closes them on leaving LIVE).
   */
  private async notifyStageChange(em: EntityManager, moved: StageChangeResult, exchangeVenue: string | null, cause: string, details: Record<string, unknown> & { reasonCode: string; freeze: boolean }): Promise<void> {
    const frozenOnly = moved.to === moved.from;
    await this.notifications.notifyIn(em, ['production', 'risk'], {
      kind: 'deployment.demoted',
      message: `${frozenOnly ? 'Promotions frozen for' : `Demoted ${moved.from.toUpperCase()} → ${moved.to.toUpperCase()}:`} deployment ${moved.deployment.id} (${moved.strategy.code}, ${moved.deployment.symbol}) ${cause}${details.freeze && !frozenOnly ? '; promotions frozen until a person unfreezes them' : ''}.${
        moved.from === 'live' && moved.to !== 'live' ? ` It trades on its simulated venue from its next bar; its holdings and open orders at ${exchangeVenue ?? 'the exchange'} are not closed by the demotion: close them at the exchange.` : ''
      }`,
      subjectType: 'Deployment',
      subjectId: moved.deployment.id,
      details: { from: moved.from, to: moved.to, recordId: moved.record.id, ...details },
    });
  }

  private async basis(em: EntityManager, reasonCode: string, reason: string, actingRoles: readonly Role[]): Promise<StageChangeBasis> {
    const role = this.ctx.actor.roles.find((held) => actingRoles.includes(held)) ?? null;
    return { reasonCode, reason, policyVersion: await activePolicyVersion(em), now: this.ctx.clock.now(), actor: { userId: this.ctx.actor.userId, role }, automated: false };
  }
}
