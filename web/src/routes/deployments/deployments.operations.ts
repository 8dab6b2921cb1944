import { graphql } from '#lib/gql/index.ts';

/** A deployment as the list shows it (no capital figures: every role may read these). */
export const DeploymentRowFragment = graphql(`
  fragment DeploymentRow on Deployment {
    id
    databaseId
    stage
    effectiveStage
    activationState
    tradingState
    health
    healthReason
    feedKind
    feedVenue
    symbol
    timeframe
    quoteCurrency
    replayBarIntervalMs
    lastAcceptedBarAt
    createdAt
    updatedAt
    totalReturn
    drawdown
    flattenRequestedAt
    strategy {
      id
      code
      name
    }
    strategyVersion {
      id
      versionTag
    }
  }
`);

export const DeploymentsQuery = graphql(`
  query Deployments {
    deployments(first: 100) {
      totalCount
      edges {
        node {
          ...DeploymentRow
        }
      }
    }
    globalTradingState {
      tradingState
      reason
      changedAt
    }
  }
`);

/** Every deployment change (started, bars processed, trading state, pause…), from any worker. */
export const DeploymentsChangedSubscription = graphql(`
  subscription DeploymentsChanged {
    deploymentStateChanged {
      ...DeploymentRow
    }
  }
`);

/** What the start form offers: strategies (with their latest scorecard rank) and their versions, certified datasets. */
export const StartDeploymentOptionsQuery = graphql(`
  query StartDeploymentOptions {
    strategies(first: 200) {
      edges {
        node {
          id
          code
          name
          lifecycleState
          latestScorecard {
            rank
            evaluationDate
          }
          versions {
            id
            versionTag
            approvalStatus
            template
            parameterSpace {
              ...ParameterSpaceFields
            }
          }
        }
      }
    }
    marketDataSets(first: 200) {
      edges {
        node {
          ...DatasetOption
        }
      }
    }
  }
`);

export const StartDeploymentMutation = graphql(`
  mutation StartDeployment($input: StartDeploymentInput!) {
    startDeployment(input: $input) {
      deployment {
        ...DeploymentRow
      }
    }
  }
`);

export const HaltTradingMutation = graphql(`
  mutation HaltTrading($input: TradingControlInput!) {
    haltTrading(input: $input) {
      globalTradingState {
        tradingState
        reason
        changedAt
      }
    }
  }
`);

export const FlattenTradingMutation = graphql(`
  mutation FlattenTrading($input: TradingControlInput!) {
    flattenTrading(input: $input) {
      globalTradingState {
        tradingState
        reason
        changedAt
      }
    }
  }
`);

export const ResumeTradingMutation = graphql(`
  mutation ResumeTrading($input: TradingControlInput!) {
    resumeTrading(input: $input) {
      globalTradingState {
        tradingState
        reason
        changedAt
      }
    }
  }
`);
