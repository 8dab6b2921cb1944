import { graphql } from '#lib/gql/index.ts';

export const NotificationsQuery = graphql(`
  query Notifications($unreadOnly: Boolean) {
    notifications(first: 200, unreadOnly: $unreadOnly) {
      totalCount
      edges {
        node {
          id
          audience
          kind
          message
          subjectType
          subjectId
          createdAt
          readAt
        }
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      notifications {
        id
        readAt
      }
      unreadCount
    }
  }
`);
