import { graphql } from '#lib/gql/index.ts';

/** Certified datasets with their quality summary (the table). */
export const MarketDataSetsQuery = graphql(`
  query MarketDataSets($first: Int) {
    marketDataSets(first: $first) {
      totalCount
      edges {
        node {
          id
          symbolUniverse
          timeframe
          source
          fileName
          startAt
          endAt
          rowCount
          gapCount
          missingBarCount
          checksum
          certifiedAt
          qualityFlags {
            flatBarCount
            zeroVolumeBars
          }
        }
      }
    }
  }
`);
