import { graphql } from '#lib/gql/index.ts';

/** A row of the optimizations table. */
export const OptimizationRowFragment = graphql(`
  fragment OptimizationRow on Optimization {
    id
    databaseId
    status
    searchMethod
    trialBudget
    trialsCompleted
    trialsTotal
    segmentsCompleted
    segmentsTotal
    createdAt
    completedAt
    failureReason
    objective {
      metric
      direction
    }
    datasets {
      id
      symbol
    }
    strategyVersion {
      id
      versionTag
      template
    }
    overfitting {
      probabilityOfBacktestOverfitting
      deflatedSharpeRatio
      walkForwardEfficiency
    }
  }
`);

/** The newest optimizations. */
export const OptimizationsQuery = graphql(`
  query Optimizations($first: Int) {
    optimizations(first: $first) {
      totalCount
      edges {
        node {
          ...OptimizationRow
        }
      }
    }
  }
`);

export const QueueOptimizationMutation = graphql(`
  mutation QueueOptimization($input: QueueOptimizationInput!) {
    queueOptimization(input: $input) {
      optimization {
        ...OptimizationRow
      }
    }
  }
`);
