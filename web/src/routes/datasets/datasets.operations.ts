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

/** Each dataset as certified, from any process: the list refetches. */
export const MarketDataSetCertifiedSubscription = graphql(`
  subscription MarketDataSetCertified {
    marketDataSetCertified {
      id
      checksum
    }
  }
`);
