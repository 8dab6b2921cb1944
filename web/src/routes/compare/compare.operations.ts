import { graphql } from '#lib/gql/index.ts';

/** Side-by-side comparison of backtest runs: metrics table and equity curves on one time axis. */
export const CompareRunsQuery = graphql(`
  query CompareRuns($ids: [ID!]!) {
    compareBacktestRuns(ids: $ids, maxPoints: 400) {
      runs {
        id
        status
        strategy {
          name
        }
        marketDataSet {
          symbolUniverse
          timeframe
        }
        parameterConfig {
          label
        }
      }
      metrics {
        metric
        values
      }
      timestamps
      equity {
        runId
        equity
      }
    }
  }
`);
