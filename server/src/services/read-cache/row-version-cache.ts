import type { EntityManager } from '@mikro-orm/postgresql';
import { withoutStatementLog } from '../../infra/db/statement-log.ts';

/** One row as the list query saw it: its id and its row version (PostgreSQL `xmin`, which every UPDATE changes). */
export interface RowVersion {
  id: string;
  version: string;
}

/** How many rows one cache keeps (the oldest-used leave first). */
const defaultCapacity = 20_000;

/**
 * Process-wide cache of loaded entities keyed by (id, row version): a row's `xmin` changes with every write to it,
 * so an entity cached under the version a query just read has that row's content (or newer, when a write landed
 * between the version read and the load) — never older, on any replica, with no invalidation to miss. List loaders
 * read only ids and versions (one cheap query), then hydrate only the rows they have not seen in this version: the
 * ORM's per-row hydration was most of the registry list's cost under load (issue 9).
 *
 * Cached entities are shared by concurrent requests and read-only. Misses are loaded on a fresh fork (empty identity
 * map), so their relations stay unloaded references: a field resolver loads them itself, fresh.
 */
export class RowVersionCache<T extends { id: string }> {
  private readonly rows = new Map<string, { version: string; entity: T }>();
  private readonly capacity: number;
  constructor(capacity = defaultCapacity) {
    this.capacity = capacity;
  }

  /**
   * The entities of `seen`, in its order: cached ones whose version matches, the rest loaded by id with `loadByIds`
   * (on `em.fork()`); ids no longer found are left out.
   */
  async resolve(em: EntityManager, seen: readonly RowVersion[], loadByIds: (fork: EntityManager, ids: string[]) => Promise<T[]>): Promise<T[]> {
    const missing = seen.filter((row) => this.rows.get(row.id)?.version !== row.version);
    if (missing.length > 0) {
      // Determined by the versions in `seen`: left out of a response-cache log, whose replay of the version read suffices.
      const loaded = new Map((await withoutStatementLog(() => loadByIds(em.fork(), missing.map((row) => row.id)))).map((entity) => [entity.id, entity]));
      for (const row of missing) {
        const entity = loaded.get(row.id);
        if (entity) this.remember(row.id, row.version, entity);
      }
    }
    const entities: T[] = [];
    for (const row of seen) {
      const cached = this.rows.get(row.id);
      if (cached) entities.push(cached.entity);
    }
    return entities;
  }

  private remember(id: string, version: string, entity: T): void {
    this.rows.delete(id);
    this.rows.set(id, { version, entity });
    while (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }
}
