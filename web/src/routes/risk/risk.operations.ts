import { graphql } from '#lib/gql/index.ts';

/** One deployment on the wall; capital figures only when the viewer's role may read them (`$withCapital`). */
export const PostureRowFragment = graphql(`
  fragment PostureRow on DeploymentPosture {
    effectiveTradingState
    killSwitchOn
    openIncidents
    lastMarkAt
    lagVsBasketBps
    lagStatus
    lagReason
    lagMessage
    breachedRules
    sparkline {
      barAt
      returnFraction
      basketReturnFraction
    }
    deployment {
      id
      databaseId
      stage
      effectiveStage
      activationState
      tradingState
      health
      healthReason
      symbol
      timeframe
      feedKind
      feedVenue
      quoteCurrency
      totalReturn
      drawdown
      equity @include(if: $withCapital)
      unrealizedPnl @include(if: $withCapital)
      realizedPnl @include(if: $withCapital)
      strategy {
        id
        code
      }
      strategyVersion {
        id
        versionTag
      }
    }
  }
`);

export const RiskPostureFieldsFragment = graphql(`
  fragment RiskPostureFields on RiskPosture {
    asOf
    policyVersion
    policyProblem
    truncated
    deployments {
      ...PostureRow
    }
    correlations {
      firstDeploymentId
      secondDeploymentId
      status
      correlation
      overlapDays
    }
    benchmarks {
      timeframe
      venue
      topAltSymbol
      description
      problem
      notApplicable
    }
  }
`);

export const RiskPostureQuery = graphql(`
  query RiskPosture($withCapital: Boolean!) {
    riskPosture {
      ...RiskPostureFields
    }
  }
`);

/** Pushed at once, then on every P&L mark, state change and incident change — at most once a second. */
export const RiskPostureSubscription = graphql(`
  subscription RiskPostureLive($withCapital: Boolean!) {
    riskPosture {
      ...RiskPostureFields
    }
  }
`);

export const FeedIncidentFragment = graphql(`
  fragment FeedIncident on MonitoringIncident {
    id
    incidentType
    severity
    status
    summary
    detectedAt
    breachKey
    impactedCapital @include(if: $withCapital)
    autoActions {
      path
      text
      number
      boolean
    }
    strategy {
      id
      code
    }
  }
`);

export const RecentIncidentsQuery = graphql(`
  query RecentIncidents($withCapital: Boolean!) {
    incidents(first: 30) {
      edges {
        node {
          ...FeedIncident
        }
      }
    }
  }
`);

/** Every incident opened or changed, as of the change. */
export const IncidentFeedSubscription = graphql(`
  subscription IncidentFeed($withCapital: Boolean!, $severity: IncidentSeverity) {
    incidents(severity: $severity) {
      ...FeedIncident
    }
  }
`);

export const BenchmarkBasketQuery = graphql(`
  query RiskBenchmarkBasket($timeframe: Timeframe!, $from: DateTimeISO, $to: DateTimeISO, $venue: ExchangeVenue) {
    benchmarkBasket(timeframe: $timeframe, from: $from, to: $to, venue: $venue) {
      timeframe
      description
      quoteCurrency
      barCount
      members {
        symbol
        weight
      }
      topAlt {
        symbol
        reason
      }
      points(maxPoints: 600) {
        timestamp
        equity
        drawdown
      }
    }
  }
`);
