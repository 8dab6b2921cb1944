import { recommendations, type Recommendation } from './scorecard-entry.entity.ts';

/** The orders a scorecard can be shown in (the web's sortable columns). */
export const scorecardSorts = ['rank', 'score', 'name', 'recommendation'] as const;
export type ScorecardSort = (typeof scorecardSorts)[number];

/** What an entry is ordered by. */
export interface ScorecardOrderKey {
  /** 1 = best; null when unranked (shown last). */
  rank: number | null;
  /** 0–100 score. */
  normalizedScore: number;
  /** The strategy's display name. */
  name: string;
  recommendation: Recommendation;
}

const byRank = (a: ScorecardOrderKey, b: ScorecardOrderKey) => (a.rank === b.rank ? 0 : a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank);

const comparators: Record<ScorecardSort, (a: ScorecardOrderKey, b: ScorecardOrderKey) => number> = {
  rank: byRank,
  score: (a, b) => b.normalizedScore - a.normalizedScore || byRank(a, b),
  name: (a, b) => a.name.localeCompare(b.name) || byRank(a, b),
  recommendation: (a, b) => recommendations.indexOf(a.recommendation) - recommendations.indexOf(b.recommendation) || byRank(a, b),
};

/**
 * `items` in the scorecard order `sort` — each in its natural direction: rank 1 first, highest score first, name
 * A→Z, promote → retire; ties by rank, unranked last — or exactly reversed when `descending` (the web's second click
 * on a column). Returns a new array.
 */
export function orderScorecard<T>(items: readonly T[], key: (item: T) => ScorecardOrderKey, sort: ScorecardSort, descending = false): T[] {
  const compare = comparators[sort];
  const sorted = [...items].sort((a, b) => compare(key(a), key(b)));
  return descending ? sorted.reverse() : sorted;
}
