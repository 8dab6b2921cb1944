import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Parameters of a strategy version's best configuration: the highest mean out-of-sample Sharpe of its newest
 * COMPLETED evaluation cycle; `{}` (the template's defaults) when no cycle has evaluated the version yet.
 */
export async function findBestConfiguration(em: EntityManager, strategyVersionId: string): Promise<Record<string, unknown>> {
  const [best] = await em.execute<{ parameters: Record<string, unknown> }[]>(
    `select cc.parameters
       from cycle_configuration cc join evaluation_cycle c on c.id = cc.evaluation_cycle_id
      where cc.strategy_version_id = ? and c.status = 'completed'
      order by c.completed_at desc, cc.out_of_sample_sharpe desc nulls last, cc.configuration_key
      limit 1`,
    [strategyVersionId],
  );
  return best?.parameters ?? {};
}
