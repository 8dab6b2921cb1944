import { graphql } from '#lib/gql/index.ts';

export const TriggerRowFragment = graphql(`
  fragment TriggerRow on TriggerEvent {
    id
    type
    subjectType
    subjectId
    details {
      path
      text
      number
      boolean
    }
    correlationId
    receivedAt
    enqueuedAt
    outcome
    outcomeReason
    links {
      targetType
      targetId
      jobKey
      taskIdentifier
    }
  }
`);

export const TriggerEventsQuery = graphql(`
  query TriggerEvents {
    triggerEvents(first: 100) {
      totalCount
      edges {
        node {
          ...TriggerRow
        }
      }
    }
  }
`);

export const TriggerRecordedSubscription = graphql(`
  subscription TriggerRecorded {
    triggerRecorded {
      ...TriggerRow
    }
  }
`);
