import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { RowVersion, RowVersionCache } from './read-cache/row-version-cache.ts';
import { ValidationError } from '../domain/errors.ts';

/** A page of a Relay connection, newest first. */
export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Page request: `first` items after the opaque cursor `after` (Relay). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export const maxPageSize = 200;

/**
 * Keyset pagination over an entity with a UUIDv7 `id` (time-ordered), newest first. Cursors are the base64url
 * of the last id, so pages stay stable while rows are added. With `rowCache`, the page query reads ids and row
 * versions only and hydrates just the rows not cached in that version (hot lists: the strategy registry).
 * @throws ValidationError when `first` is outside 1..200 or `after` is not a cursor.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  where: FilterQuery<T>,
  request: PageRequest,
  populate: readonly string[] = [],
  rowCache?: RowVersionCache<T>,
): Promise<Page<T>> {
  const first = request.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new ValidationError(`first must be between 1 and ${maxPageSize}`, 'first');
  }
  let filter = where;
  if (request.after) {
    const afterId = Buffer.from(request.after, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{36}$/.test(afterId)) throw new ValidationError('after is not a valid cursor', 'after');
    filter = { $and: [where, { id: { $lt: afterId } }] } as FilterQuery<T>;
  }
  const listRows = async (): Promise<T[]> => {
    if (!rowCache) return em.find(entity, filter, { orderBy: { id: 'desc' } as never, limit: first + 1, populate: populate as never });
    // Ids and row versions only; rows already cached in that version are not hydrated again (RowVersionCache).
    const seen = await em
      .createQueryBuilder(entity, 'e')
      .select(['e.id', raw('xmin::text as version')] as never)
      .where(filter as never)
      .orderBy({ id: 'desc' } as never)
      .limit(first + 1)
      .execute<RowVersion[]>('all', false);
    return rowCache.resolve(em, seen, (fork, ids) => fork.find(entity, { id: { $in: ids } } as never, { populate: populate as never }));
  };
  const [rows, totalCount] = await Promise.all([listRows(), em.count(entity, where)]);
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > first,
    endCursor: last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
