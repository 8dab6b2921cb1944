import type { EntityManager } from '@mikro-orm/postgresql';
import { CapitalPolicyVersion } from '../../domain/promotion/capital-policy.entity.ts';
import type { CapitalPolicy } from '../../domain/promotion/capital-policy.ts';
import { parseCapitalPolicy } from '../../domain/promotion/capital-policy.schema.ts';
import type { CandidateStrategy, ScorecardHistoryEntry } from '../../domain/promotion/promotion-candidates.ts';
import type { PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';

/** What the FR-005 candidate rule reads (read-only): the scorecard history, the strategies' allocation facts, who is already in the ladder. */
export interface CandidateInputs {
  capitalPolicy: CapitalPolicy;
  /** Every entry of the last `consecutiveEvaluationDays` scorecard dates up to today. */
  history: ScorecardHistoryEntry[];
  strategies: Map<string, Strategy>;
  facts: Map<string, CandidateStrategy>;
  /** Strategies with a running deployment or a pending promotion request. */
  inLadder: Set<string>;
}

/** Reads the candidate rule's inputs under `policy` as of `now`; `unavailable` names why not (no valid capital policy). */
export async function loadCandidateInputs(em: EntityManager, policy: PromotionPolicy, now: Date): Promise<CandidateInputs | { unavailable: string }> {
  const capitalRow = await em.findOne(CapitalPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  let capitalPolicy: CapitalPolicy;
  try {
    capitalPolicy = parseCapitalPolicy(capitalRow?.definition ?? null);
  } catch (error) {
    return { unavailable: `no valid capital policy (${error instanceof Error ? error.message : String(error)}): no allocation basis` };
  }
  const dates = await em.execute<{ evaluation_date: string }[]>(
    `select distinct to_char(evaluation_date, 'YYYY-MM-DD') as evaluation_date from scorecard_entry where evaluation_date <= ? order by 1 desc limit ?`,
    [now.toISOString().slice(0, 10), policy.candidate.consecutiveEvaluationDays],
  );
  const entries = dates.length > 0 ? await em.find(ScorecardEntry, { evaluationDate: { $in: dates.map((row) => row.evaluation_date) } }) : [];
  const history: ScorecardHistoryEntry[] = entries.map((row) => ({
    strategyId: row.strategy.id,
    strategyVersionId: row.strategyVersion.id,
    evaluationDate: String(row.evaluationDate).slice(0, 10),
    rank: row.rank ?? null,
    normalizedScore: Number(row.normalizedScore),
    complete: row.complete,
    researchOnly: row.researchOnly,
  }));
  const list = history.length > 0 ? await em.find(Strategy, { id: { $in: [...new Set(history.map((row) => row.strategyId))] } }) : [];
  const strategies = new Map(list.map((strategy) => [strategy.id, strategy]));
  const facts = new Map<string, CandidateStrategy>(list.map((strategy) => [strategy.id, { riskCategory: strategy.riskCategory, capitalGuardrails: strategy.capitalGuardrails }]));
  const busy = await em.execute<{ strategy_id: string }[]>(
    `select strategy_id from deployment where activation_state in ('pending', 'active', 'paused') union select strategy_id from promotion_request where status = 'pending'`,
  );
  return { capitalPolicy, history, strategies, facts, inLadder: new Set(busy.map((row) => row.strategy_id)) };
}
