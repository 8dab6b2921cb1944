import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { recommendAllocation } from '../../domain/promotion/capital-allocation.ts';
import { CapitalPolicyVersion } from '../../domain/promotion/capital-policy.entity.ts';
import type { CapitalPolicy } from '../../domain/promotion/capital-policy.ts';
import { parseCapitalPolicy } from '../../domain/promotion/capital-policy.schema.ts';
import { loadBook, loadLatestRanks, type BookEntry, type ScorecardRanks } from './portfolio-book.ts';

/** What measuring concentration in portfolio terms needs, read once for many deployments (read-only). */
export interface ConcentrationContext {
  /** The active capital policy; null when missing or invalid (then a SHADOW deployment's share is unknown: fail closed). */
  capital: CapitalPolicy | null;
  ranks: ScorecardRanks;
  /** The PAPER and LIVE books (each a portfolio of its own, capital ≤ 100 %). */
  books: Map<DeploymentStage, BookEntry[]>;
  /** Each book member's latest mark: |exposure| (fraction of its equity) and its symbol. */
  latest: Map<string, { exposure: number; symbol: string }>;
}

/** Reads the capital policy, the latest ranks, the PAPER and LIVE books and their members' latest exposure. */
export async function loadConcentrationContext(em: EntityManager): Promise<ConcentrationContext> {
  const row = await em.findOne(CapitalPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  let capital: CapitalPolicy | null = null;
  try {
    capital = row ? parseCapitalPolicy(row.definition) : null;
  } catch {
    capital = null;
  }
  const [ranks, book] = await Promise.all([loadLatestRanks(em), loadBook(em, { stages: ['paper', 'live'] })]);
  const books = new Map<DeploymentStage, BookEntry[]>([
    ['paper', book.filter((entry) => entry.stage === 'paper')],
    ['live', book.filter((entry) => entry.stage === 'live')],
  ]);
  const latest = new Map<string, { exposure: number; symbol: string }>();
  if (book.length > 0) {
    const rows = await em.execute<{ deployment_id: string; exposure: number; symbol: string }[]>(
      `select distinct on (p.deployment_id) p.deployment_id, p.exposure, d.symbol from pnl_snapshot p join deployment d on d.id = p.deployment_id
        where p.deployment_id in (${book.map(() => '?').join(', ')}) order by p.deployment_id, p.bar_at desc`,
      book.map((entry) => entry.deploymentId),
    );
    for (const item of rows) latest.set(item.deployment_id, { exposure: Math.abs(Number(item.exposure)), symbol: item.symbol });
  }
  return { capital, ranks, books, latest };
}

/**
 * The basis of a deployment's concentration check in portfolio terms (promotion-framework §1.B "concentration limit
 * … > 20 % position", a share of the PORTFOLIO): its share of the book it holds capital in (PAPER, LIVE: its
 * `capitalAllocation`) or will enter (SHADOW → PAPER: the capital policy's recommended full-wave allocation for its
 * rank and risk category — its simulated equity is not the portfolio), and the rest of that book's position in the
 * same symbol (Σ |latest exposure| × allocation of the other members). OBSERVE holds no position: no basis.
 */
export function concentrationBasis(context: ConcentrationContext, deployment: Deployment): { capitalAllocation: number | null; portfolioSameAssetConcentration: number } {
  const bookStage: DeploymentStage | null = deployment.stage === 'paper' || deployment.stage === 'live' ? deployment.stage : deployment.stage === 'shadow' ? 'paper' : null;
  if (!bookStage) return { capitalAllocation: null, portfolioSameAssetConcentration: 0 };
  let capitalAllocation: number | null = deployment.capitalAllocation;
  if (deployment.stage === 'shadow') {
    capitalAllocation = context.capital
      ? recommendAllocation(context.capital, {
          deploymentId: deployment.id,
          stage: bookStage,
          rank: context.ranks.ranks.get(deployment.strategy.id) ?? null,
          rankCount: context.ranks.rankCount,
          riskCategory: deployment.strategy.riskCategory,
          capitalGuardrails: deployment.strategy.capitalGuardrails ?? {},
          rolloutWave: 'full',
        }).allocation
      : null;
  }
  let portfolioSameAssetConcentration = 0;
  for (const member of context.books.get(bookStage) ?? []) {
    if (member.deploymentId === deployment.id) continue;
    const mark = context.latest.get(member.deploymentId);
    if (mark && mark.symbol === deployment.symbol) portfolioSameAssetConcentration += mark.exposure * member.capitalAllocation;
  }
  return { capitalAllocation, portfolioSameAssetConcentration };
}
