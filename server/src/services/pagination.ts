import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
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
 * of the last id, so pages stay stable while rows are added.
 * @throws ValidationError when `first` is outside 1..200 or `after` is not a cursor.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  where: FilterQuery<T>,
  request: PageRequest,
  populate: readonly string[] = [],
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
  const [rows, totalCount] = await Promise.all([
    em.find(entity, filter, { orderBy: { id: 'desc' } as never, limit: first + 1, populate: populate as never }),
    em.count(entity, where),
  ]);
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > first,
    endCursor: last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
