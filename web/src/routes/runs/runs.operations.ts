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
      parameters
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
  query BacktestRuns($first: Int) {
    backtestRuns(first: $first) {
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

/** What the queue form offers: strategies with their versions' parameter spaces, and certified datasets. */
export const QueueBacktestOptionsQuery = graphql(`
  query QueueBacktestOptions {
    strategies(first: 200) {
      edges {
        node {
          id
          name
          code
          versions {
            id
            versionTag
            template
            parameterSpace
          }
        }
      }
    }
    marketDataSets(first: 200) {
      edges {
        node {
          id
          symbolUniverse
          timeframe
          startAt
          endAt
          rowCount
        }
      }
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
