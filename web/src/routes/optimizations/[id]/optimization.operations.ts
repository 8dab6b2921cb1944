import { graphql } from '#lib/gql/index.ts';

/** Everything the optimization page shows. */
export const OptimizationDetailQuery = graphql(`
  query OptimizationDetail($id: ID!) {
    optimization(id: $id) {
      id
      databaseId
      status
      searchMethod
      trialBudget
      seed
      feeBps
      slippageBps
      engineVersion
      parameterChecksum
      createdAt
      startedAt
      completedAt
      trialsCompleted
      failureReason
      bestParameters {
        name
        value
      }
      windows {
        scheme
        unit
        trainSize
        testSize
        stepSize
      }
      objective {
        metric
        direction
        constraints {
          metric
          operator
          value
        }
      }
      datasets {
        id
        symbol
        checksum
      }
      strategyVersion {
        id
        versionTag
        template
      }
      progress {
        status
        trialsCompleted
        trialsTotal
        segmentsCompleted
        segmentsTotal
        fraction
        bestObjective
        etaSeconds
      }
      overfitting {
        probabilityOfBacktestOverfitting
        deflatedSharpeRatio
        probabilisticSharpeRatio
        walkForwardEfficiency
        robustnessScore
      }
      outOfSampleMetrics {
        sharpe
        cagr
        totalReturn
        maxDrawdown
        tradeCount
      }
      regimeMetrics {
        ...RegimeBreakdown
      }
      sensitivity {
        centerScore
        meanNeighborScore
        neighborhoodRatio
        cells {
          parameter
          offset
          value
          score
        }
      }
      segments {
        id
        segmentIndex
        trainStart
        testStart
        testEnd
        parameters {
          name
          value
        }
        feasible
        trialCount
        walkForwardEfficiency
        probabilityOfBacktestOverfitting
        marketDataSet {
          id
          symbolUniverse
        }
        inSampleMetrics {
          sharpe
          totalReturn
        }
        outOfSampleMetrics {
          sharpe
          totalReturn
        }
      }
      outOfSampleEquity(maxPoints: 600) {
        timestamp
        equity
      }
    }
  }
`);

/** Progress events of one optimization (trials done / total, best so far, ETA). */
export const OptimizationProgressSubscription = graphql(`
  subscription OptimizationProgress($id: ID!) {
    optimizationProgress(id: $id) {
      status
      trialsCompleted
      trialsTotal
      segmentsCompleted
      segmentsTotal
      fraction
      bestObjective
      etaSeconds
    }
  }
`);

/** Cancels a queued or running optimization (the page refetches from its progress event). */
export const CancelOptimizationMutation = graphql(`
  mutation CancelOptimization($input: CancelOptimizationInput!) {
    cancelOptimization(input: $input) {
      optimization {
        id
        status
        failureReason
      }
    }
  }
`);
