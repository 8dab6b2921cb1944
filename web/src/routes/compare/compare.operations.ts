import { graphql } from '#lib/gql/index.ts';

/** Side-by-side comparison of backtest runs: metrics table, parameters and equity curves on one time axis. */
export const CompareRunsQuery = graphql(`
  query CompareRuns($ids: [ID!]!) {
    compareBacktestRuns(ids: $ids, maxPoints: 400) {
      runs {
        id
        databaseId
        status
        feeBps
        slippageBps
        strategy {
          id
          name
        }
        strategyVersion {
          versionTag
          template
        }
        marketDataSet {
          id
          symbolUniverse
          timeframe
          checksum
        }
        parameterConfig {
          label
          parameters {
            name
            value
          }
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
