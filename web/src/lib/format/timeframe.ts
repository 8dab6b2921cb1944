import type { Timeframe } from '#lib/gql/graphql.ts';

const labels: Record<Timeframe, string> = {
  TICK: 'tick',
  ONE_MINUTE: '1m',
  FIVE_MINUTES: '5m',
  ONE_HOUR: '1h',
  ONE_DAY: '1d',
};

const durations: Record<Timeframe, number | null> = {
  TICK: null,
  ONE_MINUTE: 60_000,
  FIVE_MINUTES: 300_000,
  ONE_HOUR: 3_600_000,
  ONE_DAY: 86_400_000,
};

/** The short market notation of a timeframe: `ONE_DAY` → `1d`. */
export function formatTimeframe(timeframe: Timeframe): string {
  return labels[timeframe];
}

/** Bar length in milliseconds, or null for tick data. */
export function timeframeMilliseconds(timeframe: Timeframe): number | null {
  return durations[timeframe];
}

/** Sort key of a timeframe, shortest first (tick first). */
export function timeframeOrder(timeframe: Timeframe): number {
  return durations[timeframe] ?? 0;
}
