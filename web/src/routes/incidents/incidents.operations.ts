import { graphql } from '#lib/gql/index.ts';

export const IncidentRowFragment = graphql(`
  fragment IncidentRow on MonitoringIncident {
    id
    incidentType
    severity
    status
    summary
    detectedAt
    resolvedAt
    notes
    context {
      path
      text
      number
      boolean
    }
    strategy {
      id
      code
      name
    }
    triggerEvent {
      id
      outcome
      outcomeReason
    }
    followUpCycle {
      id
      status
      configurationCount
      evaluationDate
      failureReason
    }
  }
`);

export const IncidentsQuery = graphql(`
  query Incidents($status: IncidentStatus) {
    incidents(first: 100, status: $status) {
      totalCount
      edges {
        node {
          ...IncidentRow
        }
      }
    }
  }
`);

/** Strategies a risk desk can open an incident on. */
export const IncidentStrategiesQuery = graphql(`
  query IncidentStrategies {
    strategies(first: 200) {
      edges {
        node {
          id
          code
          name
          lifecycleState
        }
      }
    }
  }
`);

export const OpenStrategyIncidentMutation = graphql(`
  mutation OpenStrategyIncident($input: OpenStrategyIncidentInput!) {
    openStrategyIncident(input: $input) {
      incident {
        ...IncidentRow
      }
    }
  }
`);

export const ReviewIncidentMutation = graphql(`
  mutation ReviewIncident($input: ChangeIncidentStatusInput!) {
    reviewIncident(input: $input) {
      incident {
        ...IncidentRow
      }
    }
  }
`);

export const ResolveIncidentMutation = graphql(`
  mutation ResolveIncident($input: ChangeIncidentStatusInput!) {
    resolveIncident(input: $input) {
      incident {
        ...IncidentRow
      }
    }
  }
`);

export const CloseIncidentMutation = graphql(`
  mutation CloseIncident($input: ChangeIncidentStatusInput!) {
    closeIncident(input: $input) {
      incident {
        ...IncidentRow
      }
    }
  }
`);

/** A follow-up cycle changed status (started, completed, failed): the incident list refetches. */
export const IncidentCycleUpdatedSubscription = graphql(`
  subscription IncidentCycleUpdated {
    scorecardUpdated {
      id
      status
    }
  }
`);
