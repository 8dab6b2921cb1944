import { graphql } from '#lib/gql/index.ts';

/**
 * Everything the deployment page shows. `$withCapital` asks for the capital figures (money and quantities) — only
 * for roles that may read them; research would get them null with a FORBIDDEN error each.
 */
export const DeploymentPageQuery = graphql(`
  query DeploymentPage($id: ID!, $withCapital: Boolean!) {
    deployment(id: $id) {
      ...DeploymentRow
      effectiveStageReason
      tradingStateReason
      effectiveTradingState
      killSwitchOn
      replayStartAt
      replayEndAt
      venue
      slippageBps
      takerFeeBps
      makerFeeBps
      participationCap
      latencyMs
      orderType
      limitOffsetBps
      maxBarAgeMs
      maxPositionFraction
      warmUpBars
      lastProcessedBarAt
      lastBarReceivedAt
      activationStartedAt
      targetInForce
      pendingTarget
      averageEntryPrice
      liquidated
      equity @include(if: $withCapital)
      cash @include(if: $withCapital)
      initialEquity @include(if: $withCapital)
      realizedPnl @include(if: $withCapital)
      unrealizedPnl @include(if: $withCapital)
      feesPaid @include(if: $withCapital)
      positionQuantity @include(if: $withCapital)
      maxNotionalPerOrder @include(if: $withCapital)
      capitalAllocation @include(if: $withCapital)
      replayDataset {
        id
        fileName
      }
      parameterConfig {
        id
        label
      }
      fillStatistics {
        placed
        filled
        partiallyFilled
        denied
        fillRatio
      }
      position {
        barAt
        markPrice
      }
      pnlSeries(maxPoints: 800) {
        barAt
        drawdown
        exposure
        equity @include(if: $withCapital)
      }
      priceBars(limit: 240) {
        timestamp
        open
        high
        low
        close
      }
      orders(first: 50) {
        totalCount
        edges {
          node {
            id
            clientOrderId
            decisionBarAt
            intent
            side
            orderType
            state
            fillRatio
            referencePrice
            limitPrice
            averagePrice
            refusalRule
            createdAt
            quantity @include(if: $withCapital)
            filledQuantity @include(if: $withCapital)
            fees @include(if: $withCapital)
            reason @include(if: $withCapital)
          }
        }
      }
      fills(first: 100) {
        totalCount
        edges {
          node {
            id
            orderId
            side
            price
            liquidity
            barAt
            filledAt
            quantity @include(if: $withCapital)
            fee @include(if: $withCapital)
          }
        }
      }
      events(first: 50) {
        totalCount
        edges {
          node {
            id
            occurredAt
            barAt
            category
            kind
            rule
            message @include(if: $withCapital)
            threshold @include(if: $withCapital)
            measured @include(if: $withCapital)
          }
        }
      }
    }
  }
`);

/** This deployment's changes (bars processed, trading state, health …). */
export const DeploymentChangedSubscription = graphql(`
  subscription DeploymentChanged($id: ID) {
    deploymentStateChanged(id: $id) {
      id
      updatedAt
    }
  }
`);

/** This deployment's orders as they are created or change state. */
export const DeploymentOrderChangedSubscription = graphql(`
  subscription DeploymentOrderChanged($deploymentId: ID) {
    orderUpdated(deploymentId: $deploymentId) {
      id
      state
    }
  }
`);

/** The P&L marks as the runner records them (money only for roles that may read it). */
export const LivePnlSubscription = graphql(`
  subscription LivePnl($deploymentId: ID!, $withCapital: Boolean!) {
    livePnl(deploymentId: $deploymentId) {
      barAt
      drawdown
      exposure
      equity @include(if: $withCapital)
      realizedPnl @include(if: $withCapital)
      unrealizedPnl @include(if: $withCapital)
      fees @include(if: $withCapital)
    }
  }
`);


export const PauseDeploymentMutation = graphql(`
  mutation PauseDeployment($input: DeploymentControlInput!) {
    pauseDeployment(input: $input) {
      deployment {
        id
        activationState
        tradingState
        flattenRequestedAt
      }
    }
  }
`);

export const ResumeDeploymentMutation = graphql(`
  mutation ResumeDeployment($input: DeploymentControlInput!) {
    resumeDeployment(input: $input) {
      deployment {
        id
        activationState
        tradingState
        flattenRequestedAt
      }
    }
  }
`);

export const HaltDeploymentMutation = graphql(`
  mutation HaltDeployment($input: DeploymentControlInput!) {
    haltDeployment(input: $input) {
      deployment {
        id
        activationState
        tradingState
        flattenRequestedAt
      }
    }
  }
`);

export const FlattenDeploymentMutation = graphql(`
  mutation FlattenDeployment($input: DeploymentControlInput!) {
    flattenDeployment(input: $input) {
      deployment {
        id
        activationState
        tradingState
        flattenRequestedAt
      }
    }
  }
`);
