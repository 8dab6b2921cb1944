import { graphql } from '#lib/gql/index.ts';

/** The fields a row of the runs table shows; also the payload of the live subscription. */
export const RunRowFragment = graphql(`
  fragment RunRow on BacktestRun {
    id
    databaseId
    status
    createdAt
    startedAt
    completedAt
    durationMs
    engineVersion
    failureReason
    feeBps
    slippageBps
    strategy {
      id
      name
      code
    }
    strategyVersion {
      id
      versionTag
      template
    }
    marketDataSet {
      id
      symbolUniverse
      timeframe
    }
    parameterConfig {
      id
      parameters {
        name
        value
      }
    }
    metrics {
      sharpe
      maxDrawdown
      totalReturn
      cagr
      tradeCount
    }
  }
`);

/** The newest runs (the table). */
export const BacktestRunsQuery = graphql(`
  query BacktestRuns($first: Int, $strategyId: ID) {
    backtestRuns(first: $first, strategyId: $strategyId) {
      totalCount
      edges {
        node {
          ...RunRow
        }
      }
    }
  }
`);

/** Every status change of every run; the payload updates the row in place or adds it at the top. */
export const BacktestRunsUpdatedSubscription = graphql(`
  subscription BacktestRunsUpdated {
    backtestRunUpdated {
      ...RunRow
    }
  }
`);

export const QueueBacktestMutation = graphql(`
  mutation QueueBacktest($input: QueueBacktestInput!) {
    queueBacktest(input: $input) {
      backtestRun {
        ...RunRow
      }
    }
  }
`);
