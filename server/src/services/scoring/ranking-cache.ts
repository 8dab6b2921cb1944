import type { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';

/** How many (evaluation date, sort, version) rankings one process keeps. */
const maxRankings = 32;

/**
 * Process-wide cache of sorted scorecard rankings, keyed by evaluation date, sort and a version stamp the caller
 * reads from the database on every request (row count and the sums of the transaction ids of the entries and of the
 * strategy and version rows they reference, which any insert or rewrite of those rows changes). A stale ranking is
 * therefore never served, on any replica, even when an event was missed; an outdated key simply ages out. Cached
 * entries, with their loaded strategy and version, are read-only.
 */
export class RankingCache {
  private readonly rankings = new Map<string, readonly ScorecardEntry[]>();

  /** The cached ranking for `key`, or undefined. */
  get(key: string): readonly ScorecardEntry[] | undefined {
    return this.rankings.get(key);
  }

  /** Stores `ranking` under `key`, dropping the oldest ranking beyond {@link maxRankings}. */
  set(key: string, ranking: readonly ScorecardEntry[]): void {
    this.rankings.delete(key);
    this.rankings.set(key, ranking);
    while (this.rankings.size > maxRankings) this.rankings.delete(this.rankings.keys().next().value!);
  }
}

/** The one ranking cache of this process. */
export const rankingCache = new RankingCache();
