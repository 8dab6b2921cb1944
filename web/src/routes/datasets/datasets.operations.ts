import { graphql } from '#lib/gql/index.ts';

/** A dataset as the table and its page both show it: what it holds, its span and its quality summary. */
export const MarketDataSetSummaryFragment = graphql(`
  fragment MarketDataSetSummary on MarketDataSet {
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
`);

/** Certified datasets with their quality summary (the table). */
export const MarketDataSetsQuery = graphql(`
  query MarketDataSets($first: Int) {
    marketDataSets(first: $first) {
      totalCount
      edges {
        node {
          ...MarketDataSetSummary
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
