import type { EntityManager, Kysely } from '@mikro-orm/postgresql';
import { currentStatementLog } from './statement-log.ts';

/** The compiled query `Kysely.executeQuery` takes (the shape of kysely's `CompiledQuery.raw`). */
type CompiledQuery = Parameters<Kysely<unknown>['executeQuery']>[0];

/**
 * Runs `sql` with BIND parameters (`$1`, `$2`, … sent apart from the statement, extended protocol), on `em`'s
 * transaction when it runs in one. For a statement carrying a large parameter: `em.execute` inlines its parameters into
 * the statement text (escaping every character in JS), which for the ~600 KB of monitoring state one bar writes for
 * 100 deployments cost ~17 ms of the ~20 ms statement. A statement run here is not recorded by a response-cache
 * statement log (the running operation is marked unreplayable, as for any write). @returns the rows.
 */
export async function executeWithBindParameters<T>(em: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const log = currentStatementLog();
  if (log) log.replayable = false;
  const client = (em.getTransactionContext<Kysely<unknown>>() ?? em.getConnection().getClient()) as Kysely<unknown>;
  const query = { sql, parameters, query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] }, queryId: { queryId: 'bound-statement' } } as unknown as CompiledQuery;
  const result = await client.executeQuery(query);
  return result.rows as T[];
}
