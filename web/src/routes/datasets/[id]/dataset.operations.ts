import { graphql } from '#lib/gql/index.ts';

/** One dataset with its full quality flags. */
export const MarketDataSetDetailQuery = graphql(`
  query MarketDataSetDetail($id: ID!) {
    marketDataSet(id: $id) {
      id
      databaseId
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
      createdAt
      certifiedAt
      qualityFlags {
        flatBarCount
        zeroVolumeBars
        gaps {
          after
          before
          missingBars
        }
      }
    }
  }
`);

/** Bars of a dataset from `from` on (oldest first), for the price chart. */
export const MarketDataSetBarsQuery = graphql(`
  query MarketDataSetBars($id: ID!, $from: DateTimeISO, $limit: Int) {
    marketDataSet(id: $id) {
      id
      bars(from: $from, limit: $limit) {
        timestamp
        close
      }
    }
  }
`);
