import { graphql } from '#lib/gql/index.ts';

/** Everything the run page shows except the equity curve. */
export const RunDetailFragment = graphql(`
  fragment RunDetail on BacktestRun {
    id
    databaseId
    status
    mode
    triggerType
    regimeBand
    correlationId
    createdAt
    startedAt
    completedAt
    durationMs
    engineVersion
    failureReason
    feeBps
    slippageBps
    datasetChecksum
    parameterChecksum
    warningFlags {
      gapCount
      missingBarCount
      zeroVolumeBarCount
      noTrades
    }
    robustnessScore
    regimeMetrics {
      ...RegimeBreakdown
    }
    strategy {
      id
      name
      code
    }
    strategyVersion {
      id
      versionTag
      template
      deterministicSeed
    }
    marketDataSet {
      id
      symbolUniverse
      timeframe
      fileName
      checksum
      startAt
      endAt
      rowCount
    }
    parameterConfig {
      id
      label
      checksum
      source
      parameters {
        name
        value
      }
    }
    metrics {
      totalReturn
      cagr
      annualVolatility
      sharpe
      sortino
      calmar
      omega
      stability
      maxDrawdown
      maxDrawdownDurationBars
      downsideRisk
      valueAtRisk
      conditionalValueAtRisk
      tailRatio
      tradeCount
      winRate
      payoffRatio
      profitFactor
      exposure
      turnover
    }
  }
`);

export const BacktestRunDetailQuery = graphql(`
  query BacktestRunDetail($id: ID!) {
    metricDefinitions {
      name
      description
    }
    backtestRun(id: $id) {
      ...RunDetail
      equityCurve(maxPoints: 2000) {
        timestamp
        equity
        drawdown
      }
    }
  }
`);

/** Status changes of this run: the page refetches the run (with its curve) on each. */
export const BacktestRunDetailUpdatedSubscription = graphql(`
  subscription BacktestRunDetailUpdated($id: ID!) {
    backtestRunUpdated(id: $id) {
      id
      status
    }
  }
`);

/** Cancels a queued or running run (the page refetches from its status event). */
export const CancelBacktestMutation = graphql(`
  mutation CancelBacktest($input: CancelBacktestInput!) {
    cancelBacktest(input: $input) {
      backtestRun {
        id
        status
        failureReason
      }
    }
  }
`);
