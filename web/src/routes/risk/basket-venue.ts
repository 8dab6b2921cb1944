import type { ExchangeVenue, PostureRowFragment } from '#lib/gql/graphql.ts';

/** The venue whose bars a posture row's benchmark basket comes from: a live feed's; null for a replay (certified bars). */
export function basketVenueOf(row: Pick<PostureRowFragment, 'deployment'>): ExchangeVenue | null {
  return row.deployment.feedKind === 'LIVE' ? (row.deployment.feedVenue ?? null) : null;
}
