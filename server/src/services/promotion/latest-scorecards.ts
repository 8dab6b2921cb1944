import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';

/** Each strategy's latest scorecard entry with the ranked count of its date. */
export async function latestScorecards(em: EntityManager, strategyIds: string[]): Promise<Map<string, ScorecardEvidence>> {
  const result = new Map<string, ScorecardEvidence>();
  if (strategyIds.length === 0) return result;
  const rows = await em.execute<{ strategy_id: string; evaluation_date: string; rank: number | null; normalized_score: string; complete: boolean; research_only: boolean; scoring_policy_version: string; rank_count: string }[]>(
    `select distinct on (e.strategy_id) e.strategy_id, to_char(e.evaluation_date, 'YYYY-MM-DD') as evaluation_date, e.rank, e.normalized_score, e.complete, e.research_only, e.scoring_policy_version,
       (select count(*) from scorecard_entry c where c.evaluation_date = e.evaluation_date and c.rank is not null) as rank_count
     from scorecard_entry e where e.strategy_id in (${strategyIds.map(() => '?').join(',')})
     order by e.strategy_id, e.evaluation_date desc, e.rank asc nulls last`,
    strategyIds,
  );
  for (const row of rows) {
    result.set(row.strategy_id, {
      evaluationDate: row.evaluation_date,
      rank: row.rank,
      rankCount: Number(row.rank_count),
      normalizedScore: Number(row.normalized_score),
      complete: row.complete,
      researchOnly: row.research_only,
      scoringPolicyVersion: row.scoring_policy_version,
    });
  }
  return result;
}
