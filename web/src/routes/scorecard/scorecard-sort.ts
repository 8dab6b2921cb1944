import type { ScorecardRowFragment } from '#lib/gql/graphql.ts';

export type ScorecardColumn = 'rank' | 'strategy' | 'score' | 'recommendation';

const recommendationOrder: Record<string, number> = { PROMOTE: 0, MONITOR: 1, DEMOTE: 2, RETIRE: 3 };

/** Rows sorted by `column` (ascending rank, descending score, strategy name A→Z, promote → retire), then by rank. */
export function sortScorecard(rows: readonly ScorecardRowFragment[], column: ScorecardColumn, descending: boolean): ScorecardRowFragment[] {
  const byRank = (a: ScorecardRowFragment, b: ScorecardRowFragment) => (a.rank ?? 1e9) - (b.rank ?? 1e9);
  const comparators: Record<ScorecardColumn, (a: ScorecardRowFragment, b: ScorecardRowFragment) => number> = {
    rank: byRank,
    strategy: (a, b) => a.strategy.name.localeCompare(b.strategy.name) || byRank(a, b),
    score: (a, b) => b.normalizedScore - a.normalizedScore || byRank(a, b),
    recommendation: (a, b) => (recommendationOrder[a.recommendation] ?? 9) - (recommendationOrder[b.recommendation] ?? 9) || byRank(a, b),
  };
  const sorted = [...rows].sort(comparators[column]);
  return descending ? sorted.reverse() : sorted;
}
