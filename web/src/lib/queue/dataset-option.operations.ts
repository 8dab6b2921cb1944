import { graphql } from '#lib/gql/index.ts';

/** A certified dataset as the queue and start forms offer it: symbols, timeframe, span (UTC) and number of bars. */
export const DatasetOptionFragment = graphql(`
  fragment DatasetOption on MarketDataSet {
    id
    symbolUniverse
    timeframe
    startAt
    endAt
    rowCount
  }
`);
