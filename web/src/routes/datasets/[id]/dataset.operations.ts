import { graphql } from '#lib/gql/index.ts';

/** One dataset: the table's summary (`MarketDataSetSummary`) with its full quality flags. */
export const MarketDataSetDetailQuery = graphql(`
  query MarketDataSetDetail($id: ID!) {
    marketDataSet(id: $id) {
      ...MarketDataSetSummary
      databaseId
      createdAt
      qualityFlags {
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
