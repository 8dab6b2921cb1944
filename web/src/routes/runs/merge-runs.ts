import type { BacktestRunStatus, RunRowFragment } from '#lib/gql/graphql.ts';

const progress: Record<BacktestRunStatus, number> = { QUEUED: 0, RUNNING: 1, COMPLETED: 2, FAILED: 2, CANCELLED: 2 };

/**
 * The runs table: the queried page merged with runs received live (subscription payloads and mutation results),
 * newest first. A run known from both keeps the further-progressed state (a refetch may race an event);
 * on a tie the live copy wins.
 */
export function mergeRuns(queried: readonly RunRowFragment[], live: Readonly<Record<string, RunRowFragment>>): RunRowFragment[] {
  const byId = new Map<string, RunRowFragment>();
  for (const run of queried) byId.set(run.id, run);
  for (const run of Object.values(live)) {
    const known = byId.get(run.id);
    if (!known || progress[run.status] >= progress[known.status]) byId.set(run.id, run);
  }
  return [...byId.values()].sort((left, right) => right.createdAt.localeCompare(left.createdAt) || right.id.localeCompare(left.id));
}
