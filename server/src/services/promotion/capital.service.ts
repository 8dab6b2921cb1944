import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { allocationCap, recommendAllocation } from '../../domain/promotion/capital-allocation.ts';
import type { CapitalPolicyVersion } from '../../domain/promotion/capital-policy.entity.ts';
import type { CapitalPolicy } from '../../domain/promotion/capital-policy.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { activeCapitalPolicy, decideAllocation, describeRefusal } from './promotion-execution.ts';
import { loadBook, loadLatestRanks, lockPortfolio } from './portfolio-book.ts';

/** One deployment's capital as the capital view shows it. */
export interface DeploymentAllocation {
  deploymentId: string;
  strategyId: string;
  strategyCode: string;
  stage: DeploymentStage;
  /** Fraction of portfolio held now (4 decimals). */
  allocation: number;
  rolloutWave: 'pilot' | 'full' | null;
  /** Latest scorecard rank (1 = best); null = unranked. */
  rank: number | null;
  riskCategory: string;
  /** The guardrail: the smaller of the risk category's and the strategy's own cap for the stage, fraction. */
  guardrail: number;
  /** The policy field of the binding guardrail (e.g. `guardrails.moderate`). */
  guardrailRule: string;
  /** Its rank-driven allocation in the full wave, fraction. */
  recommendedAllocation: number;
}

/** One stage's book (each allocated stage is its own portfolio). */
export interface StageAllocationTotal {
  stage: DeploymentStage;
  /** Sum of allocations, fraction. */
  total: number;
  /** The capital policy's `maxTotalAllocation`, fraction. */
  maxTotal: number;
  deployments: number;
}

/** The capital view: the policy version, allocations per deployment and totals per stage. */
export interface CapitalAllocations {
  policyVersion: string;
  allocations: DeploymentAllocation[];
  totals: StageAllocationTotal[];
}

/**
 * Capital (lifecycle-spec FR-022/FR-024; issue 12 "capital view"): the capital policy in force, the allocation of
 * every deployment holding capital with its guardrail, and completing a rollout (pilot → full) under the portfolio
 * lock. Allocation decisions are domain/promotion's `allocateCapital` / `recommendAllocation`.
 */
export class CapitalService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The capital policy in force (newest active version). @throws ConflictError (`promotion.capitalPolicyUnavailable`), ForbiddenError */
  async capitalPolicy(): Promise<{ row: CapitalPolicyVersion; policy: CapitalPolicy }> {
    await this.governance.authorize('read', 'Deployment');
    return activeCapitalPolicy(this.ctx.em);
  }

  /**
   * Allocation per deployment holding capital (running, in an allocated stage), with its guardrail and
   * recommendation, ordered by stage then allocation (largest first); totals per allocated stage. Capital figures:
   * only roles that may read `Deployment.capitalAllocation`.
   * @throws ForbiddenError, ConflictError (`promotion.capitalPolicyUnavailable`)
   */
  async allocations(): Promise<CapitalAllocations> {
    await this.governance.authorize('read', 'Deployment');
    if (!this.ctx.actor.ability.can('read', 'Deployment', 'capitalAllocation')) throw new ForbiddenError(`your role (${this.ctx.actor.roles.join(', ') || 'none'}) may not read capital allocations`);
    const em = this.ctx.em.fork();
    const { row, policy } = await activeCapitalPolicy(em);
    const book = await loadBook(em, { stages: policy.allocatedStages });
    const ranks = await loadLatestRanks(em);
    const codes = new Map((await em.execute<{ id: string; code: string }[]>(`select id, code from strategy where id in (?)`, [book.length ? [...new Set(book.map((entry) => entry.strategyId))] : ['00000000-0000-0000-0000-000000000000']])).map((strategy) => [strategy.id, strategy.code]));
    const allocations = book.map((entry): DeploymentAllocation => {
      const rank = ranks.ranks.get(entry.strategyId) ?? null;
      const { cap, capRule } = allocationCap(policy, { stage: entry.stage, riskCategory: entry.riskCategory, capitalGuardrails: entry.capitalGuardrails });
      const recommendation = recommendAllocation(policy, { deploymentId: entry.deploymentId, stage: entry.stage, rank, rankCount: ranks.rankCount, riskCategory: entry.riskCategory, capitalGuardrails: entry.capitalGuardrails, rolloutWave: 'full' });
      return {
        deploymentId: entry.deploymentId,
        strategyId: entry.strategyId,
        strategyCode: codes.get(entry.strategyId) ?? entry.strategyId,
        stage: entry.stage,
        allocation: entry.capitalAllocation,
        rolloutWave: entry.rolloutWave,
        rank,
        riskCategory: entry.riskCategory,
        guardrail: cap,
        guardrailRule: capRule,
        recommendedAllocation: recommendation.allocation,
      };
    });
    allocations.sort((a, b) => policy.allocatedStages.indexOf(a.stage) - policy.allocatedStages.indexOf(b.stage) || b.allocation - a.allocation || (a.deploymentId < b.deploymentId ? -1 : 1));
    const totals = policy.allocatedStages.map((stage) => {
      const members = allocations.filter((allocation) => allocation.stage === stage);
      return { stage, total: Math.round(members.reduce((sum, member) => sum + member.allocation * 10_000, 0)) / 10_000, maxTotal: policy.maxTotalAllocation, deployments: members.length };
    });
    return { policyVersion: row.version, allocations, totals };
  }

  /**
   * Completes the rollout of a deployment in its `pilot` wave (production, fresh step-up): under the portfolio lock
   * it gets its full rank-driven allocation (`allocateCapital`, shrunk to the stage's headroom, never above its
   * guardrail), `rolloutWave` = full and `activationCompletedAt` = now, in one transaction; audited and published.
   * @throws ValidationError, NotFoundError, ConflictError (not in a pilot wave; a refused capital check with its
   *   threshold and measured value), ForbiddenError
   */
  async completeRollout(input: { deploymentId: string }): Promise<Deployment> {
    await this.governance.authorizeUseCase('completeRollout', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    return this.ctx.em.transactional(async (em: EntityManager) => {
      await lockPortfolio(em);
      const deployment = await em.findOne(Deployment, { id: input.deploymentId }, { refresh: true });
      if (!deployment) throw new NotFoundError('Deployment', input.deploymentId);
      if (deployment.rolloutWave !== 'pilot') throw new ConflictError(`rollout.notPilot: deployment ${deployment.id} is not in a pilot wave (${deployment.rolloutWave ?? 'no rollout'})`);
      const { row, policy } = await activeCapitalPolicy(em);
      const [entry] = await loadBook(em, { deploymentId: deployment.id });
      const decision = await decideAllocation(em, policy, entry!, deployment.stage, 'full', await loadLatestRanks(em), [], this.ctx.clock.now().getTime());
      if (!decision.allowed) throw new ConflictError(describeRefusal(decision.refusal));
      const now = this.ctx.clock.now();
      const before = deployment.capitalAllocation;
      deployment.capitalAllocation = Math.max(decision.allocation, before);
      deployment.rolloutWave = 'full';
      deployment.activationCompletedAt = now;
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'promotion.rollout_completed',
        subjectType: 'Deployment',
        subjectId: deployment.id,
        details: { stage: deployment.stage, capitalAllocation: { from: before, to: deployment.capitalAllocation }, capitalPolicyVersion: row.version, totalAfter: decision.totalAfter },
      });
      await publishEvent(em, 'DEPLOYMENT_UPDATED', { id: deployment.id, change: 'rollout_completed' });
      return deployment;
    });
  }
}
