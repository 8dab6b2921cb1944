import { graphql } from '#lib/gql/index.ts';

/** Candles, volume and the strategy's indicators of a completed run (the engine replays it). */
export const RunPriceChartQuery = graphql(`
  query RunPriceChart($id: ID!, $maxPoints: Int!) {
    backtestRun(id: $id) {
      id
      priceChart(maxPoints: $maxPoints) {
        barsPerCandle
        candleMs
        time
        open
        high
        low
        close
        volume
        indicators {
          key
          label
          pane
          values
        }
      }
    }
  }
`);

/** A sorted page of a completed run's trades. */
export const RunTradesQuery = graphql(`
  query RunTrades($id: ID!, $first: Int!, $offset: Int!, $orderBy: TradeOrder!, $descending: Boolean!) {
    backtestRun(id: $id) {
      id
      trades(first: $first, offset: $offset, orderBy: $orderBy, descending: $descending) {
        totalCount
        items {
          number
          side
          entryTime
          exitTime
          entryPrice
          exitPrice
          quantity
          fee
          profit
          returnFraction
          durationMs
          exitReason
        }
      }
    }
  }
`);

/** Every trade's times and side for the chart markers (at most 1,000). */
export const RunTradeMarksQuery = graphql(`
  query RunTradeMarks($id: ID!) {
    backtestRun(id: $id) {
      id
      trades(first: 1000) {
        totalCount
        items {
          number
          side
          entryTime
          exitTime
          profit
        }
      }
    }
  }
`);
